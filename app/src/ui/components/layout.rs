use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};

use crate::api::auth::{Logout, current_user};
use crate::api::support::unread_tickets;
use crate::api::switch::ReturnFromPanel;
use crate::model::Me;
use crate::ui::brand::{BrandFooter, BrandMark, use_brand};
use crate::ui::i18n::use_texts;

/// The signed-in frame of every panel page: brand, welcome line, logout and
/// the navigation the acting role may use. Anonymous visitors go to the login.
#[component]
pub fn PanelLayout() -> impl IntoView {
    let who = Resource::new(|| (), |_| current_user());
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            // Not a closure: the server's Suspense walks its children three
            // times before it renders them, and a closure would draw the frame
            // anew on each walk, its resources read and written into the page
            // thrice (`pages_http::the_frame_is_drawn_once_per_page`). `who`
            // never changes on the page, so nothing needs to re-run. (The
            // router's outlet is such a closure: the page is still drawn on
            // each walk.)
            {Suspend::new(async move {
                match who.await {
                    Ok(Some(me)) => {
                        provide_context(me.clone());
                        crate::ui::live::LiveUpdates::provide();
                        view! { <Frame me /> }.into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! {
                        <main class="standalone" id="main">
                            <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p>
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
    let menu = crate::domain::access::menu(role, &me.rights);
    let entered_from = me.entered_from().map(|link| link.login.clone());
    let notice = me.notice.clone();
    let nav_open = RwSignal::new(false);
    let brand = use_brand();
    let t = use_texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <BrandMark brand=brand.clone() />
                <span class="brand-name">{brand.name.clone()}</span>
            </a>
            <button
                class="nav-toggle"
                type="button"
                aria-controls="primary-nav"
                aria-expanded=move || nav_open.get().to_string()
                on:click=move |_| nav_open.update(|open| *open = !*open)
            >
                {t.menu}
            </button>
            // A div, not a paragraph: the return link is a form, which a
            // paragraph cannot hold (the parser would split it and hydration fail).
            <div class="welcome">
                {t.welcome}" " <strong>{login}</strong>
                {entered_from.clone().map(|from| view! { <span class="entered-from">" — "{t.entered_from}" " {from}</span> })}
                <span class="role-badge">{t.role(role)}</span>
                <a class="settings-link" href="/account">{t.account_settings}</a>
                {entered_from.map(|from| view! { <ReturnLink to=from /> })}
            </div>
            <ActionForm action=logout attr:class="logout-form">
                <button type="submit" class="button secondary" disabled=move || logout.pending().get()>
                    {t.log_out}
                </button>
            </ActionForm>
        </header>
        <div class="frame">
            <nav id="primary-nav" class="sidenav" class:open=move || nav_open.get() aria-label=t.main_navigation>
                <ul>
                    {menu
                        .into_iter()
                        .map(|item| view! {
                            <li>
                                <A href=item.href exact=item.href == "/" || item.href == "/support">
                                    {t.menu_label(&item, role)}
                                    {(item.href == "/support").then(|| view! { <UnreadBadge /> })}
                                </A>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="content">
                {notice.map(|text| view! { <p class="notice-box" role="status">{text}</p> })}
                <Outlet />
            </main>
        </div>
        <BrandFooter />
    }
}

/// The support center's unread tickets, from above and from below, kept
/// current by the event stream.
#[component]
fn UnreadBadge() -> impl IntoView {
    let counts = Resource::new(crate::ui::live::LiveUpdates::tickets, |_| unread_tickets());
    let locale = crate::ui::i18n::use_locale();
    let badge = move |count: u64, arrow: &'static str, from: &'static str| {
        (count > 0).then(|| {
            let words = crate::ui::i18n::frame::unread(locale, count, from == "above");
            view! {
                <span class=format!("count-badge {from}") title=words.clone()>
                    <span aria-hidden="true">{format!("{arrow}{count}")}</span>
                    <span class="visually-hidden">{format!(", {words}")}</span>
                </span>
            }
        })
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let counts = counts.await.unwrap_or_default();
                view! {
                    <span class="unread-badges" data-unread=counts.total().to_string()>
                        {badge(counts.from_above, "↑", "above")}
                        {badge(counts.from_below, "↓", "below")}
                    </span>
                }
            })}
        </Transition>
    }
}

/// "Back to admin": leaves the entered panel for the one it was entered
/// from (one level), staying signed in.
#[component]
fn ReturnLink(to: String) -> impl IntoView {
    let back = ServerAction::<ReturnFromPanel>::new();
    Effect::new(move |_| {
        if back.value().get().is_some() {
            // Whatever the answer, the next page shows where the session is.
            go_to("/");
        }
    });
    view! {
        <ActionForm action=back attr:class="return-form">
            <button type="submit" class="link-button" disabled=move || back.pending().get()>
                {format!("{} {to}", use_texts().back_to)}
            </button>
        </ActionForm>
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
