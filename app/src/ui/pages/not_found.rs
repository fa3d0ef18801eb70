use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = crate::ui::i18n::accounts::use_accounts_texts();
    view! {
        <Title text=t.not_found_title />
        <main class="standalone" id="main">
            <section class="card narrow">
                <h1>{t.not_found_heading}</h1>
                <p>{t.not_found_text}</p>
                <p><a href="/">"Go to your dashboard"</a></p>
            </section>
        </main>
    }
}
