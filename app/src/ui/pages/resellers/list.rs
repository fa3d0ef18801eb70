use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::api::resellers::{delete_resellers, list_resellers, set_resellers_enabled};
use crate::domain::account::StateFilter;
use crate::domain::limits::{format_limit_mib, format_mib};
use crate::domain::listing::{ListQuery, SortKey};
use crate::model::AccountListRow;
use crate::ui::components::account_badges::{PropertyIcons, StateBadge};

#[derive(Debug, Clone)]
enum BulkOp {
    Enable { ids: Vec<String>, also_users: bool },
    Disable(Vec<String>),
    Delete(Vec<String>),
}

/// A selected row: its id for the server, its login for people.
type Selection = Vec<(String, String)>;

#[component]
pub fn ResellersPage() -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let state = RwSignal::new(StateFilter::Any);
    let sort = RwSignal::new(SortKey::Login);
    let descending = RwSignal::new(false);
    // Page starts already visited, so that "Previous" can go back.
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
                    owner: None,
                },
                reload.get(),
            )
        },
        |(query, _)| list_resellers(query),
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

    let bulk = Action::new(move |op: &BulkOp| {
        let op = op.clone();
        async move {
            match op {
                BulkOp::Enable { ids, also_users } => {
                    set_resellers_enabled(ids, true, also_users).await
                }
                BulkOp::Disable(ids) => set_resellers_enabled(ids, false, false).await,
                BulkOp::Delete(ids) => delete_resellers(ids).await,
            }
        }
    });
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
    let none_selected = move || selected.with(Vec::is_empty);
    let navigate = use_navigate();
    let edit_selected = move |_| {
        if let Some((id, _)) = selected.with(|s| (s.len() == 1).then(|| s[0].clone())) {
            navigate(&format!("/resellers/{id}"), Default::default());
        }
    };

    view! {
        <Title text="Resellers — Trellis" />
        <div class="page-head">
            <h1>"Resellers"</h1>
            <a class="button primary" href="/resellers/new">"Add reseller"</a>
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
                        <option value="users:desc">"Most users"</option>
                        <option value="disk:desc">"Largest disk quota"</option>
                        <option value="disk:asc">"Smallest disk quota"</option>
                        <option value="traffic:desc">"Largest traffic limit"</option>
                        <option value="state:asc">"Inactive first"</option>
                    </select>
                </div>
            </div>
            <div class="toolbar" role="toolbar" aria-label="Actions on selected resellers">
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || selected.with(|s| s.len() != 1)
                    on:click=edit_selected
                >
                    "Edit"
                </button>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || none_selected() || bulk.pending().get()
                    on:click=move |_| {
                        bulk.dispatch(BulkOp::Enable { ids: ids(), also_users: also_users.get_untracked() });
                    }
                >
                    "Enable"
                </button>
                <span class="check small">
                    <input id="also-users" type="checkbox" bind:checked=also_users />
                    <label for="also-users">"also enable users disabled individually"</label>
                </span>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || none_selected() || bulk.pending().get()
                    on:click=move |_| {
                        bulk.dispatch(BulkOp::Disable(ids()));
                    }
                >
                    "Disable"
                </button>
                <button
                    type="button"
                    class="button danger"
                    disabled=move || none_selected() || bulk.pending().get()
                    on:click=move |_| confirming_delete.set(true)
                >
                    "Delete"
                </button>
            </div>
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
                                <ResellerTable rows=page.rows selected sort descending sort_by />
                                <div class="pager">
                                    <p class="muted">
                                        {format!("{shown} shown of {} reseller{}", page.total, if page.total == 1 { "" } else { "s" })}
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
            <ConfirmDelete selected confirming=confirming_delete on_confirm=move || {
                bulk.dispatch(BulkOp::Delete(ids()));
            } />
        </Show>
    }
}

#[component]
fn ConfirmDelete(
    selected: RwSignal<Selection>,
    confirming: RwSignal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let names = move || {
        selected.with(|s| {
            s.iter()
                .map(|(_, l)| l.clone())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <div class="overlay">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-text">
                <h2 id="delete-title">"Delete resellers?"</h2>
                <p id="delete-text">
                    "This deletes " <strong>{names}</strong>
                    ". A reseller that still owns users is not deleted. This cannot be undone."
                </p>
                <div class="dialog-actions">
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        class="button danger"
                        autofocus=true
                        on:click=move |_| {
                            confirming.set(false);
                            on_confirm();
                        }
                    >
                        "Delete"
                    </button>
                </div>
            </div>
        </div>
    }
}

#[component]
fn ResellerTable(
    rows: Vec<AccountListRow>,
    selected: RwSignal<Selection>,
    sort: RwSignal<SortKey>,
    descending: RwSignal<bool>,
    sort_by: impl Fn(SortKey) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No resellers match."</p> }.into_any();
    }
    let all: Selection = rows
        .iter()
        .map(|r| (r.id.clone(), r.login.clone()))
        .collect();
    let all_for_check = all.clone();
    let all_selected = move || selected.with(|s| all_for_check.iter().all(|row| s.contains(row)));
    let header = move |key: SortKey, label: &'static str| {
        let aria = move || {
            (sort.get() == key).then(|| {
                if descending.get() {
                    "descending"
                } else {
                    "ascending"
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort_by(key)>
                    {label}
                    <span aria-hidden="true">
                        {move || match (sort.get() == key, descending.get()) {
                            (true, false) => " ▲",
                            (true, true) => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col" class="select">
                            <input
                                type="checkbox"
                                aria-label="Select all on this page"
                                prop:checked=all_selected
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| {
                                        s.retain(|row| !all.contains(row));
                                        if on {
                                            s.extend(all.iter().cloned());
                                        }
                                    });
                                }
                            />
                        </th>
                        {header(SortKey::Login, "Name")}
                        <th scope="col">"Properties"</th>
                        {header(SortKey::Users, "Users")}
                        {header(SortKey::Disk, "Disk quota")}
                        {header(SortKey::Traffic, "Traffic")}
                        {header(SortKey::State, "State")}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <ResellerRow row selected /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ResellerRow(row: AccountListRow, selected: RwSignal<Selection>) -> impl IntoView {
    let key = (row.id.clone(), row.login.clone());
    let key_for_check = key.clone();
    let over_allocated = row.over_allocated();
    let over_used = row.over_used();
    let users_over = !row.limits.users.admits(row.allocation.users);
    let allocated = |mib: u64, unlimited: u64| {
        if unlimited > 0 {
            format!("{} + {unlimited} ∞", format_mib(mib))
        } else {
            format_mib(mib)
        }
    };
    let disk_allocated = allocated(row.allocation.disk_mib, row.allocation.disk_unlimited);
    let traffic_allocated = allocated(row.allocation.traffic_mib, row.allocation.traffic_unlimited);
    view! {
        <tr class:warn=over_allocated || over_used>
            <td class="select" data-label="Select">
                <input
                    type="checkbox"
                    aria-label=format!("Select {}", row.login)
                    prop:checked=move || selected.with(|s| s.contains(&key_for_check))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            s.retain(|k| k != &key);
                            if on {
                                s.push(key.clone());
                            }
                        });
                    }
                />
            </td>
            <th scope="row" data-label="Name">
                <a href=format!("/resellers/{}", row.id)>{row.login.clone()}</a>
            </th>
            <td data-label="Properties"><PropertyIcons state=row.state features=row.features /></td>
            <td data-label="Users" class:over=users_over>
                <div>
                    {format!("{} / {}", row.allocation.users, row.limits.users)}
                    {users_over.then(|| view! { <span class="flag">"⚠ over limit"</span> })}
                </div>
            </td>
            <td data-label="Disk quota">
                <div>
                    <span>{format!("{} / {}", format_limit_mib(row.limits.disk_mib), format_mib(row.used_disk_mib))}</span>
                    <span class="sub" class:over=over_allocated>"allocated "{disk_allocated}</span>
                </div>
            </td>
            <td data-label="Traffic">
                <div>
                    <span>{format!("{} / {}", format_limit_mib(row.limits.traffic_mib), format_mib(row.used_traffic_mib))}</span>
                    <span class="sub">"allocated "{traffic_allocated}</span>
                    {(over_allocated || over_used).then(|| view! { <span class="flag">"⚠ over-allocated or over-used"</span> })}
                </div>
            </td>
            <td data-label="State"><StateBadge state=row.state /></td>
        </tr>
    }
}
