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
/// `route!(Type, function, __preload_function, page)`. Hydration awaits
/// `preload` before it draws the page, as it does for `#[lazy_route]`:
/// without it the browser would draw a placeholder where the server drew the
/// page.
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

/// One module: the enum naming its pages, the lazy function drawing them,
/// and a route per page. `$preload` is the `__preload_<function>` that
/// `#[lazy]` writes (a macro cannot build that name itself).
macro_rules! module {
    (
        $(#[$doc:meta])*
        $enum:ident, $function:ident, $preload:ident,
        { $($page:ident => $component:ident as $route:ident),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub enum $enum {
            $($page),+
        }

        #[lazy]
        fn $function(page: $enum) -> AnyView {
            match page {
                $($enum::$page => view! { <$component /> }.into_any(),)+
            }
        }

        $(route!($route, $function, $preload, $enum::$page);)+
    };
}

module!(
    /// The resellers module.
    ResellerPage, resellers_pages, __preload_resellers_pages, {
        List => ResellersPage as ResellersRoute,
        New => NewResellerPage as NewResellerRoute,
        Edit => EditResellerPage as EditResellerRoute,
    }
);

module!(
    /// The users module.
    UserPage, users_pages, __preload_users_pages, {
        List => UsersPage as UsersRoute,
        New => NewUserPage as NewUserRoute,
        Edit => EditUserPage as EditUserRoute,
    }
);

module!(
    /// Access to modules and functions: of a reseller, of a user, and the defaults.
    AccessSettingsPage, access_pages, __preload_access_pages, {
        Reseller => ResellerAccessPage as ResellerAccessRoute,
        User => UserAccessPage as UserAccessRoute,
        Defaults => DefaultAccessPage as DefaultAccessRoute,
    }
);

module!(
    /// White label: the own brand and a reseller's.
    BrandPage, branding_pages, __preload_branding_pages, {
        Own => OwnBrandingPage as OwnBrandingRoute,
        Reseller => ResellerBrandingPage as ResellerBrandingRoute,
    }
);

module!(
    /// The support center.
    SupportCenterPage, support_pages, __preload_support_pages, {
        Inbox => SupportPage as SupportRoute,
        NewTicket => NewTicketPage as NewTicketRoute,
        Message => MessagePage as MessageRoute,
        Categories => CategoriesPage as CategoriesRoute,
        Ticket => TicketPage as TicketRoute,
    }
);

module!(
    /// The audit log.
    AuditLogPage, audit_pages, __preload_audit_pages, {
        Log => AuditPage as AuditRoute,
    }
);

module!(
    /// Account settings.
    AccountSettingsPage, account_pages, __preload_account_pages, {
        Settings => AccountPage as AccountRoute,
    }
);
