//! Switching panels: entering an account's panel and returning one level.
//! POST only, through the router's cross-site guard; the chain stays on the
//! server.

use leptos::prelude::*;

use crate::error::AppError;

/// Enters a reseller's panel (the admin).
#[server(endpoint = "resellers/enter", input = server_fn::codec::Json)]
pub async fn enter_reseller(id: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::ResellersEnter, move |ctx, actor| async move {
        crate::service::switch::enter(&ctx, &actor, &id, crate::domain::Role::Reseller).await
    })
    .await
}

/// Enters a user's panel (its reseller, or the admin).
#[server(endpoint = "users/enter", input = server_fn::codec::Json)]
pub async fn enter_user(id: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::UsersEnter, move |ctx, actor| async move {
        crate::service::switch::enter(&ctx, &actor, &id, crate::domain::Role::User).await
    })
    .await
}

/// Returns from an entered panel to the one it was entered from.
#[server(endpoint = "session/return")]
pub async fn return_from_panel() -> Result<(), AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        crate::service::switch::leave(&ctx, &actor).await
    })
    .await
}
