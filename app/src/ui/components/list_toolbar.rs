//! The actions on the selected rows of an account list. Each button is there
//! only for an account that may use its function; the server decides anyway.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::account_kind::{ListAction, ListKind};
use super::account_list::BulkOp;
use super::account_table::Selection;
use super::field::hydrated;
use super::layout::go_to;
use crate::api::switch::{enter_reseller, enter_user};
use crate::domain::posted_selection::PostedAction;
use crate::error::AppError;
use crate::model::BulkReport;
use crate::ui::i18n::accounts::{actions_on_selected, use_accounts_texts};
use crate::ui::i18n::use_locale;

/// Switches into the account's panel.
pub async fn enter(kind: ListKind, id: String) -> Result<(), AppError> {
    if kind == ListKind::Resellers {
        enter_reseller(id).await
    } else {
        enter_user(id).await
    }
}

#[component]
pub fn ListToolbar(
    kind: ListKind,
    selected: RwSignal<Selection>,
    bulk: Action<BulkOp, Result<BulkReport, AppError>>,
    also_users: RwSignal<bool>,
    confirming_delete: RwSignal<bool>,
    notice: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let ids = move || selected.with(|s| s.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
    let only_one = move || selected.with(|s| (s.len() == 1).then(|| s[0].0.clone()));
    let none_selected = move || selected.with(Vec::is_empty);
    let navigate = use_navigate();
    let message = navigate.clone();
    let open = move |suffix: &'static str| {
        let navigate = navigate.clone();
        move |_| {
            if let Some(id) = only_one() {
                navigate(&format!("{}/{id}{suffix}", kind.base()), Default::default());
            }
        }
    };
    let entering = Action::new(move |id: &String| enter(kind, id.clone()));
    Effect::new(move |_| match entering.value().get() {
        Some(Ok(())) => go_to("/"),
        Some(Err(error)) => notice.set(Some(Err(crate::ui::i18n::refusals::localized(&error)))),
        None => {}
    });
    // Before the WebAssembly runs the selection is not known here: every
    // button posts, and the server says what is missing.
    let hydrated = hydrated();
    let form = kind.actions_form();
    let single_disabled = move || hydrated.get() && only_one().is_none();
    let bulk_disabled = move || (hydrated.get() && none_selected()) || bulk.pending().get();
    let none_selected_yet = move || hydrated.get() && none_selected();
    let (t, locale) = (use_accounts_texts(), use_locale());

    view! {
        <div class="toolbar" role="toolbar" aria-label=actions_on_selected(locale, kind)>
            {kind.offers(ListAction::Edit).then(|| view! {
                <button type="submit" form=form name="op" value=PostedAction::Edit.key() class="button secondary" disabled=single_disabled on:click=open("")>
                    {t.edit}
                </button>
            })}
            {kind.offers(ListAction::Access).then(|| view! {
                <button type="submit" form=form name="op" value=PostedAction::Access.key() class="button secondary" disabled=single_disabled on:click=open("/access")>
                    {t.access}
                </button>
            })}
            {kind.offers(ListAction::Branding).then(|| view! {
                <button type="submit" form=form name="op" value=PostedAction::Branding.key() class="button secondary" disabled=single_disabled on:click=open("/branding")>
                    {t.branding}
                </button>
            })}
            {kind.offers(ListAction::Enter).then(|| view! {
                <button
                    type="submit"
                    form=form
                    name="op"
                    value=PostedAction::Enter.key()
                    class="button secondary"
                    disabled=move || single_disabled() || entering.pending().get()
                    on:click=move |_| {
                        if let Some(id) = only_one() {
                            entering.dispatch(id);
                        }
                    }
                >
                    {t.enter}
                </button>
            })}
            {kind.offers(ListAction::Enable).then(|| view! {
                <button
                    type="submit"
                    form=form
                    name="op"
                    value=PostedAction::Enable.key()
                    class="button secondary"
                    disabled=bulk_disabled
                    on:click=move |_| {
                        bulk.dispatch(BulkOp::Enable { ids: ids(), also_users: also_users.get_untracked() });
                    }
                >
                    {t.enable}
                </button>
                {kind.manages_users().then(|| view! {
                    <span class="check small">
                        <input id="also-users" type="checkbox" form=form name="also_users" bind:checked=also_users />
                        <label for="also-users">{t.also_enable_users}</label>
                    </span>
                })}
                <button
                    type="submit"
                    form=form
                    name="op"
                    value=PostedAction::Disable.key()
                    class="button secondary"
                    disabled=bulk_disabled
                    on:click=move |_| {
                        bulk.dispatch(BulkOp::Disable(ids()));
                    }
                >
                    {t.disable}
                </button>
            })}
            {kind.offers(ListAction::Message).then(|| view! {
                <button
                    type="submit"
                    form=form
                    name="op"
                    value=PostedAction::Message.key()
                    class="button secondary"
                    disabled=none_selected_yet
                    on:click=move |_| {
                        // The message form for the selected accounts.
                        message(&format!("/support/message?to={}", ids().join(",")), Default::default());
                    }
                >
                    {t.message}
                </button>
            })}
            {kind.offers(ListAction::Delete).then(|| view! {
                <button
                    type="submit"
                    form=form
                    name="op"
                    value=PostedAction::Delete.key()
                    class="button danger"
                    disabled=bulk_disabled
                    on:click=move |_| confirming_delete.set(true)
                >
                    {t.delete}
                </button>
            })}
        </div>
    }
}
