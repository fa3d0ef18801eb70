//! Which account list or form a page shows: the admin's resellers, a
//! manager's own users, or the admin's list of every user.

use crate::domain::access::Function;
use crate::model::Me;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Resellers,
    /// The acting account's own users (a reseller's Users module).
    Users,
    /// Every user on the server, with its owner (the admin).
    AllUsers,
}

impl ListKind {
    pub fn title(self) -> &'static str {
        match self {
            ListKind::Resellers => "Resellers",
            ListKind::Users => "Users",
            ListKind::AllUsers => "All users",
        }
    }

    /// One row, for messages: "Select at least one user".
    pub fn noun(self) -> &'static str {
        match self {
            ListKind::Resellers => "reseller",
            ListKind::Users | ListKind::AllUsers => "user",
        }
    }

    pub fn plural(self, n: u64) -> String {
        format!("{}{}", self.noun(), if n == 1 { "" } else { "s" })
    }

    /// Where the list lives; its rows' edit pages are below it.
    pub fn base(self) -> &'static str {
        match self {
            ListKind::Resellers => "/resellers",
            ListKind::Users | ListKind::AllUsers => "/users",
        }
    }

    /// The id of the form a list's actions post (the buttons and the rows'
    /// boxes name it, wherever they stand on the page).
    pub fn actions_form(self) -> &'static str {
        match self {
            ListKind::Resellers => "reseller-actions",
            ListKind::Users | ListKind::AllUsers => "user-actions",
        }
    }

    pub fn manages_users(self) -> bool {
        self == ListKind::Resellers
    }

    pub fn shows_owner(self) -> bool {
        self == ListKind::AllUsers
    }
}

/// What a list offers on its accounts, each shown only to an account that
/// may use the function behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListAction {
    Create,
    Edit,
    Delete,
    Enable,
    Enter,
    Access,
    /// Send the selected accounts a message (one ticket each).
    Message,
    /// A reseller's brand and host names.
    Branding,
}

impl ListKind {
    /// The function `action` needs on this list's accounts.
    pub fn needs(self, action: ListAction) -> Function {
        let resellers = self == ListKind::Resellers;
        match (action, resellers) {
            (ListAction::Create, true) => Function::ResellersCreate,
            (ListAction::Edit, true) => Function::ResellersEdit,
            (ListAction::Delete, true) => Function::ResellersDelete,
            (ListAction::Enable, true) => Function::ResellersEnable,
            (ListAction::Enter, true) => Function::ResellersEnter,
            (ListAction::Access, true) => Function::ResellersAccess,
            (ListAction::Create, false) => Function::UsersCreate,
            (ListAction::Edit, false) => Function::UsersEdit,
            (ListAction::Delete, false) => Function::UsersDelete,
            (ListAction::Enable, false) => Function::UsersEnable,
            (ListAction::Enter, false) => Function::UsersEnter,
            (ListAction::Access, false) => Function::UsersAccess,
            (ListAction::Message, _) => Function::SupportSend,
            (ListAction::Branding, _) => Function::Branding,
        }
    }

    /// Whether the signed-in account may use `action` here (the server
    /// refuses it either way; this only leaves out what it would refuse).
    pub fn offers(self, action: ListAction) -> bool {
        // Users have no brand of their own: they show their reseller's.
        if action == ListAction::Branding && self != ListKind::Resellers {
            return false;
        }
        leptos::prelude::use_context::<Me>().is_some_and(|me| me.may(self.needs(action)))
    }
}
