//! One's own account settings, for every role.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::domain::locale::Locale;
use crate::error::AppError;

/// What the account settings page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountProfile {
    pub login: String,
    pub role: Role,
    pub email: Option<String>,
    /// The language chosen for the panel; `None` follows the browser.
    pub language: Option<Locale>,
}

/// The acting account's login, role and contact e-mail.
#[server(endpoint = "account/profile")]
pub async fn own_account() -> Result<AccountProfile, AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        let row = crate::service::own_account::profile(&ctx, &actor).await?;
        Ok(AccountProfile {
            login: row.login,
            role: actor.role(),
            email: row.email,
            language: crate::service::own_account::language(&ctx, &row.id).await?,
        })
    })
    .await
}

/// Changes one's own password; every other session of the account ends.
#[server(endpoint = "account/password")]
pub async fn change_own_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
) -> Result<(), AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        crate::service::own_account::change_password(
            &ctx,
            &actor,
            &current_password,
            &new_password,
            &new_password_confirm,
        )
        .await
    })
    .await
}

/// Sets one's own contact e-mail (blank removes it).
#[server(endpoint = "account/email")]
pub async fn set_own_email(email: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        crate::service::own_account::set_email(&ctx, &actor, &email).await
    })
    .await
}

/// Chooses the panel's language for one's own account (`""`: the browser's).
#[server(endpoint = "account/language")]
pub async fn set_own_language(language: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        let locale = crate::service::own_account::set_language(&ctx, &actor, &language).await?;
        set_language_cookie(locale);
        Ok(())
    })
    .await
}
