use leptos::prelude::*;

use super::account_kind::ListKind;
use super::account_table::Selection;
use crate::domain::posted_selection::{PostedAction, row_value};
use crate::ui::i18n::accounts::use_accounts_texts;

/// Asks before deleting, naming every selected account. It is a form of its
/// own: before the WebAssembly runs, Delete posts the rows to the list's
/// address and Cancel is a link back to the list.
#[component]
pub fn ConfirmDelete(
    kind: ListKind,
    rows: Selection,
    /// The list as it was (filters, sort, page).
    cancel_href: String,
    confirming: RwSignal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_accounts_texts();
    let (title, consequence) = match kind {
        ListKind::Resellers => (t.delete_resellers_title, t.delete_resellers_consequence),
        ListKind::Users | ListKind::AllUsers => (t.delete_users_title, t.delete_users_consequence),
    };
    let names = rows
        .iter()
        .map(|(_, login)| login.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let posted_rows = rows
        .iter()
        .map(|(id, login)| view! { <input type="hidden" name="row" value=row_value(id, login) /> })
        .collect_view();
    view! {
        <div class="overlay">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-text">
                <h2 id="delete-title">{title}</h2>
                <p id="delete-text">{t.this_deletes} <strong>{names}</strong> {consequence}</p>
                <form
                    class="dialog-actions"
                    method="post"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        confirming.set(false);
                        on_confirm();
                    }
                >
                    {posted_rows}
                    <a
                        class="button secondary"
                        href=cancel_href
                        on:click=move |ev| {
                            ev.prevent_default();
                            confirming.set(false);
                        }
                    >
                        {t.cancel}
                    </a>
                    <button
                        type="submit"
                        name="op"
                        value=PostedAction::DeleteConfirmed.key()
                        class="button danger"
                        autofocus=true
                    >
                        {t.delete}
                    </button>
                </form>
            </div>
        </div>
    }
}
