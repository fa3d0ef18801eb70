//! An account list with filters, sorting, keyset paging, multi-select and
//! bulk actions: the admin's resellers, a manager's users, or all users.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::{Deserialize, Serialize};

use super::account_kind::{ListAction, ListKind};
use super::account_table::{AccountTable, Selection};
use super::confirm_delete::ConfirmDelete;
use super::field::hydrated;
use super::list_options::{SORT_OPTIONS, StateOption};
use super::list_pager::Pager;
use super::list_toolbar::ListToolbar;
use crate::api::resellers::{delete_resellers, list_resellers, set_resellers_enabled};
use crate::api::users::{delete_users, list_users, set_users_enabled};
use crate::domain::account::StateFilter;
use crate::domain::listing::{ListQuery, SortKey};
use crate::domain::listing_address::parse_sort_param;
use crate::error::AppError;
use crate::model::{AccountPage, BulkReport};
use crate::ui::i18n::accounts::{add_account, bulk_summary, list_title, use_accounts_texts};
use crate::ui::i18n::{frame, use_locale};

/// What a list action posted before the WebAssembly ran came to: the server
/// renders the list again with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum PostedListOutcome {
    /// The line above the table: done, or refused and why.
    Notice(Result<String, String>),
    /// Delete was pressed: the list comes back asking about these rows.
    ConfirmDelete(Selection),
}

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

/// Runs a bulk action through the list's server functions (the page calls
/// it, and so does the server for a list posted before hydration).
pub async fn run_bulk(kind: ListKind, op: BulkOp) -> Result<BulkReport, AppError> {
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
    // The list's filters, sort and page are its address: back, reload and a
    // shared link show the same list, and the server renders it first.
    let address = use_query_map();
    let query = Memo::new(move |_| address.with(|q| ListQuery::from_params(|key| q.get(key))));
    let navigate = use_navigate();
    let show = Callback::new(move |next: ListQuery| {
        navigate(
            &format!("{}{}", kind.base(), next.to_address_query()),
            NavigateOptions {
                // Typing a filter must not add a history entry per letter.
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    // What the name box shows while typing runs ahead of the address.
    let filter_text = RwSignal::new(query.get_untracked().filter);
    Effect::new(move |_| {
        let from_address = query.with(|q| q.filter.clone());
        if filter_text.get_untracked().trim() != from_address.trim() {
            filter_text.set(from_address);
        }
    });
    // Each page's predecessor as this tab walked forward, for "Previous"; a
    // reloaded page knows none and offers "First page" instead.
    let came_from = StoredValue::new(std::collections::HashMap::<String, Option<String>>::new());
    let reload = RwSignal::new(0u32);
    let posted = SharedValue::new(use_context::<PostedListOutcome>).into_inner();
    let (first_notice, first_selection) = match posted {
        Some(PostedListOutcome::Notice(notice)) => (Some(notice), Selection::new()),
        Some(PostedListOutcome::ConfirmDelete(rows)) => (None, rows),
        None => (None, Selection::new()),
    };
    let confirming_delete = RwSignal::new(!first_selection.is_empty());
    let selected = RwSignal::new(first_selection);
    let notice = RwSignal::new(first_notice);
    let also_users = RwSignal::new(false);
    // The Apply button is for browsers that have not run the WebAssembly yet.
    let hydrated = hydrated();
    // The toolbar's buttons and the rows' boxes belong to this form (by its
    // id): before the WebAssembly runs, a button posts the ticked rows to
    // this address; after, the page does the work itself.
    let actions_form = kind.actions_form();

    let page = Resource::new(
        move || {
            (
                query.get(),
                reload.get(),
                // Another tab, user or instance changed accounts.
                crate::ui::live::LiveUpdates::accounts(),
            )
        },
        move |(query, _, _)| fetch(kind, query),
    );

    let sort = Signal::derive(move || query.with(|q| q.sort));
    let descending = Signal::derive(move || query.with(|q| q.descending));
    // A column's heading is a link to the list sorted by it (the other way
    // round when it already is), so that it works before hydration too.
    let sort_href = move |key: SortKey| {
        query.with(|current| {
            let next = ListQuery {
                sort: key,
                descending: current.sort == key && !current.descending,
                after: None,
                ..current.clone()
            };
            format!("{}{}", kind.base(), next.to_address_query())
        })
    };

    let (t, locale) = (use_accounts_texts(), use_locale());
    let bulk = Action::new(move |op: &BulkOp| run_bulk(kind, op.clone()));
    Effect::new(move |_| {
        let Some(result) = bulk.value().get() else {
            return;
        };
        match result {
            Ok(report) => {
                let refused: Vec<String> = report.refused.iter().map(|r| r.login.clone()).collect();
                let summary = bulk_summary(locale, &report);
                notice.set(Some(if report.refused.is_empty() {
                    Ok(summary)
                } else {
                    Err(summary)
                }));
                selected.update(|s| s.retain(|(_, login)| refused.contains(login)));
                reload.update(|n| *n += 1);
            }
            Err(error) => notice.set(Some(Err(crate::ui::i18n::refusals::localized(&error)))),
        }
    });
    let ids = move || selected.with(|s| s.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
    let here = move || format!("{}{}", kind.base(), query.with(ListQuery::to_address_query));
    let loading = frame::use_texts().loading;

    view! {
        <div class="page-head">
            <h1>{list_title(locale, kind)}</h1>
            {kind.offers(ListAction::Create).then(|| view! {
                <a class="button primary" href=format!("{}/new", kind.base())>{add_account(locale, kind)}</a>
            })}
        </div>
        <section class="card">
            <form
                class="filters"
                role="search"
                method="get"
                action=kind.base()
                class:hydrated=hydrated
                on:submit=move |ev| ev.prevent_default()
            >
                <div class="field inline">
                    <label for="filter-name">{t.filter_name}</label>
                    <input
                        id="filter-name"
                        name="q"
                        type="search"
                        placeholder=t.filter_by_name
                        autocomplete="off"
                        value=filter_text.get_untracked()
                        prop:value=move || filter_text.get()
                        on:input={
                                                        move |ev| {
                                let text = event_target_value(&ev);
                                filter_text.set(text.clone());
                                show.run(ListQuery { filter: text, ..query.get_untracked().first_page() });
                            }
                        }
                    />
                </div>
                <details class="more-filters">
                    <summary>{t.filters_and_sorting}</summary>
                    <div class="more-filters-body">
                        {kind.shows_owner().then(|| view! {
                                <div class="field inline">
                                    <label for="filter-owner">{t.owner}</label>
                                    <input
                                        id="filter-owner"
                                        name="owner"
                                        type="search"
                                        placeholder=t.reseller_login
                                        autocomplete="off"
                                        value=query.with_untracked(|q| q.owner.clone().unwrap_or_default())
                                        prop:value=move || query.with(|q| q.owner.clone().unwrap_or_default())
                                        on:change=move |ev| {
                                            let owner = Some(event_target_value(&ev)).filter(|o| !o.trim().is_empty());
                                            show.run(ListQuery { owner, ..query.get_untracked().first_page() });
                                        }
                                    />
                                </div>
                        })}
                        <div class="field inline">
                            <label for="filter-state">{t.state}</label>
                            <select
                                id="filter-state"
                                name="state"
                                prop:value=move || query.with(|q| q.state.key())
                                on:change=move |ev| {
                                    let state = StateFilter::parse(&event_target_value(&ev));
                                    show.run(ListQuery { state, ..query.get_untracked().first_page() });
                                }
                            >
                                {StateOption::ALL.map(|option| view! {
                                    <option value=option.value selected=move || query.with(|q| q.state.key() == option.value)>
                                        {(option.label)(t)}
                                    </option>
                                })}
                            </select>
                        </div>
                        <div class="field inline">
                            <label for="sort-by">{t.sort_by}</label>
                            <select
                                id="sort-by"
                                name="sort"
                                prop:value=move || query.with(ListQuery::sort_param)
                                on:change=move |ev| {
                                    let (sort, descending) = parse_sort_param(&event_target_value(&ev));
                                    show.run(ListQuery { sort, descending, ..query.get_untracked().first_page() });
                                }
                            >
                                {SORT_OPTIONS
                                    .iter()
                                    .filter(|option| kind.manages_users() || option.value != "users-desc")
                                    .map(|option| view! {
                                        <option value=option.value selected=move || query.with(|q| q.sort_param() == option.value)>
                                            {(option.label)(t)}
                                        </option>
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </div>
                </details>
                <button type="submit" class="button secondary apply">{t.apply}</button>
            </form>
            <form id=actions_form method="post" on:submit=move |ev| ev.prevent_default()></form>
            <ListToolbar kind selected bulk also_users confirming_delete notice />
            <p class="status-line" role="status" aria-live="polite">
                {move || match notice.get() {
                    Some(Ok(text)) => view! { <span class="notice">"✓ "{text}</span> }.into_any(),
                    Some(Err(text)) => view! { <span class="error-box">"⚠ "{text}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
            <Transition fallback=move || view! { <p class="loading" role="status">{loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let next = page.next.clone();
                            let shown = page.rows.len();
                            view! {
                                <AccountTable kind rows=page.rows selected sort descending sort_href />
                                <Pager kind query shown total=page.total next came_from />
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <Show when=move || confirming_delete.get()>
            <ConfirmDelete kind rows=selected.get_untracked() cancel_href=here() confirming=confirming_delete on_confirm=move || {
                bulk.dispatch(BulkOp::Delete(ids()));
            } />
        </Show>
    }
}
