//! Request guards: cross-site POSTs are refused, and every response carries
//! the security headers.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

/// Refuses a state-changing request that a browser sent on behalf of another
/// site. Browsers always send `Sec-Fetch-Site` or `Origin` with such requests;
/// clients that send neither (scripts, curl) cannot be driven cross-site.
pub async fn same_origin(request: Request, next: Next) -> Response {
    if request.method() != Method::GET
        && request.method() != Method::HEAD
        && let Some(reason) = cross_site(&request)
    {
        return (StatusCode::FORBIDDEN, reason).into_response();
    }
    next.run(request).await
}

fn cross_site(request: &Request) -> Option<&'static str> {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return Some("Cross-site requests are refused.");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_host = origin
            .split_once("://")
            .map(|(_, rest)| rest.trim_end_matches('/'));
        if origin == "null" || origin_host.is_none() || origin_host != host {
            return Some("Cross-origin requests are refused.");
        }
    }
    None
}

/// How the panel is reached, for the headers that depend on it.
#[derive(Debug, Clone, Copy)]
pub struct Transport {
    /// Served over TLS (`TRELLIS_SECURE_COOKIES`).
    pub tls: bool,
}

pub async fn security_headers(
    State(transport): State<Transport>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if transport.tls {
        // Browsers that once saw the panel over TLS never try plain HTTP again.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    // Pages set their own policy with the script nonce; everything else gets a strict one.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
            ),
        );
    }
    response
}

/// The newest revision of the change stream a browser wrote, so that the
/// instance serving its next request shows that write too (read your own
/// writes behind a load balancer). Short-lived: by then every instance has it.
const REVISION_COOKIE: &str = "trellis_rev";
const REVISION_COOKIE_SECS: u32 = 60;

/// Waits, before the request, until this instance has applied the revision
/// the browser last wrote; after it, hands the browser the revision it
/// wrote now, if any.
pub async fn read_your_writes(
    State(ctx): State<app::service::AppContext>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(carried) = carried_revision(&request)
        && carried > ctx.stream.applied()
        && !ctx.stream.reach(carried).await
    {
        tracing::warn!(
            carried,
            "a request came with a revision this instance has not reached"
        );
    }
    let (mut response, written) = app::service::stream::tracking_writes(next.run(request)).await;
    if written > 0 {
        let secure = if ctx.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{REVISION_COOKIE}={written}; Path=/; Max-Age={REVISION_COOKIE_SECS}; HttpOnly; SameSite=Lax{secure}"
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn carried_revision(request: &Request) -> Option<u64> {
    app::service::auth::cookie_value(request.headers(), REVISION_COOKIE)?
        .parse()
        .ok()
}
