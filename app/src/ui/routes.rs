//! The pages that load their own WebAssembly when first opened.
//!
//! The login page, the dashboard and the panel's frame are in the first
//! download; every other page is a lazy route. Built with `cargo leptos
//! --split`, each one's code is cut into a file of its own (code the pages
//! share into shared files), fetched when the page is first rendered in the
//! browser. On the server, and in a build without `--split`, a lazy route is
//! just its page.
//!
//! The pages load their data themselves (resources inside the page), so the
//! routes carry none: on the first load the data is already in the server's
//! HTML, and on a later visit the chunk is small next to the data's round trip.
//!
//! Written out one by one on purpose: `#[lazy_route]` names the cut from the
//! type and the place it is written, so a generating macro would give every
//! route the same place.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::pages::access::account_access::{ResellerAccessPage, UserAccessPage};
use super::pages::access::default_access::DefaultAccessPage;
use super::pages::account::AccountPage;
use super::pages::audit::AuditPage;
use super::pages::branding::{OwnBrandingPage, ResellerBrandingPage};
use super::pages::resellers::form::{EditResellerPage, NewResellerPage};
use super::pages::resellers::list::ResellersPage;
use super::pages::support::categories::CategoriesPage;
use super::pages::support::inbox::SupportPage;
use super::pages::support::message::MessagePage;
use super::pages::support::new_ticket::NewTicketPage;
use super::pages::support::ticket::TicketPage;
use super::pages::users::form::{EditUserPage, NewUserPage};
use super::pages::users::list::UsersPage;

pub struct AccountRoute;

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <AccountPage /> }.into_any()
    }
}

pub struct ResellersRoute;

#[lazy_route]
impl LazyRoute for ResellersRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ResellersPage /> }.into_any()
    }
}

pub struct NewResellerRoute;

#[lazy_route]
impl LazyRoute for NewResellerRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <NewResellerPage /> }.into_any()
    }
}

pub struct EditResellerRoute;

#[lazy_route]
impl LazyRoute for EditResellerRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <EditResellerPage /> }.into_any()
    }
}

pub struct ResellerAccessRoute;

#[lazy_route]
impl LazyRoute for ResellerAccessRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ResellerAccessPage /> }.into_any()
    }
}

pub struct UsersRoute;

#[lazy_route]
impl LazyRoute for UsersRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <UsersPage /> }.into_any()
    }
}

pub struct NewUserRoute;

#[lazy_route]
impl LazyRoute for NewUserRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <NewUserPage /> }.into_any()
    }
}

pub struct EditUserRoute;

#[lazy_route]
impl LazyRoute for EditUserRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <EditUserPage /> }.into_any()
    }
}

pub struct UserAccessRoute;

#[lazy_route]
impl LazyRoute for UserAccessRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <UserAccessPage /> }.into_any()
    }
}

pub struct DefaultAccessRoute;

#[lazy_route]
impl LazyRoute for DefaultAccessRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <DefaultAccessPage /> }.into_any()
    }
}

pub struct OwnBrandingRoute;

#[lazy_route]
impl LazyRoute for OwnBrandingRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <OwnBrandingPage /> }.into_any()
    }
}

pub struct ResellerBrandingRoute;

#[lazy_route]
impl LazyRoute for ResellerBrandingRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ResellerBrandingPage /> }.into_any()
    }
}

pub struct AuditRoute;

#[lazy_route]
impl LazyRoute for AuditRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <AuditPage /> }.into_any()
    }
}

pub struct SupportRoute;

#[lazy_route]
impl LazyRoute for SupportRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SupportPage /> }.into_any()
    }
}

pub struct NewTicketRoute;

#[lazy_route]
impl LazyRoute for NewTicketRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <NewTicketPage /> }.into_any()
    }
}

pub struct MessageRoute;

#[lazy_route]
impl LazyRoute for MessageRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <MessagePage /> }.into_any()
    }
}

pub struct CategoriesRoute;

#[lazy_route]
impl LazyRoute for CategoriesRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <CategoriesPage /> }.into_any()
    }
}

pub struct TicketRoute;

#[lazy_route]
impl LazyRoute for TicketRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <TicketPage /> }.into_any()
    }
}
