use leptos::prelude::*;

use crate::domain::{AccountState, Feature, Features, InactiveReason};

/// The properties column: the account's state, then one badge per property.
/// Each badge has an accessible name and a tooltip; an absent property is
/// struck through, so that colour is never the only signal.
#[component]
pub fn PropertyIcons(state: AccountState, features: Features) -> impl IntoView {
    let (state_text, state_mark) = if state.is_active() {
        ("Account active", "●")
    } else {
        ("Account not active", "○")
    };
    view! {
        <ul class="props" aria-label="Properties">
            <li class="prop state" class:off=!state.is_active() title=state_text>
                <span aria-hidden="true">{state_mark}</span>
                <span class="visually-hidden">{state_text}</span>
            </li>
            {Feature::ALL
                .into_iter()
                .map(|f| {
                    let on = features.has(f);
                    let text = format!("{}: {}", f.label(), if on { "on" } else { "off" });
                    view! {
                        <li class="prop" class:off=!on title=text.clone()>
                            <span aria-hidden="true">{f.badge()}</span>
                            <span class="visually-hidden">{text.clone()}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The state and, for an inactive account, why.
#[component]
pub fn StateBadge(state: AccountState) -> impl IntoView {
    let (class, text) = match state {
        AccountState::Active => ("state-badge active", "Active"),
        AccountState::Inactive(InactiveReason::DisabledItself) => {
            ("state-badge inactive", "Disabled")
        }
        AccountState::Inactive(InactiveReason::OwnerDisabled) => {
            ("state-badge inactive", "Inactive: its reseller is disabled")
        }
        AccountState::Inactive(InactiveReason::DisabledItselfAndOwner) => {
            ("state-badge inactive", "Disabled (its reseller too)")
        }
    };
    view! { <span class=class>{text}</span> }
}
