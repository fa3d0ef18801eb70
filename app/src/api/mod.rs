//! Server functions: the whole automation surface (`POST /api/<module>/<action>`).
//! Each body is thin: who is acting → the service (which decides whether they
//! may) → a wire type.

pub mod access;
pub mod account;
pub mod audit;
pub mod auth;
pub mod branding;
pub mod dashboard;
pub mod resellers;
pub mod support;
pub mod switch;
pub mod users;

#[cfg(feature = "ssr")]
pub(crate) mod request {
    use http::header::SET_COOKIE;
    use http::request::Parts;
    use http::{HeaderValue, StatusCode};
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    pub use crate::domain::access::{Function, Needs};
    use crate::error::{AppError, AppResult};
    use crate::service::auth::{device_cookie_name, session_cookie_name};
    use crate::service::{Actor, AppContext};

    pub fn context() -> AppResult<AppContext> {
        use_context::<AppContext>().ok_or(AppError::Internal)
    }

    fn parts() -> Option<Parts> {
        use_context::<Parts>()
    }

    fn secure() -> bool {
        use_context::<AppContext>().is_some_and(|ctx| ctx.settings.secure_cookies)
    }

    fn cookie(name: &str) -> Option<String> {
        crate::service::auth::cookie_value(&parts()?.headers, name)
    }

    /// The session token from the request's cookie, if any.
    pub fn session_token() -> Option<String> {
        cookie(session_cookie_name(secure()))
    }

    /// The token that marks a browser its account logged in from before.
    pub fn device_token() -> Option<String> {
        cookie(device_cookie_name(secure()))
    }

    /// The client's address: the connection's, or behind a trusted reverse
    /// proxy the one it names in `X-Forwarded-For`.
    pub fn client_addr() -> String {
        let Some(parts) = parts() else {
            return "unknown".into();
        };
        let Some(peer) = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip())
        else {
            return "unknown".into();
        };
        let trusted = use_context::<AppContext>()
            .map(|ctx| ctx.settings.trusted_proxies.clone())
            .unwrap_or_default();
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        crate::domain::client_address::client_address(peer, &forwarded, &trusted).to_string()
    }

    /// The `Host` the request was sent to, as the client claims it: good
    /// for choosing a brand or a login restriction, never for building links.
    pub fn host() -> Option<String> {
        parts()?
            .headers
            .get(http::header::HOST)?
            .to_str()
            .ok()
            .map(str::to_owned)
    }

    pub async fn actor() -> AppResult<Actor> {
        let ctx = context()?;
        crate::service::auth::resolve(&ctx, session_token().as_deref()).await
    }

    pub fn set_session_cookie(token: &str) {
        let secure = secure();
        let name = session_cookie_name(secure);
        let flag = if secure { "; Secure" } else { "" };
        append_cookie(&format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Strict{flag}"
        ));
    }

    pub fn clear_session_cookie() {
        let secure = secure();
        let name = session_cookie_name(secure);
        let flag = if secure { "; Secure" } else { "" };
        append_cookie(&format!(
            "{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{flag}"
        ));
    }

    /// Marks this browser as one its account logged in from (kept as long as
    /// the server remembers it).
    pub fn set_device_cookie(token: &str) {
        let secure = secure();
        let name = device_cookie_name(secure);
        let flag = if secure { "; Secure" } else { "" };
        let max_age = crate::service::auth::DEVICE_KEPT_SECS;
        append_cookie(&format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{flag}"
        ));
    }

    /// The language the account chose, for every page this browser asks
    /// for (the server renders in it: no flash of another language); `None`
    /// forgets it, and the browser's own preference applies again.
    pub fn set_language_cookie(locale: Option<crate::domain::locale::Locale>) {
        let secure = secure();
        let name = crate::service::auth::language_cookie_name(secure);
        let flag = if secure { "; Secure" } else { "" };
        append_cookie(&match locale {
            Some(locale) => format!(
                "{name}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{flag}",
                locale.code()
            ),
            None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{flag}"),
        });
    }

    fn append_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(SET_COOKIE, value);
        }
    }

    /// The one way into a server function's work: who is acting → may they
    /// use what the function `needs` → `body` (the service call), with the
    /// refusal's HTTP status. A function cannot be written without naming
    /// what it requires.
    pub async fn serve<T, F, Fut>(needs: impl Into<Needs>, body: F) -> AppResult<T>
    where
        F: FnOnce(AppContext, Actor) -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let needs = needs.into();
        respond(async move {
            // Read the context before any await: it lives on the reactive owner.
            let ctx = context()?;
            let actor = actor().await?;
            actor.check(needs)?;
            body(ctx, actor).await
        })
        .await
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
