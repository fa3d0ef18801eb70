use leptos::prelude::*;

use crate::domain::form::AccountForm;
use crate::domain::listing::ListQuery;
use crate::error::AppError;
use crate::model::{AccountDetail, AccountPage, BulkReport};

/// One page of resellers, filtered and sorted.
#[server(endpoint = "resellers/list", input = server_fn::codec::Json)]
pub async fn list_resellers(query: ListQuery) -> Result<AccountPage, AppError> {
    use super::request::*;
    serve(Function::ResellersList, move |ctx, actor| async move {
        crate::service::resellers::list(&ctx, &actor, query).await
    })
    .await
}

/// One reseller, as its edit form shows it.
#[server(endpoint = "resellers/get", input = server_fn::codec::Json)]
pub async fn get_reseller(id: String) -> Result<AccountDetail, AppError> {
    use super::request::*;
    serve(Function::ResellersList, move |ctx, actor| async move {
        crate::service::resellers::get(&ctx, &actor, &id).await
    })
    .await
}

/// Creates a reseller; answers its id.
#[server(endpoint = "resellers/create", input = server_fn::codec::Json)]
pub async fn create_reseller(form: AccountForm) -> Result<String, AppError> {
    use super::request::*;
    serve(Function::ResellersCreate, move |ctx, actor| async move {
        crate::service::resellers::create(&ctx, &actor, form).await
    })
    .await
}

/// Saves a reseller's settings (the login never changes; a blank password stays).
#[server(endpoint = "resellers/update", input = server_fn::codec::Json)]
pub async fn update_reseller(id: String, form: AccountForm) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::ResellersEdit, move |ctx, actor| async move {
        crate::service::resellers::update(&ctx, &actor, &id, form).await
    })
    .await
}

/// Deletes resellers that own no users.
#[server(endpoint = "resellers/delete", input = server_fn::codec::Json)]
pub async fn delete_resellers(ids: Vec<String>) -> Result<BulkReport, AppError> {
    use super::request::*;
    serve(Function::ResellersDelete, move |ctx, actor| async move {
        crate::service::resellers::delete(&ctx, &actor, &ids).await
    })
    .await
}

/// Enables or disables resellers (and, through them, their users).
#[server(endpoint = "resellers/set_enabled", input = server_fn::codec::Json)]
pub async fn set_resellers_enabled(
    ids: Vec<String>,
    enabled: bool,
    #[server(default)] also_users_disabled_individually: bool,
) -> Result<BulkReport, AppError> {
    use super::request::*;
    serve(Function::ResellersEnable, move |ctx, actor| async move {
        crate::service::resellers::set_enabled(
            &ctx,
            &actor,
            &ids,
            enabled,
            also_users_disabled_individually,
        )
        .await
    })
    .await
}
