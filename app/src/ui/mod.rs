//! The panel's pages and components.

pub mod brand;
pub mod components;
pub mod i18n;
pub mod live;
pub mod pages;
pub mod routes;
pub mod scripts;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use components::layout::PanelLayout;
use pages::{dashboard::DashboardPage, login::LoginPage, not_found::NotFound};
use routes::*;

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // Not shared with the browser: the shell is rendered on the server only.
    let brand = brand::brand_of_request();
    let brand_css = brand::brand_css(&brand);
    let favicon = brand.favicon.clone();
    #[cfg(feature = "ssr")]
    let lang = i18n::request_locale().code();
    #[cfg(not(feature = "ssr"))]
    let lang = "en";
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <HashedStylesheet options=options.clone() id="leptos" />
                // The brand's colours before the first paint: no flash of
                // the default brand. Validated colours only (brand_css).
                <style nonce=leptos::nonce::use_nonce()>{brand_css}</style>
                {match favicon {
                    Some(href) => view! { <link rel="icon" type="image/png" href=href /> }.into_any(),
                    None => view! { <link rel="icon" type="image/svg+xml" href="/favicon.svg" /> }.into_any(),
                }}
                <scripts::HydrateAfterPaint options=options.clone() />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Only our own scripts run: the inline hydration script carries this
/// response's nonce, everything else must come from our origin.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use http::HeaderValue;
    use http::header::CONTENT_SECURITY_POLICY;
    use leptos::nonce::use_nonce;
    use leptos_axum::ResponseOptions;

    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_locale();
    let brand = brand::provide_brand();
    let name = brand.name.clone();
    let title_brand = brand.clone();
    view! {
        <Title text=name formatter=move |page: String| title_brand.title(&page) />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=PanelLayout>
                    // Every page is rendered whole before it is sent: its
                    // content is in the first HTML (painted before the
                    // WebAssembly arrives) and works without it; streamed
                    // parts would wait for the script to swap them in.
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("resellers") view={Lazy::<ResellersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("resellers/new") view={Lazy::<NewResellerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("resellers/:id") view={Lazy::<EditResellerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("resellers/:id/access") view={Lazy::<ResellerAccessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users/new") view={Lazy::<NewUserRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users/:id") view={Lazy::<EditUserRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users/:id/access") view={Lazy::<UserAccessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("settings/access") view={Lazy::<DefaultAccessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("branding") view={Lazy::<OwnBrandingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("resellers/:id/branding") view={Lazy::<ResellerBrandingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("support") view={Lazy::<SupportRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("support/new") view={Lazy::<NewTicketRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("support/message") view={Lazy::<MessageRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("support/categories") view={Lazy::<CategoriesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("support/:id") view={Lazy::<TicketRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
