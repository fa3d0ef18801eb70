//! Account settings: one's own contact e-mail and password, for every role.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{AccountProfile, ChangeOwnPassword, SetOwnEmail, own_account};
use crate::ui::components::field::{TextField, field_error, form_error, last_error};

#[component]
pub fn AccountPage() -> impl IntoView {
    let set_email = ServerAction::<SetOwnEmail>::new();
    let account = Resource::new(move || set_email.version().get(), |_| own_account());
    view! {
        <Title text="Account settings" />
        <h1>"Account settings"</h1>
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(me) => view! { <EmailCard me action=set_email /> }.into_any(),
                    Err(error) => view! { <p class="error-box" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
        <PasswordCard />
    }
}

#[component]
fn EmailCard(me: AccountProfile, action: ServerAction<SetOwnEmail>) -> impl IntoView {
    let error = last_error(action);
    let general = form_error(error, &["email"]);
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let email = me.email.unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">"Contact e-mail"</h2>
            <p class="hint">
                "Logged in as " <strong>{me.login}</strong> " (" {me.role.label()} "). "
                {if me.role == crate::domain::Role::User {
                    "Your provider uses this address to reach you."
                } else {
                    "Your users see this address as their provider's contact."
                }}
            </p>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <TextField
                    name="email"
                    label="E-mail"
                    kind="email"
                    autocomplete="email"
                    maxlength=254
                    value=email
                    hint="Leave blank to remove the address."
                    error=field_error(error, "email")
                />
                <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get()}
                </p>
                <p class="notice" role="status" hidden=move || !saved()>"The e-mail address was saved."</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        "Save e-mail"
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordCard() -> impl IntoView {
    let action = ServerAction::<ChangeOwnPassword>::new();
    let error = last_error(action);
    let general = form_error(
        error,
        &["current_password", "new_password", "new_password_confirm"],
    );
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    // Each successful change starts the form over, empty: passwords are not
    // left standing in the fields.
    let successes = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            successes.update(|n| *n += 1);
        }
    });
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <p class="hint">"Every other session of this account ends when the password changes; this one stays."</p>
            {move || {
                successes.track();
                view! {
                    <ActionForm action attr:novalidate=true attr:class="stack">
                        <TextField
                            name="current_password"
                            label="Current password"
                            kind="password"
                            autocomplete="current-password"
                            required=true
                            error=field_error(error, "current_password")
                        />
                        <TextField
                            name="new_password"
                            label="New password"
                            kind="password"
                            autocomplete="new-password"
                            required=true
                            maxlength=128
                            hint="At least 8 characters; a long passphrase is best."
                            error=field_error(error, "new_password")
                        />
                        <TextField
                            name="new_password_confirm"
                            label="New password again"
                            kind="password"
                            autocomplete="new-password"
                            required=true
                            maxlength=128
                            error=field_error(error, "new_password_confirm")
                        />
                        <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                            {move || general.get()}
                        </p>
                        <p class="notice" role="status" hidden=move || !changed()>
                            "Your password was changed. Your other sessions have ended."
                        </p>
                        <div class="form-actions">
                            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                                "Change password"
                            </button>
                        </div>
                    </ActionForm>
                }
            }}
        </section>
    }
}
