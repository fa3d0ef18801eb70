//! The pager under an account list.

use leptos::prelude::*;

use super::account_kind::ListKind;
use crate::domain::listing::ListQuery;
use crate::ui::i18n::accounts::{shown_of, use_accounts_texts};
use crate::ui::i18n::use_locale;

/// How many rows show, and links to the next page, the previous one when
/// this tab came from it, and the first. Links, so that they work before
/// the WebAssembly runs and open in a new tab.
#[component]
pub fn Pager(
    kind: ListKind,
    query: Memo<ListQuery>,
    shown: usize,
    total: u64,
    next: Option<String>,
    came_from: StoredValue<std::collections::HashMap<String, Option<String>>>,
) -> impl IntoView {
    let address = move |q: ListQuery| format!("{}{}", kind.base(), q.to_address_query());
    let current = query.get_untracked();
    let previous = current
        .after
        .as_ref()
        .and_then(|after| came_from.with_value(|map| map.get(after).cloned()));
    let first = current
        .after
        .is_some()
        .then(|| address(current.first_page()));
    let previous = previous.map(|cursor| address(current.page_after(cursor)));
    let next_link = next
        .clone()
        .map(|cursor| address(current.page_after(Some(cursor))));
    let from = current.after.clone();
    let (t, locale) = (use_accounts_texts(), use_locale());
    view! {
        <nav class="pager" aria-label=t.pages>
            <p class="muted">{shown_of(locale, kind, shown, total)}</p>
            {first.map(|href| view! { <a class="button secondary" href=href>{t.first_page}</a> })}
            {previous.map(|href| view! { <a class="button secondary" href=href>{t.previous}</a> })}
            {next_link.map(|href| {
                let next = next.clone();
                view! {
                    <a
                        class="button secondary"
                        href=href
                        on:click=move |_| {
                            if let Some(next) = next.clone() {
                                came_from.update_value(|map| {
                                    map.insert(next, from.clone());
                                });
                            }
                        }
                    >
                        {t.next}
                    </a>
                }
            })}
        </nav>
    }
}
