//! White label: the branding page, for the server's brand (the admin's own
//! page), a reseller's own, and the admin's page for one reseller.

mod editor;
mod preview;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use editor::BrandEditor;

/// `/branding`: the acting account's own brand (the admin's is the server's).
#[component]
pub fn OwnBrandingPage() -> impl IntoView {
    view! { <BrandEditor of=Signal::derive(String::new) /> }
}

/// `/resellers/:id/branding`: the admin edits a reseller's brand.
#[component]
pub fn ResellerBrandingPage() -> impl IntoView {
    let params = use_params_map();
    let of = Signal::derive(move || params.read().get("id").unwrap_or_default());
    view! { <BrandEditor of /> }
}
