//! Access to modules: the catalogue of the panel's modules and their
//! functions, what each role can hold, and the rights an account acts with.
//!
//! An account's grants are stored as the keys of the functions it was
//! allowed. What it may use is derived, like its enabled state: its grants,
//! within what its role can hold, within what its owner may use. So
//! withdrawing a function from a reseller withdraws it from all of its users
//! at once, without rewriting them, and a function that a later release adds
//! to the catalogue is in nobody's stored grants: it is denied until the
//! admin allows it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{FieldError, Role};

/// A part of the panel, shown as one group of check boxes on an Access page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Module {
    Resellers,
    Users,
    Audit,
    Support,
    Branding,
    Settings,
}

impl Module {
    pub const ALL: [Module; 6] = [
        Module::Resellers,
        Module::Users,
        Module::Audit,
        Module::Support,
        Module::Branding,
        Module::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Module::Resellers => "Resellers",
            Module::Users => "Users",
            Module::Audit => "Audit log",
            Module::Support => "Support center",
            Module::Branding => "Branding",
            Module::Settings => "Settings",
        }
    }

    /// The module's functions, in the catalogue's order.
    pub fn functions(self) -> impl Iterator<Item = Function> {
        Function::ALL
            .into_iter()
            .filter(move |f| f.module() == self)
    }

    /// The module's functions that an account of `role` can hold.
    pub fn functions_for(self, role: Role) -> impl Iterator<Item = Function> {
        self.functions().filter(move |f| f.applies_to(role))
    }
}

/// One thing an account can be allowed or refused. Every server function
/// names the one it needs (or none: signing in, the dashboard and one's own
/// account settings are always allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Function {
    ResellersList,
    ResellersCreate,
    ResellersEdit,
    ResellersDelete,
    ResellersEnable,
    ResellersEnter,
    ResellersAccess,
    UsersList,
    UsersCreate,
    UsersEdit,
    UsersDelete,
    UsersEnable,
    UsersEnter,
    UsersAccess,
    AuditView,
    SupportRead,
    SupportReply,
    SupportSend,
    SupportCategories,
    Branding,
    DefaultAccess,
}

impl Function {
    pub const ALL: [Function; 21] = [
        Function::ResellersList,
        Function::ResellersCreate,
        Function::ResellersEdit,
        Function::ResellersDelete,
        Function::ResellersEnable,
        Function::ResellersEnter,
        Function::ResellersAccess,
        Function::UsersList,
        Function::UsersCreate,
        Function::UsersEdit,
        Function::UsersDelete,
        Function::UsersEnable,
        Function::UsersEnter,
        Function::UsersAccess,
        Function::AuditView,
        Function::SupportRead,
        Function::SupportReply,
        Function::SupportSend,
        Function::SupportCategories,
        Function::Branding,
        Function::DefaultAccess,
    ];

    /// The stable name stored in an account's grants. Never change one: a
    /// renamed key would silently withdraw the function from everyone.
    pub fn key(self) -> &'static str {
        match self {
            Function::ResellersList => "resellers.list",
            Function::ResellersCreate => "resellers.create",
            Function::ResellersEdit => "resellers.edit",
            Function::ResellersDelete => "resellers.delete",
            Function::ResellersEnable => "resellers.enable",
            Function::ResellersEnter => "resellers.enter",
            Function::ResellersAccess => "resellers.access",
            Function::UsersList => "users.list",
            Function::UsersCreate => "users.create",
            Function::UsersEdit => "users.edit",
            Function::UsersDelete => "users.delete",
            Function::UsersEnable => "users.enable",
            Function::UsersEnter => "users.enter",
            Function::UsersAccess => "users.access",
            Function::AuditView => "audit.view",
            Function::SupportRead => "support.read",
            Function::SupportReply => "support.reply",
            Function::SupportSend => "support.send",
            Function::SupportCategories => "support.categories",
            Function::Branding => "branding.edit",
            Function::DefaultAccess => "settings.default_access",
        }
    }

    pub fn parse(key: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn module(self) -> Module {
        match self {
            Function::ResellersList
            | Function::ResellersCreate
            | Function::ResellersEdit
            | Function::ResellersDelete
            | Function::ResellersEnable
            | Function::ResellersEnter
            | Function::ResellersAccess => Module::Resellers,
            Function::UsersList
            | Function::UsersCreate
            | Function::UsersEdit
            | Function::UsersDelete
            | Function::UsersEnable
            | Function::UsersEnter
            | Function::UsersAccess => Module::Users,
            Function::AuditView => Module::Audit,
            Function::SupportRead
            | Function::SupportReply
            | Function::SupportSend
            | Function::SupportCategories => Module::Support,
            Function::Branding => Module::Branding,
            Function::DefaultAccess => Module::Settings,
        }
    }

    /// The function's name within its module.
    pub fn label(self) -> &'static str {
        match self {
            Function::ResellersList | Function::UsersList => "List",
            Function::ResellersCreate | Function::UsersCreate => "Create",
            Function::ResellersEdit | Function::UsersEdit => "Edit",
            Function::ResellersDelete | Function::UsersDelete => "Delete",
            Function::ResellersEnable | Function::UsersEnable => "Enable / disable",
            Function::ResellersEnter | Function::UsersEnter => "Enter the panel",
            Function::ResellersAccess | Function::UsersAccess => "Access to modules",
            Function::AuditView => "View",
            Function::SupportRead => "Read tickets",
            Function::SupportReply => "Reply, close, set priority",
            Function::SupportSend => "Send a message / new ticket",
            Function::SupportCategories => "Ticket categories",
            Function::Branding => "Brand and host names",
            Function::DefaultAccess => "Default access",
        }
    }

    /// "Users: Create", as refusals and the audit log name it.
    pub fn name(self) -> String {
        format!("{}: {}", self.module().label(), self.label())
    }

    /// Whether an account of `role` can hold the function at all. Managing
    /// resellers and the defaults is the admin's alone; users own no
    /// accounts, so the Users module is not theirs.
    pub fn applies_to(self, role: Role) -> bool {
        match self.module() {
            Module::Resellers | Module::Settings => role == Role::Admin,
            Module::Users => role != Role::User,
            Module::Audit => true,
            // Users have nobody below them to take tickets from.
            Module::Support => self != Function::SupportCategories || role != Role::User,
            // A user has no panel of its own to brand: it sees its reseller's.
            Module::Branding => role != Role::User,
        }
    }
}

/// What a server function requires of the account acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Only a signed-in session (the dashboard, one's own settings,
    /// returning from an entered panel).
    SignedIn,
    Function(Function),
}

impl From<Function> for Needs {
    fn from(function: Function) -> Self {
        Needs::Function(function)
    }
}

/// A set of functions: an account's grants, or its effective rights.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access(BTreeSet<Function>);

impl Access {
    /// From stored keys. Keys the catalogue no longer has are dropped.
    pub fn from_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        Access(keys.into_iter().filter_map(Function::parse).collect())
    }

    pub fn keys(&self) -> Vec<String> {
        self.0.iter().map(|f| f.key().to_owned()).collect()
    }

    /// Every function an account of `role` can hold.
    pub fn everything_for(role: Role) -> Self {
        Function::ALL
            .into_iter()
            .filter(|f| f.applies_to(role))
            .collect()
    }

    pub fn allows(&self, function: Function) -> bool {
        self.0.contains(&function)
    }

    pub fn iter(&self) -> impl Iterator<Item = Function> + '_ {
        self.0.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn intersection(&self, other: &Access) -> Access {
        Access(self.0.intersection(&other.0).copied().collect())
    }

    /// Those of `self` that are not in `other`.
    pub fn without(&self, other: &Access) -> Access {
        Access(self.0.difference(&other.0).copied().collect())
    }

    pub fn union(&self, other: &Access) -> Access {
        Access(self.0.union(&other.0).copied().collect())
    }
}

impl FromIterator<Function> for Access {
    fn from_iter<I: IntoIterator<Item = Function>>(iter: I) -> Self {
        Access(iter.into_iter().collect())
    }
}

/// What an account may use: everything its role can hold for the admin;
/// otherwise its own grants, within its role, within its owner's rights
/// (`owner_grants` is `None` when the owner is the admin, who holds all).
pub fn effective(role: Role, grants: &Access, owner_grants: Option<&Access>) -> Access {
    let within_role = Access::everything_for(role);
    match role {
        Role::Admin => within_role,
        Role::Reseller => within_role.intersection(grants),
        // A user holds what its owner could grant it: the ceiling is the
        // same rule the Access page applies when granting.
        Role::User => {
            let own = within_role.intersection(grants);
            match owner_grants {
                Some(owner) => {
                    own.intersection(&grantable_by(&effective(Role::Reseller, owner, None), role))
                }
                None => own,
            }
        }
    }
}

/// The grants a target account keeps after `granter` (acting with `granter_rights`)
/// asks for `requested` on an account of `target_role` whose stored grants are
/// `stored`. The granter can only give what applies to the target and what
/// it holds itself; grants it cannot see (functions it does not hold) stay
/// as they were, so that they come back if its own access is restored.
pub fn regrant(
    granter_rights: &Access,
    target_role: Role,
    stored: &Access,
    requested: &Access,
) -> Result<Access, FieldError> {
    if let Some(f) = requested.iter().find(|f| !f.applies_to(target_role)) {
        return Err(FieldError::new(
            "functions",
            format!(
                "{} does not apply to a {}.",
                f.name(),
                target_role.label().to_lowercase()
            ),
        ));
    }
    let grantable = grantable_by(granter_rights, target_role);
    if let Some(f) = requested.iter().find(|f| !grantable.allows(*f)) {
        return Err(FieldError::new(
            "functions",
            format!(
                "You cannot grant {} because your own account may not use it.",
                f.name()
            ),
        ));
    }
    Ok(stored.without(&grantable).union(requested))
}

/// What an account with `granter_rights` can allow an account of `target_role`.
pub fn grantable_by(granter_rights: &Access, target_role: Role) -> Access {
    Access::everything_for(target_role)
        .iter()
        .filter(|f| granter_rights.allows(*f) || !f.applies_to(Role::Reseller))
        .collect()
}

/// The default grants of new accounts of `role`: the admin's saved defaults,
/// or, until it saves any, everything the role can hold.
pub fn defaults_for(role: Role, saved: Option<&Access>) -> Access {
    let everything = Access::everything_for(role);
    match saved {
        Some(saved) => everything.intersection(saved),
        None => everything,
    }
}

/// One entry of the side menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuItem {
    pub href: &'static str,
    pub label: &'static str,
}

/// The side menu of an account of `role` with these rights: only pages it
/// may open. The Access page's preview shows the same list.
pub fn menu(role: Role, rights: &Access) -> Vec<MenuItem> {
    let mut items = vec![MenuItem {
        href: "/",
        label: "Dashboard",
    }];
    if rights.allows(Function::ResellersList) {
        items.push(MenuItem {
            href: "/resellers",
            label: "Resellers",
        });
    }
    if rights.allows(Function::UsersList) {
        items.push(MenuItem {
            href: "/users",
            label: if role == Role::Admin {
                "All users"
            } else {
                "Users"
            },
        });
    }
    if rights.allows(Function::AuditView) {
        items.push(MenuItem {
            href: "/audit",
            label: "Audit log",
        });
    }
    if rights.allows(Function::SupportRead) {
        items.push(MenuItem {
            href: "/support",
            label: "Support center",
        });
    }
    if rights.allows(Function::SupportCategories) {
        items.push(MenuItem {
            href: "/support/categories",
            label: "Ticket categories",
        });
    }
    if rights.allows(Function::Branding) {
        items.push(MenuItem {
            href: "/branding",
            label: "Branding",
        });
    }
    if rights.allows(Function::DefaultAccess) {
        items.push(MenuItem {
            href: "/settings/access",
            label: "Default access",
        });
    }
    items
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
