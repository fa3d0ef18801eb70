//! The table of an account list. At phone width CSS turns each row into a
//! card, labelled by `data-label`.

use leptos::prelude::*;

use super::account_badges::{PropertyIcons, StateBadge};
use super::account_kind::{ListAction, ListKind};
use super::amount::{Allocated, LimitMib, Mib};
use crate::domain::listing::SortKey;
use crate::domain::locale::Locale;
use crate::domain::posted_selection::row_value;
use crate::model::AccountListRow;
use crate::ui::i18n::accounts::{none_match, select, texts_in, use_accounts_texts};
use crate::ui::i18n::use_locale;

/// A selected row: its id for the server, its login for people.
pub type Selection = Vec<(String, String)>;

#[component]
pub fn AccountTable(
    kind: ListKind,
    rows: Vec<AccountListRow>,
    selected: RwSignal<Selection>,
    sort: Signal<SortKey>,
    descending: Signal<bool>,
    /// The list's address sorted by a column (`AccountList`).
    sort_href: impl Fn(SortKey) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (t, locale) = (use_accounts_texts(), use_locale());
    if rows.is_empty() {
        return view! { <p class="empty">{none_match(locale, kind)}</p> }.into_any();
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
                <a class="sort" href=move || sort_href(key) data-noscroll>
                    {label}
                    <span aria-hidden="true">
                        {move || match (sort.get() == key, descending.get()) {
                            (true, false) => " ▲",
                            (true, true) => " ▼",
                            _ => "",
                        }}
                    </span>
                </a>
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
                                aria-label=t.select_all_on_page
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
                        {header(SortKey::Login, t.name)}
                        {kind.shows_owner().then(|| view! { <th scope="col">{t.owner}</th> })}
                        <th scope="col">{t.properties}</th>
                        {kind.manages_users().then(|| header(SortKey::Users, t.users))}
                        {header(SortKey::Disk, t.disk_quota)}
                        {header(SortKey::Traffic, t.traffic)}
                        {header(SortKey::State, t.state)}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <AccountRow kind row selected locale /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AccountRow(
    kind: ListKind,
    row: AccountListRow,
    selected: RwSignal<Selection>,
    /// The table's, passed down rather than looked up by every row and cell
    /// (see `amount::Mib`).
    locale: Locale,
) -> impl IntoView {
    let t = texts_in(locale);
    let key = (row.id.clone(), row.login.clone());
    let key_for_check = key.clone();
    let over_allocated = row.over_allocated();
    let over_used = row.over_used();
    let users_over = !row.limits.users.admits(row.allocation.users);
    let pool = kind.manages_users();
    let (disk, disk_unlimited) = (row.allocation.disk_mib, row.allocation.disk_unlimited);
    let disk_allocated = pool.then(|| {
        view! {
            <span class="sub" class:over=over_allocated>
                {t.allocated_prefix} <Allocated mib=disk unlimited=disk_unlimited locale />
            </span>
        }
    });
    let (traffic, unlimited) = (row.allocation.traffic_mib, row.allocation.traffic_unlimited);
    let traffic_allocated = pool.then(|| {
        view! { <span class="sub">{t.allocated_prefix} <Allocated mib=traffic unlimited locale /></span> }
    });
    let flag = match (over_allocated, over_used) {
        (true, _) => Some(t.over_allocated),
        (false, true) => Some(t.over_quota),
        _ => None,
    };
    let users_cell = pool.then(|| {
        view! {
            <td data-label=t.users class:over=users_over>
                <div>
                    {format!("{} / {}", row.allocation.users, row.limits.users)}
                    {users_over.then(|| view! { <span class="flag">{t.over_limit}</span> })}
                </div>
            </td>
        }
    });
    let owner_cell = kind.shows_owner().then(|| {
        view! { <td data-label=t.owner>{row.owner_login.clone().unwrap_or_default()}</td> }
    });
    view! {
        <tr class:warn=over_allocated || over_used>
            <td class="select" data-label=t.select_label>
                <input
                    type="checkbox"
                    form=kind.actions_form()
                    name="row"
                    value=row_value(&row.id, &row.login)
                    aria-label=select(locale, &row.login)
                    checked=selected.with_untracked(|s| s.contains(&key_for_check))
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
            <th scope="row" data-label=t.name>
                {if kind.offers(ListAction::Edit) {
                    view! { <a href=format!("{}/{}", kind.base(), row.id)>{row.login.clone()}</a> }.into_any()
                } else {
                    view! { <span>{row.login.clone()}</span> }.into_any()
                }}
            </th>
            {owner_cell}
            <td data-label=t.properties><PropertyIcons state=row.state features=row.features locale /></td>
            {users_cell}
            <td data-label=t.disk_quota>
                <div>
                    <LimitMib limit=row.limits.disk_mib locale />
                    <span class="sub">{t.used_prefix} <Mib mib=row.used_disk_mib locale /></span>
                    {disk_allocated}
                </div>
            </td>
            <td data-label=t.traffic>
                <div>
                    <LimitMib limit=row.limits.traffic_mib locale />
                    <span class="sub">{t.used_prefix} <Mib mib=row.used_traffic_mib locale /></span>
                    {traffic_allocated}
                    {flag.map(|text| view! { <span class="flag">{text}</span> })}
                </div>
            </td>
            <td data-label=t.state><StateBadge state=row.state suspended_by=row.suspended_by.clone() locale /></td>
        </tr>
    }
}
