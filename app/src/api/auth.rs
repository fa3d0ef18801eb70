use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Me;

/// Logs in with a login and password; sets a fresh session cookie.
#[server(endpoint = "auth/login")]
pub async fn login(login: String, password: String) -> Result<Me, AppError> {
    use super::request::*;
    respond(async {
        let ctx = context()?;
        let (client, previous, device, host) =
            (client_addr(), session_token(), device_token(), host());
        let outcome = crate::service::auth::login_with(
            &ctx,
            crate::service::auth::LoginAttempt {
                login: &login,
                password: &password,
                client: &client,
                previous_token: previous.as_deref(),
                device_token: device.as_deref(),
                host: host.as_deref(),
            },
        )
        .await?;
        set_session_cookie(&outcome.token);
        // The panel speaks the language this account chose, on any browser.
        let language = crate::service::own_account::language(&ctx, &outcome.account.id).await?;
        set_language_cookie(language);
        if let Some(device) = &outcome.new_device_token {
            set_device_cookie(device);
        }
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
        clear_session_cookie();
        Ok(())
    })
    .await
}

/// Who is signed in, or `None`.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use super::request::*;
    respond(async {
        let ctx = context()?;
        match actor().await {
            Ok(actor) => {
                let mut me = Me::of(&actor);
                me.notice = crate::service::switch::take_notice(&ctx, &actor).await?;
                Ok(Some(me))
            }
            Err(AppError::Unauthenticated) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}
