use leptos::prelude::*;

use crate::domain::locale::Locale;
use crate::domain::{AccountState, Feature, Features, InactiveReason};
use crate::ui::i18n::accounts::{disabled_by, texts_in};
use crate::ui::i18n::{frame, use_locale};

/// The properties column: the account's state, then one badge per property.
/// Each badge has an accessible name and a tooltip; an absent property is
/// struck through, so that colour is never the only signal.
#[component]
pub fn PropertyIcons(
    state: AccountState,
    features: Features,
    /// Given by a list for each of its rows (see `amount::Mib`).
    #[prop(optional)]
    locale: Option<Locale>,
) -> impl IntoView {
    let locale = locale.unwrap_or_else(use_locale);
    let (t, frame) = (texts_in(locale), frame::texts_in(locale));
    let (state_text, state_mark) = if state.is_active() {
        (t.account_active, "●")
    } else {
        (t.account_not_active, "○")
    };
    view! {
        <ul class="props" aria-label=t.properties>
            <li class="prop state" class:off=!state.is_active() title=state_text>
                <span aria-hidden="true">{state_mark}</span>
                <span class="visually-hidden">{state_text}</span>
            </li>
            {Feature::ALL
                .into_iter()
                .map(|f| {
                    let on = features.has(f);
                    let text = format!("{}{}", frame.feature(f), if on { t.on_suffix } else { t.off_suffix });
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
    /// Given by a list for each of its rows (see `amount::Mib`).
    #[prop(optional)]
    locale: Option<Locale>,
) -> impl IntoView {
    let locale = locale.unwrap_or_else(use_locale);
    let t = texts_in(locale);
    let disabled = match suspended_by {
        Some(by) => disabled_by(locale, &by),
        None => t.disabled.to_owned(),
    };
    let (class, text) = match state {
        AccountState::Active => ("state-badge active", t.active.to_owned()),
        AccountState::Inactive(InactiveReason::DisabledItself) => {
            ("state-badge inactive", disabled)
        }
        AccountState::Inactive(InactiveReason::OwnerDisabled) => (
            "state-badge inactive",
            t.inactive_reseller_disabled.to_owned(),
        ),
        AccountState::Inactive(InactiveReason::DisabledItselfAndOwner) => (
            "state-badge inactive",
            format!("{disabled} {}", t.its_reseller_too),
        ),
    };
    view! { <span class=class>{text}</span> }
}
