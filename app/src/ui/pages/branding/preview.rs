//! A live preview of the brand being edited: the panel's header at desktop
//! and phone width, and the login page. Colours reach it as CSS custom
//! properties set through the style object (allowed by the page's content
//! policy, unlike style attributes), and only once they parse as brand
//! colours.

use leptos::prelude::*;

use super::editor::Draft;
use crate::domain::branding::{initial, parse_brand_colour};
use crate::ui::i18n::pages::use_pages_texts;
use crate::ui::i18n::use_texts;

#[component]
pub fn BrandPreview(draft: Draft) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let initial_primary = draft.primary.get_untracked();
    let initial_accent = draft.accent.get_untracked();
    Effect::new(move |_| {
        let valid = |field: &'static str, value: String, fallback: &str| {
            parse_brand_colour(field, &value)
                .map(|c| c.hex())
                .unwrap_or_else(|_| fallback.to_owned())
        };
        let primary = valid("primary", draft.primary.get(), &initial_primary);
        let accent = valid("accent", draft.accent.get(), &initial_accent);
        #[cfg(feature = "hydrate")]
        if let Some(element) = root.get() {
            let style = web_sys::HtmlElement::style(&element);
            style.set_property("--brand", &primary).ok();
            style.set_property("--accent", &accent).ok();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (root, primary, accent);
    });
    let name = move || {
        let name = draft.name.get();
        if name.trim().is_empty() {
            "—".to_owned()
        } else {
            name
        }
    };
    let mark = move || match draft.logo.get() {
        Some(src) => view! { <img class="brand-logo" src=src alt="" /> }.into_any(),
        None => {
            let initial = initial(&draft.name.get());
            view! { <span class="brand-mark" aria-hidden="true">{initial}</span> }.into_any()
        }
    };
    let (t, frame) = (use_pages_texts(), use_texts());
    let header = move |width: &'static str| {
        view! {
            <figure class=format!("preview-frame {width}")>
                <figcaption>{if width == "phone" { t.header_phone } else { t.header_desktop }}</figcaption>
                <div class="topbar preview-topbar">
                    <span class="brand">{mark}<span class="brand-name">{name}</span></span>
                    <span class="welcome">{frame.welcome}" " <strong>{t.preview_customer}</strong></span>
                </div>
            </figure>
        }
    };
    view! {
        <div class="brand-preview" node_ref=root aria-label=t.brand_preview role="img">
            {header("desktop")}
            {header("phone")}
            <figure class="preview-frame login">
                <figcaption>{t.login_page}</figcaption>
                <div class="preview-login">
                    <p class="brand big">{mark}<span class="brand-name">{name}</span></p>
                    <span class="preview-input"></span>
                    <span class="preview-input"></span>
                    <span class="button primary">{frame.log_in}</span>
                    <span class="preview-footer">{move || draft.footer.get()}</span>
                </div>
            </figure>
        </div>
    }
}
