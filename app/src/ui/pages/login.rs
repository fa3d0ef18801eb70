use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Login;
use crate::ui::brand::{BrandFooter, BrandMark, use_brand};
use crate::ui::components::field::{TextField, field_error, form_error, last_error};
use crate::ui::components::layout::go_to;
use crate::ui::i18n::use_texts;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = last_error(action);
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            go_to("/");
        }
    });
    let general = form_error(error, &["login", "password"]);
    let brand = use_brand();
    let t = use_texts();
    view! {
        <Title text=t.log_in_title />
        <main class="standalone" id="main">
            <section class="card narrow login-card">
                <p class="brand big">
                    <BrandMark brand=brand.clone() />
                    <span class="brand-name">{brand.name.clone()}</span>
                </p>
                <h1>{t.log_in_heading}</h1>
                <ActionForm action attr:novalidate=true attr:class="stack">
                    <TextField
                        name="login"
                        label=t.login
                        autocomplete="username"
                        required=true
                        maxlength=64
                        error=field_error(error, "login")
                    />
                    <TextField
                        name="password"
                        label=t.password
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        error=field_error(error, "password")
                    />
                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                        {move || general.get()}
                    </p>
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { t.logging_in } else { t.log_in }}
                    </button>
                </ActionForm>
            </section>
            <BrandFooter />
        </main>
    }
}
