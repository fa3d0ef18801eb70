//! Amounts of disk and traffic, written the same way on every page: the
//! readable figure, with the exact MiB in a tooltip where it was rounded.

use leptos::prelude::*;

use crate::domain::limits::{Limit, exact_mib_in, format_mib_in, is_rounded};
use crate::domain::locale::Locale;
use crate::ui::i18n::accounts::{plus_unlimited, texts_in};
use crate::ui::i18n::use_locale;

// Each takes the locale from a caller that renders many of them (a list's
// rows): looking it up in the context walks the whole tree of owners above,
// which cost a fifth of a rendered list.

/// "464.5 GiB", and "475 648 MiB" on hover or long press.
#[component]
pub fn Mib(mib: u64, #[prop(optional)] locale: Option<Locale>) -> impl IntoView {
    let locale = locale.unwrap_or_else(use_locale);
    let exact = is_rounded(mib).then(|| exact_mib_in(locale, mib));
    view! { <span class="amount" title=exact>{format_mib_in(locale, mib)}</span> }
}

/// A limit: an amount, or ∞ said as "unlimited" to screen readers.
#[component]
pub fn LimitMib(limit: Limit, #[prop(optional)] locale: Option<Locale>) -> impl IntoView {
    let locale = locale.unwrap_or_else(use_locale);
    let unlimited = texts_in(locale).unlimited;
    match limit {
        Limit::Finite(mib) => view! { <Mib mib locale /> }.into_any(),
        Limit::Unlimited => view! {
            <span class="amount" title=unlimited>
                <span aria-hidden="true">"∞"</span>
                <span class="visually-hidden">{unlimited}</span>
            </span>
        }
        .into_any(),
    }
}

/// What an account's users hold: a sum, plus how many of them are unlimited.
#[component]
pub fn Allocated(
    mib: u64,
    unlimited: u64,
    #[prop(optional)] locale: Option<Locale>,
) -> impl IntoView {
    let locale = locale.unwrap_or_else(use_locale);
    let plus = (unlimited > 0).then(|| plus_unlimited(locale, unlimited));
    view! { <Mib mib locale />{plus} }
}
