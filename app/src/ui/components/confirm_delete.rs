use leptos::prelude::*;

use super::account_kind::ListKind;

/// Asks before deleting, naming every selected account.
#[component]
pub fn ConfirmDelete(
    kind: ListKind,
    names: String,
    confirming: RwSignal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let (title, consequence) = match kind {
        ListKind::Resellers => (
            "Delete resellers?",
            ". A reseller that still owns users is not deleted. This cannot be undone.",
        ),
        ListKind::Users | ListKind::AllUsers => (
            "Delete users?",
            ". Their sessions end and their resources return to the pool. This cannot be undone.",
        ),
    };
    view! {
        <div class="overlay">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-text">
                <h2 id="delete-title">{title}</h2>
                <p id="delete-text">"This deletes " <strong>{names}</strong> {consequence}</p>
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
