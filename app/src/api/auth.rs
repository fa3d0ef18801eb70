use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Me;

/// Logs in with a login and password; sets a fresh session cookie.
#[server(endpoint = "auth/login")]
pub async fn login(login: String, password: String) -> Result<Me, AppError> {
    use super::request::*;
    respond(async {
        let ctx = context()?;
        let outcome = crate::service::auth::login(
            &ctx,
            &login,
            &password,
            &client_addr(),
            session_token().as_deref(),
        )
        .await?;
        set_session_cookie(&outcome.token, ctx.settings.secure_cookies);
        Ok(Me::single(&outcome.account))
    })
    .await
}

/// Ends the current session, wherever the cookie came from.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::request::*;
    respond(async {
        let ctx = context()?;
        crate::service::auth::logout(&ctx, session_token().as_deref()).await?;
        clear_session_cookie(ctx.settings.secure_cookies);
        Ok(())
    })
    .await
}

/// Who is signed in, or `None`.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use super::request::*;
    respond(async {
        match actor().await {
            Ok(actor) => Ok(Some(Me::of(&actor))),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}
