//! The pages that load their own WebAssembly when first opened.
//!
//! The login page, the dashboard and the panel's frame are in the first
//! download; every other page belongs to a module (resellers, users, access,
//! branding, support center, audit, account settings) whose pages are drawn
//! by one lazy function. Built with `cargo leptos --split`, each module's
//! code is cut into a file of its own (code modules share into shared
//! files), fetched when one of its pages is first rendered in the browser.
//! On the server, and in a build without `--split`, a lazy function is an
//! ordinary one.
//!
//! One cut per module rather than per page: the splitter makes a file for
//! every combination of cuts that share code, and with a cut per page a list
//! needed more than a hundred of them — each fetched and instantiated apart,
//! which kept a phone's main thread busy for a third of a second.
//!
//! The pages load their data themselves (resources inside the page), so the
//! routes carry none: on the first load the data is already in the server's
//! HTML, and on a later visit the chunk is small next to the data's round trip.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

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

/// A lazy route drawn by a module's lazy function:
/// `route!(Type, function, __preload_function, its preload, page)`. Hydration awaits `preload`
/// before it draws the page, as it does for `#[lazy_route]`: without it the
/// browser would draw a placeholder where the server drew the page.
macro_rules! route {
    ($route:ident, $module:ident, $preload:ident, $page:expr) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                $module($page).await
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $preload().await;
            }
        }
    };
}

/// The resellers module.
#[derive(Clone, Copy)]
pub enum ResellerPage {
    List,
    New,
    Edit,
}

#[lazy]
fn resellers_pages(page: ResellerPage) -> AnyView {
    match page {
        ResellerPage::List => view! { <ResellersPage /> }.into_any(),
        ResellerPage::New => view! { <NewResellerPage /> }.into_any(),
        ResellerPage::Edit => view! { <EditResellerPage /> }.into_any(),
    }
}

route!(
    ResellersRoute,
    resellers_pages,
    __preload_resellers_pages,
    ResellerPage::List
);
route!(
    NewResellerRoute,
    resellers_pages,
    __preload_resellers_pages,
    ResellerPage::New
);
route!(
    EditResellerRoute,
    resellers_pages,
    __preload_resellers_pages,
    ResellerPage::Edit
);

/// The users module.
#[derive(Clone, Copy)]
pub enum UserPage {
    List,
    New,
    Edit,
}

#[lazy]
fn users_pages(page: UserPage) -> AnyView {
    match page {
        UserPage::List => view! { <UsersPage /> }.into_any(),
        UserPage::New => view! { <NewUserPage /> }.into_any(),
        UserPage::Edit => view! { <EditUserPage /> }.into_any(),
    }
}

route!(
    UsersRoute,
    users_pages,
    __preload_users_pages,
    UserPage::List
);
route!(
    NewUserRoute,
    users_pages,
    __preload_users_pages,
    UserPage::New
);
route!(
    EditUserRoute,
    users_pages,
    __preload_users_pages,
    UserPage::Edit
);

/// Access to modules and functions: of a reseller, of a user, and the defaults.
#[derive(Clone, Copy)]
pub enum AccessSettingsPage {
    Reseller,
    User,
    Defaults,
}

#[lazy]
fn access_pages(page: AccessSettingsPage) -> AnyView {
    match page {
        AccessSettingsPage::Reseller => view! { <ResellerAccessPage /> }.into_any(),
        AccessSettingsPage::User => view! { <UserAccessPage /> }.into_any(),
        AccessSettingsPage::Defaults => view! { <DefaultAccessPage /> }.into_any(),
    }
}

route!(
    ResellerAccessRoute,
    access_pages,
    __preload_access_pages,
    AccessSettingsPage::Reseller
);
route!(
    UserAccessRoute,
    access_pages,
    __preload_access_pages,
    AccessSettingsPage::User
);
route!(
    DefaultAccessRoute,
    access_pages,
    __preload_access_pages,
    AccessSettingsPage::Defaults
);

/// White label: the own brand and a reseller's.
#[derive(Clone, Copy)]
pub enum BrandPage {
    Own,
    Reseller,
}

#[lazy]
fn branding_pages(page: BrandPage) -> AnyView {
    match page {
        BrandPage::Own => view! { <OwnBrandingPage /> }.into_any(),
        BrandPage::Reseller => view! { <ResellerBrandingPage /> }.into_any(),
    }
}

route!(
    OwnBrandingRoute,
    branding_pages,
    __preload_branding_pages,
    BrandPage::Own
);
route!(
    ResellerBrandingRoute,
    branding_pages,
    __preload_branding_pages,
    BrandPage::Reseller
);

/// The support center.
#[derive(Clone, Copy)]
pub enum SupportCenterPage {
    Inbox,
    NewTicket,
    Message,
    Categories,
    Ticket,
}

#[lazy]
fn support_pages(page: SupportCenterPage) -> AnyView {
    match page {
        SupportCenterPage::Inbox => view! { <SupportPage /> }.into_any(),
        SupportCenterPage::NewTicket => view! { <NewTicketPage /> }.into_any(),
        SupportCenterPage::Message => view! { <MessagePage /> }.into_any(),
        SupportCenterPage::Categories => view! { <CategoriesPage /> }.into_any(),
        SupportCenterPage::Ticket => view! { <TicketPage /> }.into_any(),
    }
}

route!(
    SupportRoute,
    support_pages,
    __preload_support_pages,
    SupportCenterPage::Inbox
);
route!(
    NewTicketRoute,
    support_pages,
    __preload_support_pages,
    SupportCenterPage::NewTicket
);
route!(
    MessageRoute,
    support_pages,
    __preload_support_pages,
    SupportCenterPage::Message
);
route!(
    CategoriesRoute,
    support_pages,
    __preload_support_pages,
    SupportCenterPage::Categories
);
route!(
    TicketRoute,
    support_pages,
    __preload_support_pages,
    SupportCenterPage::Ticket
);

/// The audit log.
#[derive(Clone, Copy)]
pub enum AuditLogPage {
    Log,
}

#[lazy]
fn audit_pages(page: AuditLogPage) -> AnyView {
    match page {
        AuditLogPage::Log => view! { <AuditPage /> }.into_any(),
    }
}

route!(
    AuditRoute,
    audit_pages,
    __preload_audit_pages,
    AuditLogPage::Log
);

/// Account settings.
#[derive(Clone, Copy)]
pub enum AccountSettingsPage {
    Settings,
}

#[lazy]
fn account_pages(page: AccountSettingsPage) -> AnyView {
    match page {
        AccountSettingsPage::Settings => view! { <AccountPage /> }.into_any(),
    }
}

route!(
    AccountRoute,
    account_pages,
    __preload_account_pages,
    AccountSettingsPage::Settings
);
