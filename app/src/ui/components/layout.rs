use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};

use crate::api::auth::{Logout, current_user};
use crate::domain::Role;
use crate::model::Me;

/// The signed-in frame of every panel page: brand, welcome line, logout and
/// the navigation the acting role may use. Anonymous visitors go to the login.
#[component]
pub fn PanelLayout() -> impl IntoView {
    let who = Resource::new(|| (), |_| current_user());
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match who.await {
                    Ok(Some(me)) => {
                        provide_context(me.clone());
                        view! { <Frame me /> }.into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! {
                        <main class="standalone" id="main">
                            <p class="error-box" role="alert">{error.to_string()}</p>
                        </main>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Frame(me: Me) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            go_to("/login");
        }
    });
    let role = me.role();
    let login = me.login().to_owned();
    let nav_open = RwSignal::new(false);
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"T"</span>
                <span>"Trellis"</span>
            </a>
            <button
                class="nav-toggle"
                type="button"
                aria-controls="primary-nav"
                aria-expanded=move || nav_open.get().to_string()
                on:click=move |_| nav_open.update(|open| *open = !*open)
            >
                "Menu"
            </button>
            <p class="welcome">
                "Welcome, " <strong>{login}</strong>
                <span class="role-badge">{role.label()}</span>
                <a class="settings-link" href="/account">"Account settings"</a>
            </p>
            <ActionForm action=logout attr:class="logout-form">
                <button type="submit" class="button secondary" disabled=move || logout.pending().get()>
                    "Log out"
                </button>
            </ActionForm>
        </header>
        <div class="frame">
            <nav id="primary-nav" class="sidenav" class:open=move || nav_open.get() aria-label="Main">
                <ul>
                    {nav_items(role)
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href exact=href == "/">{label}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="content">
                <Outlet />
            </main>
        </div>
    }
}

/// The pages each role may use. Only pages that exist are listed.
fn nav_items(role: Role) -> Vec<(&'static str, &'static str)> {
    match role {
        Role::Admin => vec![
            ("/", "Dashboard"),
            ("/resellers", "Resellers"),
            ("/users", "All users"),
        ],
        Role::Reseller => vec![("/", "Dashboard"), ("/users", "Users")],
        Role::User => vec![("/", "Dashboard")],
    }
}

/// A full navigation, so that the server renders the next page with the
/// new session state.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
