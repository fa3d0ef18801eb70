//! The Audit page: the entries the acting account may read, newest first,
//! filtered by account, action and time, paged by key.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::audit::{AuditPage as Page, AuditQuery, AuditRow, list_audit};
use crate::domain::audit::ACTIONS;
use crate::domain::locale::Locale;
use crate::error::AppError;
use crate::ui::components::field::{field_error, form_error};
use crate::ui::i18n::pages::{action_label, audit_time, chain, texts_in, use_pages_texts};
use crate::ui::i18n::{use_locale, use_texts};

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

fn row_view(row: AuditRow, locale: Locale) -> impl IntoView {
    let t = texts_in(locale);
    let detail = if row.detail.is_empty() {
        "—".to_owned()
    } else {
        row.detail
    };
    let time = match locale {
        Locale::En => row.time,
        _ => audit_time(locale, row.at),
    };
    let who = if row.chain.is_empty() {
        row.who
    } else {
        chain(locale, &row.chain)
    };
    let action = action_label(locale, &row.action).map_or(row.action_label, str::to_owned);
    view! {
        <tr>
            <td data-label=t.time><time datetime=row.at.to_string()>{time}</time></td>
            <td data-label=t.who>{who}</td>
            <td data-label=t.action>{action}</td>
            <td data-label=t.target>{row.target}</td>
            <td data-label=t.what_changed class="audit-detail">{detail}</td>
        </tr>
    }
}

fn table(page: Page, locale: Locale) -> impl IntoView {
    let t = texts_in(locale);
    if page.rows.is_empty() {
        return view! { <p class="muted">{t.no_entries}</p> }.into_any();
    }
    view! {
        <table class="data-table audit-table">
            <caption class="visually-hidden">{t.audit_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.time_utc}</th>
                    <th scope="col">{t.who}</th>
                    <th scope="col">{t.action}</th>
                    <th scope="col">{t.target}</th>
                    <th scope="col">{t.what_changed}</th>
                </tr>
            </thead>
            <tbody>{page.rows.into_iter().map(|row| row_view(row, locale)).collect_view()}</tbody>
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
    let locale = use_locale();
    let (t, frame) = (use_pages_texts(), use_texts());

    view! {
        <Title text=t.audit_log />
        <div class="page-head">
            <h1>{t.audit_log}</h1>
        </div>
        <section class="card">
            <form class="filters audit-filters" role="search" aria-label=t.filter_audit_log on:submit=apply>
                <FilterField id="audit-login" label=t.account kind="search" value=login error=field("login") placeholder=t.login_placeholder />
                <div class="field inline">
                    <label for="audit-action">{t.action}</label>
                    <select
                        id="audit-action"
                        name="audit-action"
                        aria-invalid=move || action_error.get().is_some().to_string()
                        aria-describedby="audit-action-error"
                        on:change=move |ev| action.set(event_target_value(&ev))
                    >
                        <option value="">{t.any_action}</option>
                        {ACTIONS
                            .iter()
                            .map(|(key, label)| {
                                let label = action_label(locale, key).unwrap_or(label);
                                view! { <option value=*key>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="error" id="audit-action-error" role="alert" aria-live="polite">{move || action_error.get()}</p>
                </div>
                <FilterField id="audit-from" label=t.from_utc kind="date" value=from error=field("from") />
                <FilterField id="audit-to" label=t.to_utc kind="date" value=to error=field("to") />
                <button type="submit" class="button primary">{t.apply}</button>
            </form>
            <Transition fallback=move || view! { <p class="loading" role="status">{frame.loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let next = page.next.clone();
                            view! {
                                <div class="table-wrap">{table(page, locale)}</div>
                                <nav class="pager" aria-label=t.audit_pages>
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
                                        {t.newer}
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
                                        {t.older}
                                    </button>
                                </nav>
                            }
                            .into_any()
                        }
                        Err(_) => {
                            let message = form_error(error, FIELDS);
                            view! {
                                <p class="error-box" role="alert">
                                    {move || message.get().unwrap_or_else(|| t.correct_filters.into())}
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
