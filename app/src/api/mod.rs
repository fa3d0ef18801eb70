//! Server functions: the whole automation surface (`POST /api/<module>/<action>`).
//! Each body is thin: who is acting → the service (which decides whether they
//! may) → a wire type.

pub mod auth;
pub mod dashboard;
pub mod resellers;
pub mod users;

#[cfg(feature = "ssr")]
pub(crate) mod request {
    use http::header::{COOKIE, SET_COOKIE};
    use http::request::Parts;
    use http::{HeaderValue, StatusCode};
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    use crate::error::{AppError, AppResult};
    use crate::service::auth::COOKIE_NAME;
    use crate::service::{Actor, AppContext};

    pub fn context() -> AppResult<AppContext> {
        use_context::<AppContext>().ok_or(AppError::Internal)
    }

    fn parts() -> Option<Parts> {
        use_context::<Parts>()
    }

    /// The session token from the request's cookie, if any.
    pub fn session_token() -> Option<String> {
        let parts = parts()?;
        parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE_NAME)
            .map(|(_, value)| value.to_owned())
    }

    /// The client's address, as the listener saw it.
    pub fn client_addr() -> String {
        parts()
            .and_then(|p| {
                p.extensions
                    .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                    .map(|c| c.0.ip().to_string())
            })
            .unwrap_or_else(|| "unknown".into())
    }

    pub async fn actor() -> AppResult<Actor> {
        let ctx = context()?;
        crate::service::auth::resolve(&ctx, session_token().as_deref()).await
    }

    pub fn set_session_cookie(token: &str, secure: bool) {
        let secure = if secure { "; Secure" } else { "" };
        let cookie = format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
        append_cookie(&cookie);
    }

    pub fn clear_session_cookie(secure: bool) {
        let secure = if secure { "; Secure" } else { "" };
        let cookie =
            format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}");
        append_cookie(&cookie);
    }

    fn append_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(SET_COOKIE, value);
        }
    }

    /// Gives a refusal its HTTP status, so that scripts see 401/403/422 etc.
    pub async fn respond<T>(outcome: impl Future<Output = AppResult<T>>) -> AppResult<T> {
        let result = outcome.await;
        if let Err(error) = &result
            && let (Some(response), Ok(status)) = (
                use_context::<ResponseOptions>(),
                StatusCode::from_u16(error.status()),
            )
        {
            response.set_status(status);
        }
        result
    }
}
