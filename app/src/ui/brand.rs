//! The brand of the page: worked out on the server before rendering
//! (`server::brand`), handed to the browser with the page so that hydration
//! shows the same, and read by every component that shows it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::branding::Colour;
use crate::model::BrandView;

/// The brand the server chose for this request (the default where none).
#[cfg(feature = "ssr")]
pub fn brand_of_request() -> BrandView {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::service::brands::RequestBrand>()
                .map(|brand| BrandView::clone(&brand.0))
        })
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
pub fn brand_of_request() -> BrandView {
    BrandView::default()
}

/// Makes the page's brand available to every component: computed on the
/// server, read back from the page's data while hydrating.
pub fn provide_brand() -> Arc<BrandView> {
    let brand = Arc::new(SharedValue::new(brand_of_request).into_inner());
    provide_context(brand.clone());
    brand
}

pub fn use_brand() -> Arc<BrandView> {
    use_context::<Arc<BrandView>>().unwrap_or_default()
}

/// The brand's colours as CSS custom properties. Every value is parsed
/// again as a colour here, so that nothing but `#rrggbb` can ever reach the
/// stylesheet, whatever was stored.
pub fn brand_css(brand: &BrandView) -> String {
    let default = BrandView::default();
    let colour = |value: &str, fallback: &str| {
        Colour::parse(value)
            .or_else(|| Colour::parse(fallback))
            .map(Colour::hex)
            .unwrap_or_default()
    };
    format!(
        ":root{{--brand:{};--accent:{}}}",
        colour(&brand.primary, &default.primary),
        colour(&brand.accent, &default.accent)
    )
}

/// The logo, or the name's initial in a square of the brand's colour.
#[component]
pub fn BrandMark(brand: Arc<BrandView>) -> impl IntoView {
    match brand.logo.clone() {
        Some(src) => view! { <img class="brand-logo" src=src alt="" /> }.into_any(),
        None => view! { <span class="brand-mark" aria-hidden="true">{brand.initial()}</span> }
            .into_any(),
    }
}

/// The brand's footer line and support contact, where it has them.
#[component]
pub fn BrandFooter() -> impl IntoView {
    let brand = use_brand();
    let shows = !brand.footer.is_empty() || brand.has_contact();
    shows.then(|| {
        view! {
            <footer class="brand-footer">
                {(!brand.footer.is_empty()).then(|| view! { <span>{brand.footer.clone()}</span> })}
                {brand.has_contact().then(|| view! { <span>{crate::ui::i18n::accounts::use_accounts_texts().support_label} <ContactLinks brand=brand.clone() /></span> })}
            </footer>
        }
    })
}

/// The brand's support contact: "e-mail · web address".
#[component]
pub fn ContactLinks(brand: Arc<BrandView>) -> impl IntoView {
    brand.has_contact().then(|| {
        view! {
            <span class="brand-contact">
                {brand.contact_email.clone().map(|email| view! {
                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                })}
                {(brand.contact_email.is_some() && brand.contact_url.is_some()).then_some(" · ")}
                {brand.contact_url.clone().map(|url| view! {
                    <a href=url.clone() rel="noopener noreferrer">{url.clone()}</a>
                })}
            </span>
        }
    })
}
