//! White label: a brand's settings and its host names. The logo's upload
//! and the logo files are plain HTTP routes of the server (`server::brand`):
//! a file is sent as it is, not wrapped in a form or JSON.

use leptos::prelude::*;

use crate::domain::branding::BrandForm;
use crate::error::AppError;
use crate::model::BrandSettings as Settings;

/// The brand `of` ("" for one's own, "server", or a reseller's id) as the
/// branding page edits it.
#[server(endpoint = "branding/get", input = server_fn::codec::Json)]
pub async fn get_brand_settings(#[server(default)] of: String) -> Result<Settings, AppError> {
    use super::request::*;
    serve(Function::Branding, move |ctx, actor| async move {
        crate::service::branding::settings(&ctx, &actor, &of).await
    })
    .await
}

/// Saves a brand: a reseller's own (`custom`) or the server's inherited,
/// with the reseller's host names, one per line.
#[server(endpoint = "branding/save", input = server_fn::codec::Json)]
pub async fn save_brand(
    #[server(default)] of: String,
    #[server(default)] custom: bool,
    form: BrandForm,
    #[server(default)] hosts: String,
) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::Branding, move |ctx, actor| async move {
        let change = crate::service::branding::BrandChange {
            custom,
            form,
            hosts,
        };
        crate::service::branding::save(&ctx, &actor, &of, change).await
    })
    .await
}

/// Removes a brand's logo.
#[server(endpoint = "branding/remove_logo", input = server_fn::codec::Json)]
pub async fn remove_logo(#[server(default)] of: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::Branding, move |ctx, actor| async move {
        crate::service::branding::remove_logo(&ctx, &actor, &of).await
    })
    .await
}
