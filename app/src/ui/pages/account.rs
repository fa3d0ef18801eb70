//! Account settings: one's own contact e-mail, language and password, for
//! every role.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{
    AccountProfile, ChangeOwnPassword, SetOwnEmail, SetOwnLanguage, own_account,
};
use crate::domain::locale::Locale;
use crate::ui::components::field::{TextField, field_error, form_error, last_error};
use crate::ui::components::layout::go_to;
use crate::ui::i18n::use_texts;

#[component]
pub fn AccountPage() -> impl IntoView {
    let set_email = ServerAction::<SetOwnEmail>::new();
    let account = Resource::new(move || set_email.version().get(), |_| own_account());
    let t = use_texts();
    view! {
        <Title text=t.account_settings />
        <h1>{t.account_settings}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(me) => {
                        let language = me.language;
                        view! {
                            <EmailCard me action=set_email />
                            <LanguageCard chosen=language />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
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
    let t = use_texts();
    view! {
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">{t.contact_email}</h2>
            <p class="hint">
                {t.logged_in_as}" " <strong>{me.login}</strong> " (" {t.role(me.role)} "). "
                {if me.role == crate::domain::Role::User {
                    t.email_for_provider
                } else {
                    t.email_for_users
                }}
            </p>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <TextField
                    name="email"
                    label=t.email
                    kind="email"
                    autocomplete="email"
                    maxlength=254
                    value=email
                    hint=t.email_hint
                    error=field_error(error, "email")
                />
                <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get()}
                </p>
                <p class="notice" role="status" hidden=move || !saved()>{t.email_saved}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {t.save_email}
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
    let t = use_texts();
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t.change_password}</h2>
            <p class="hint">{t.change_password_hint}</p>
            {move || {
                successes.track();
                view! {
                    <ActionForm action attr:novalidate=true attr:class="stack">
                        <TextField
                            name="current_password"
                            label=t.current_password
                            kind="password"
                            autocomplete="current-password"
                            required=true
                            error=field_error(error, "current_password")
                        />
                        <TextField
                            name="new_password"
                            label=t.new_password
                            kind="password"
                            autocomplete="new-password"
                            required=true
                            maxlength=128
                            hint=t.new_password_hint
                            error=field_error(error, "new_password")
                        />
                        <TextField
                            name="new_password_confirm"
                            label=t.new_password_again
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
                            {t.password_changed}
                        </p>
                        <div class="form-actions">
                            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                                {t.change_password}
                            </button>
                        </div>
                    </ActionForm>
                }
            }}
        </section>
    }
}

/// The panel's language: the browser's preference, or one chosen for the
/// account (kept with it, so every browser it logs in from speaks it).
#[component]
fn LanguageCard(chosen: Option<Locale>) -> impl IntoView {
    let action = ServerAction::<SetOwnLanguage>::new();
    let error = last_error(action);
    // The whole page speaks the new language: the server renders it again.
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            go_to("/account");
        }
    });
    let t = use_texts();
    let chosen = chosen.map_or("", Locale::code);
    view! {
        <section class="card" aria-labelledby="language-heading">
            <h2 id="language-heading">{t.language}</h2>
            <ActionForm action attr:class="stack">
                <div class="field" class:invalid=move || error.get().is_some()>
                    <label for="field-language">{t.panel_language}</label>
                    <p class="hint" id="field-language-hint">{t.language_hint}</p>
                    <select id="field-language" name="language" aria-describedby="field-language-hint">
                        <option value="" selected=chosen.is_empty()>{t.language_of_browser}</option>
                        {Locale::ALL
                            .into_iter()
                            .map(|locale| view! {
                                <option value=locale.code() lang=locale.code() selected=chosen == locale.code()>
                                    {locale.native_name()}
                                </option>
                            })
                            .collect_view()}
                    </select>
                    <p class="error" role="alert">{move || error.get().map(|e| crate::ui::i18n::refusals::localized(&e))}</p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {t.save_language}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
