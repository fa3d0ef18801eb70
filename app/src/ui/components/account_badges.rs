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

/// The state and, for an inactive account, why — with who disabled it, so
/// that a reseller sees which suspensions only the admin can lift.
#[component]
pub fn StateBadge(
    state: AccountState,
    /// The login of the account that disabled it, if recorded.
    #[prop(optional_no_strip)]
    suspended_by: Option<String>,
) -> impl IntoView {
    let disabled = match suspended_by {
        Some(by) => format!("Disabled by {by}"),
        None => "Disabled".to_owned(),
    };
    let (class, text) = match state {
        AccountState::Active => ("state-badge active", "Active".to_owned()),
        AccountState::Inactive(InactiveReason::DisabledItself) => {
            ("state-badge inactive", disabled)
        }
        AccountState::Inactive(InactiveReason::OwnerDisabled) => (
            "state-badge inactive",
            "Inactive: its reseller is disabled".to_owned(),
        ),
        AccountState::Inactive(InactiveReason::DisabledItselfAndOwner) => (
            "state-badge inactive",
            format!("{disabled} (its reseller too)"),
        ),
    };
    view! { <span class=class>{text}</span> }
}
