//! The Audit page: the entries the acting account may read, newest first,
//! filtered by account, action and time, paged by key.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::audit::{AuditPage as Page, AuditQuery, AuditRow, list_audit};
use crate::domain::audit::ACTIONS;
use crate::error::AppError;
use crate::ui::components::field::{field_error, form_error};

const FIELDS: &[&str] = &["login", "action", "from", "to", "after"];

/// One filter input with its label and its error, wired for screen readers.
#[component]
fn FilterField(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field inline">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=kind
                placeholder=placeholder
                autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="error" id=error_id role="alert" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

fn row_view(row: AuditRow) -> impl IntoView {
    let detail = if row.detail.is_empty() {
        "—".to_owned()
    } else {
        row.detail
    };
    view! {
        <tr>
            <td data-label="Time"><time datetime=row.at.to_string()>{row.time}</time></td>
            <td data-label="Who">{row.who}</td>
            <td data-label="Action">{row.action_label}</td>
            <td data-label="Target">{row.target}</td>
            <td data-label="What changed" class="audit-detail">{detail}</td>
        </tr>
    }
}

fn table(page: Page) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <p class="muted">"No entries match these filters."</p> }.into_any();
    }
    view! {
        <table class="data-table audit-table">
            <caption class="visually-hidden">"Audit entries, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Time (UTC)"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Target"</th>
                    <th scope="col">"What changed"</th>
                </tr>
            </thead>
            <tbody>{page.rows.into_iter().map(row_view).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    // What is typed, and what was applied (the page follows the latter).
    let (login, action, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let applied = RwSignal::new(AuditQuery::default());
    let after = RwSignal::new(None::<String>);
    // Cursors of the pages already seen, so that "Newer" can go back.
    let history = RwSignal::new(Vec::<Option<String>>::new());

    // The last refusal, for the fields outside the Transition. Kept by the
    // fetcher rather than derived from `page.get()`: reading the resource
    // outside its Transition blocked the server's rendering thread.
    let refusal = RwSignal::new(None::<AppError>);
    let page = Resource::new(
        move || {
            (
                AuditQuery {
                    after: after.get(),
                    ..applied.get()
                },
                // New entries anywhere: the page is asked for again.
                crate::ui::live::LiveUpdates::audit(),
            )
        },
        move |(query, _)| async move {
            let result = list_audit(query).await;
            refusal.set(result.as_ref().err().cloned());
            result
        },
    );
    let error = Signal::derive(move || refusal.get());
    let field = move |name| field_error(error, name);

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        history.set(Vec::new());
        after.set(None);
        applied.set(AuditQuery {
            login: login.get_untracked(),
            action: action.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            after: None,
        });
    };
    let action_error = field("action");

    view! {
        <Title text="Audit log" />
        <div class="page-head">
            <h1>"Audit log"</h1>
        </div>
        <section class="card">
            <form class="filters audit-filters" role="search" aria-label="Filter the audit log" on:submit=apply>
                <FilterField id="audit-login" label="Account" kind="search" value=login error=field("login") placeholder="login" />
                <div class="field inline">
                    <label for="audit-action">"Action"</label>
                    <select
                        id="audit-action"
                        name="audit-action"
                        aria-invalid=move || action_error.get().is_some().to_string()
                        aria-describedby="audit-action-error"
                        on:change=move |ev| action.set(event_target_value(&ev))
                    >
                        <option value="">"Any action"</option>
                        {ACTIONS
                            .iter()
                            .map(|(key, label)| view! { <option value=*key>{*label}</option> })
                            .collect_view()}
                    </select>
                    <p class="error" id="audit-action-error" role="alert" aria-live="polite">{move || action_error.get()}</p>
                </div>
                <FilterField id="audit-from" label="From (UTC)" kind="date" value=from error=field("from") />
                <FilterField id="audit-to" label="To (UTC)" kind="date" value=to error=field("to") />
                <button type="submit" class="button primary">"Apply"</button>
            </form>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let next = page.next.clone();
                            view! {
                                <div class="table-wrap">{table(page)}</div>
                                <nav class="pager" aria-label="Audit pages">
                                    <button
                                        type="button"
                                        class="button secondary"
                                        disabled=move || history.with(Vec::is_empty)
                                        on:click=move |_| {
                                            let mut stack = history.get_untracked();
                                            let newer = stack.pop().flatten();
                                            history.set(stack);
                                            after.set(newer);
                                        }
                                    >
                                        "Newer"
                                    </button>
                                    <button
                                        type="button"
                                        class="button secondary"
                                        disabled=next.is_none()
                                        on:click=move |_| {
                                            history.update(|h| h.push(after.get_untracked()));
                                            after.set(next.clone());
                                        }
                                    >
                                        "Older"
                                    </button>
                                </nav>
                            }
                            .into_any()
                        }
                        Err(_) => {
                            let message = form_error(error, FIELDS);
                            view! {
                                <p class="error-box" role="alert">
                                    {move || message.get().unwrap_or_else(|| "Correct the filters above.".into())}
                                </p>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
