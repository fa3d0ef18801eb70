//! An account list with filters, sorting, keyset paging, multi-select and
//! bulk actions: the admin's resellers, a manager's users, or all users.

use leptos::prelude::*;

use super::account_kind::{ListAction, ListKind};
use super::account_table::{AccountTable, Selection};
use super::confirm_delete::ConfirmDelete;
use super::list_toolbar::ListToolbar;
use crate::api::resellers::{delete_resellers, list_resellers, set_resellers_enabled};
use crate::api::users::{delete_users, list_users, set_users_enabled};
use crate::domain::account::StateFilter;
use crate::domain::listing::{ListQuery, SortKey};
use crate::error::AppError;
use crate::model::{AccountPage, BulkReport};

#[derive(Debug, Clone)]
pub enum BulkOp {
    Enable { ids: Vec<String>, also_users: bool },
    Disable(Vec<String>),
    Delete(Vec<String>),
}

async fn fetch(kind: ListKind, query: ListQuery) -> Result<AccountPage, AppError> {
    match kind {
        ListKind::Resellers => list_resellers(query).await,
        ListKind::Users | ListKind::AllUsers => list_users(query).await,
    }
}

async fn run(kind: ListKind, op: BulkOp) -> Result<BulkReport, AppError> {
    let resellers = kind == ListKind::Resellers;
    match (op, resellers) {
        (BulkOp::Enable { ids, also_users }, true) => {
            set_resellers_enabled(ids, true, also_users).await
        }
        (BulkOp::Enable { ids, .. }, false) => set_users_enabled(ids, true).await,
        (BulkOp::Disable(ids), true) => set_resellers_enabled(ids, false, false).await,
        (BulkOp::Disable(ids), false) => set_users_enabled(ids, false).await,
        (BulkOp::Delete(ids), true) => delete_resellers(ids).await,
        (BulkOp::Delete(ids), false) => delete_users(ids).await,
    }
}

#[component]
pub fn AccountList(kind: ListKind) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let state = RwSignal::new(StateFilter::Any);
    let sort = RwSignal::new(SortKey::Login);
    let descending = RwSignal::new(false);
    // Pages already visited, so that "Previous" can go back.
    let history = RwSignal::new(Vec::<Option<String>>::new());
    let after = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let selected = RwSignal::new(Selection::new());
    let notice = RwSignal::new(None::<Result<String, String>>);
    let also_users = RwSignal::new(false);
    let confirming_delete = RwSignal::new(false);

    let page = Resource::new(
        move || {
            (
                ListQuery {
                    filter: filter.get(),
                    state: state.get(),
                    sort: sort.get(),
                    descending: descending.get(),
                    after: after.get(),
                    owner: Some(owner.get()).filter(|o| !o.trim().is_empty()),
                },
                reload.get(),
                // Another tab, user or instance changed accounts.
                crate::ui::live::LiveUpdates::accounts(),
            )
        },
        move |(query, _, _)| fetch(kind, query),
    );

    let restart = move || {
        after.set(None);
        history.set(Vec::new());
    };
    let sort_by = move |key: SortKey| {
        if sort.get_untracked() == key {
            descending.update(|d| *d = !*d);
        } else {
            sort.set(key);
            descending.set(false);
        }
        restart();
    };

    let bulk = Action::new(move |op: &BulkOp| run(kind, op.clone()));
    Effect::new(move |_| {
        let Some(result) = bulk.value().get() else {
            return;
        };
        match result {
            Ok(report) => {
                let refused: Vec<String> = report.refused.iter().map(|r| r.login.clone()).collect();
                notice.set(Some(if report.refused.is_empty() {
                    Ok(report.summary())
                } else {
                    Err(report.summary())
                }));
                selected.update(|s| s.retain(|(_, login)| refused.contains(login)));
                reload.update(|n| *n += 1);
            }
            Err(error) => notice.set(Some(Err(error.to_string()))),
        }
    });
    let ids = move || selected.with(|s| s.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
    let names = move || {
        selected.with(|s| {
            s.iter()
                .map(|(_, l)| l.clone())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let add_label = format!("Add {}", kind.noun());

    view! {
        <div class="page-head">
            <h1>{kind.title()}</h1>
            {kind.offers(ListAction::Create).then(|| view! {
                <a class="button primary" href=format!("{}/new", kind.base())>{add_label}</a>
            })}
        </div>
        <section class="card">
            <div class="filters" role="search">
                <div class="field inline">
                    <label for="filter-name">"Name"</label>
                    <input
                        id="filter-name"
                        type="search"
                        placeholder="Filter by name"
                        autocomplete="off"
                        prop:value=move || filter.get()
                        on:input=move |ev| {
                            filter.set(event_target_value(&ev));
                            restart();
                        }
                    />
                </div>
                {kind.shows_owner().then(|| view! {
                    <div class="field inline">
                        <label for="filter-owner">"Owner"</label>
                        <input
                            id="filter-owner"
                            type="search"
                            placeholder="Reseller login"
                            autocomplete="off"
                            prop:value=move || owner.get()
                            on:change=move |ev| {
                                owner.set(event_target_value(&ev));
                                restart();
                            }
                        />
                    </div>
                })}
                <div class="field inline">
                    <label for="filter-state">"State"</label>
                    <select
                        id="filter-state"
                        on:change=move |ev| {
                            state.set(StateFilter::parse(&event_target_value(&ev)));
                            restart();
                        }
                    >
                        <option value="any">"All"</option>
                        <option value="active">"Active"</option>
                        <option value="inactive">"Not active"</option>
                    </select>
                </div>
                <div class="field inline">
                    <label for="sort-by">"Sort by"</label>
                    <select
                        id="sort-by"
                        prop:value=move || format!("{}:{}", sort.get().key(), if descending.get() { "desc" } else { "asc" })
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let (key, direction) = value.split_once(':').unwrap_or((value.as_str(), "asc"));
                            sort.set(SortKey::parse(key));
                            descending.set(direction == "desc");
                            restart();
                        }
                    >
                        <option value="login:asc">"Name (A–Z)"</option>
                        <option value="login:desc">"Name (Z–A)"</option>
                        {kind.manages_users().then(|| view! { <option value="users:desc">"Most users"</option> })}
                        <option value="disk:desc">"Largest disk quota"</option>
                        <option value="disk:asc">"Smallest disk quota"</option>
                        <option value="traffic:desc">"Largest traffic limit"</option>
                        <option value="state:asc">"Inactive first"</option>
                    </select>
                </div>
            </div>
            <ListToolbar kind selected bulk also_users confirming_delete notice />
            <p class="status-line" role="status" aria-live="polite">
                {move || match notice.get() {
                    Some(Ok(text)) => view! { <span class="notice">"✓ "{text}</span> }.into_any(),
                    Some(Err(text)) => view! { <span class="error-box">"⚠ "{text}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let next = page.next.clone();
                            let shown = page.rows.len();
                            view! {
                                <AccountTable kind rows=page.rows selected sort descending sort_by />
                                <div class="pager">
                                    <p class="muted">
                                        {format!("{shown} shown of {} {}", page.total, kind.plural(page.total))}
                                    </p>
                                    <button
                                        type="button"
                                        class="button secondary"
                                        disabled=move || history.with(Vec::is_empty)
                                        on:click=move |_| {
                                            let mut stack = history.get_untracked();
                                            let previous = stack.pop().flatten();
                                            history.set(stack);
                                            after.set(previous);
                                        }
                                    >
                                        "Previous"
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
                                        "Next"
                                    </button>
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error-box" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <Show when=move || confirming_delete.get()>
            <ConfirmDelete kind names=names() confirming=confirming_delete on_confirm=move || {
                bulk.dispatch(BulkOp::Delete(ids()));
            } />
        </Show>
    }
}
