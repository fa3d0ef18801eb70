//! Amounts of disk and traffic, written the same way on every page: the
//! readable figure, with the exact MiB in a tooltip where it was rounded.

use leptos::prelude::*;

use crate::domain::limits::{Limit, exact_mib, format_mib, is_rounded};

/// "464.5 GiB", and "475 648 MiB" on hover or long press.
#[component]
pub fn Mib(mib: u64) -> impl IntoView {
    let exact = is_rounded(mib).then(|| exact_mib(mib));
    view! { <span class="amount" title=exact>{format_mib(mib)}</span> }
}

/// A limit: an amount, or ∞ said as "unlimited" to screen readers.
#[component]
pub fn LimitMib(limit: Limit) -> impl IntoView {
    match limit {
        Limit::Finite(mib) => view! { <Mib mib /> }.into_any(),
        Limit::Unlimited => view! {
            <span class="amount" title="unlimited">
                <span aria-hidden="true">"∞"</span>
                <span class="visually-hidden">"unlimited"</span>
            </span>
        }
        .into_any(),
    }
}

/// What an account's users hold: a sum, plus how many of them are unlimited.
#[component]
pub fn Allocated(mib: u64, unlimited: u64) -> impl IntoView {
    let plus_unlimited = (unlimited > 0).then(|| format!(" + {unlimited} unlimited"));
    view! { <Mib mib />{plus_unlimited} }
}
