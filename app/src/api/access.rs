//! Access to modules: which functions a reseller or a user may use, and the
//! admin's defaults for new accounts.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::error::AppError;

/// One function's check box on an Access page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionAccess {
    /// The stable key (`users.create`), as stored and as `set_access` takes it.
    pub key: String,
    pub label: String,
    /// Granted to the account (its stored grant).
    pub checked: bool,
    /// Whether the caller can change it: only what the caller may use
    /// itself can be granted or withdrawn.
    pub grantable: bool,
    /// Whether the account may actually use it: granted, and held by its owner.
    pub in_effect: bool,
    /// The owner's login when the owner may not use it: then the grant has
    /// no effect until the owner is allowed it again.
    pub withheld_by: Option<String>,
}

/// One module's group of check boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleAccess {
    pub label: String,
    pub functions: Vec<FunctionAccess>,
}

/// A reseller's or a user's Access page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessView {
    pub id: String,
    pub login: String,
    pub role: Role,
    pub owner_login: Option<String>,
    /// The modules that apply to the account's role.
    pub modules: Vec<ModuleAccess>,
    /// The keys new accounts of this role get ("reset to defaults").
    pub defaults: Vec<String>,
    /// What the owner may use, when the owner is a reseller (`None`: the
    /// admin, who holds everything), for the menu preview.
    pub owner_rights: Option<Vec<String>>,
}

/// The defaults of new accounts of one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDefaults {
    pub role: Role,
    /// `false` until the admin saves defaults for the role: then new accounts
    /// get everything, including functions that later releases add.
    pub saved: bool,
    pub modules: Vec<ModuleAccess>,
}

/// The Default access page: new resellers, then new users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultAccessView {
    pub roles: Vec<RoleDefaults>,
}

/// A reseller's Access page.
#[server(endpoint = "resellers/access", input = server_fn::codec::Json)]
pub async fn reseller_access(id: String) -> Result<AccessView, AppError> {
    use super::request::*;
    serve(Function::ResellersAccess, move |ctx, actor| async move {
        crate::service::access::view(&ctx, &actor, &id, Role::Reseller).await
    })
    .await
}

/// Replaces the functions a reseller was granted; answers whether anything
/// changed. Its users lose at once what it loses.
#[server(endpoint = "resellers/set_access", input = server_fn::codec::Json)]
pub async fn set_reseller_access(id: String, functions: Vec<String>) -> Result<bool, AppError> {
    use super::request::*;
    serve(Function::ResellersAccess, move |ctx, actor| async move {
        crate::service::access::set(&ctx, &actor, &id, Role::Reseller, &functions).await
    })
    .await
}

/// A user's Access page.
#[server(endpoint = "users/access", input = server_fn::codec::Json)]
pub async fn user_access(id: String) -> Result<AccessView, AppError> {
    use super::request::*;
    serve(Function::UsersAccess, move |ctx, actor| async move {
        crate::service::access::view(&ctx, &actor, &id, Role::User).await
    })
    .await
}

/// Replaces the functions a user was granted (among those the caller may
/// grant); answers whether anything changed.
#[server(endpoint = "users/set_access", input = server_fn::codec::Json)]
pub async fn set_user_access(id: String, functions: Vec<String>) -> Result<bool, AppError> {
    use super::request::*;
    serve(Function::UsersAccess, move |ctx, actor| async move {
        crate::service::access::set(&ctx, &actor, &id, Role::User, &functions).await
    })
    .await
}

/// The grants new resellers and new users get.
#[server(endpoint = "settings/default_access", input = server_fn::codec::Json)]
pub async fn default_access() -> Result<DefaultAccessView, AppError> {
    use super::request::*;
    serve(Function::DefaultAccess, move |ctx, actor| async move {
        crate::service::access::defaults(&ctx, &actor).await
    })
    .await
}

/// Saves the grants new accounts of `role` get; answers whether anything
/// changed. Existing accounts keep theirs.
#[server(endpoint = "settings/set_default_access", input = server_fn::codec::Json)]
pub async fn set_default_access(role: Role, functions: Vec<String>) -> Result<bool, AppError> {
    use super::request::*;
    serve(Function::DefaultAccess, move |ctx, actor| async move {
        crate::service::access::set_defaults(&ctx, &actor, role, &functions).await
    })
    .await
}
