use leptos::prelude::*;

use crate::domain::form::AccountForm;
use crate::domain::listing::ListQuery;
use crate::error::AppError;
use crate::model::{AccountDetail, AccountPage, BulkReport, PoolView};

/// One page of the acting account's users (the admin: of every user, or of
/// one owner's), filtered and sorted.
#[server(endpoint = "users/list", input = server_fn::codec::Json)]
pub async fn list_users(query: ListQuery) -> Result<AccountPage, AppError> {
    use super::request::*;
    serve(Function::UsersList, move |ctx, actor| async move {
        crate::service::users::list(&ctx, &actor, query).await
    })
    .await
}

/// One user, as its edit form shows it.
#[server(endpoint = "users/get", input = server_fn::codec::Json)]
pub async fn get_user(id: String) -> Result<AccountDetail, AppError> {
    use super::request::*;
    serve(Function::UsersList, move |ctx, actor| async move {
        crate::service::users::get(&ctx, &actor, &id).await
    })
    .await
}

/// The pool a user form draws from: the acting account's for a new user
/// (`id` absent), the user's owner's otherwise.
#[server(endpoint = "users/pool", input = server_fn::codec::Json)]
pub async fn user_pool(#[server(default)] id: Option<String>) -> Result<PoolView, AppError> {
    use super::request::*;
    serve(Function::UsersList, move |ctx, actor| async move {
        crate::service::users::pool(&ctx, &actor, id.as_deref()).await
    })
    .await
}

/// Creates a user owned by the acting account; answers its id.
#[server(endpoint = "users/create", input = server_fn::codec::Json)]
pub async fn create_user(form: AccountForm) -> Result<String, AppError> {
    use super::request::*;
    serve(Function::UsersCreate, move |ctx, actor| async move {
        crate::service::users::create(&ctx, &actor, form).await
    })
    .await
}

/// Saves a user's settings (the login and the owner never change).
#[server(endpoint = "users/update", input = server_fn::codec::Json)]
pub async fn update_user(id: String, form: AccountForm) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::UsersEdit, move |ctx, actor| async move {
        crate::service::users::update(&ctx, &actor, &id, form).await
    })
    .await
}

/// Deletes users, freeing their share of the pool.
#[server(endpoint = "users/delete", input = server_fn::codec::Json)]
pub async fn delete_users(ids: Vec<String>) -> Result<BulkReport, AppError> {
    use super::request::*;
    serve(Function::UsersDelete, move |ctx, actor| async move {
        crate::service::users::delete(&ctx, &actor, &ids).await
    })
    .await
}

/// Enables or disables users.
#[server(endpoint = "users/set_enabled", input = server_fn::codec::Json)]
pub async fn set_users_enabled(ids: Vec<String>, enabled: bool) -> Result<BulkReport, AppError> {
    use super::request::*;
    serve(Function::UsersEnable, move |ctx, actor| async move {
        crate::service::users::set_enabled(&ctx, &actor, &ids, enabled).await
    })
    .await
}
