#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::config::Config;
use server::{ServerState, leptos_options, prepare, router};
use tower::ServiceExt;

const ADMIN_PASSWORD: &str = "http-test-password";

async fn app_with(secure_cookies: bool) -> Router {
    let namespace = format!("h{}", app::db::accounts::new_id());
    let env = move |key: &str| match key {
        "TRELLIS_DB" => Some("mem://".to_owned()),
        "TRELLIS_NAMESPACE" => Some(namespace.clone()),
        "TRELLIS_ADMIN_PASSWORD" => Some(ADMIN_PASSWORD.to_owned()),
        "TRELLIS_SECURE_COOKIES" => Some(secure_cookies.to_string()),
        _ => None,
    };
    let config = Config::load(env, None).unwrap();
    let (ctx, _) = prepare(&config).await.unwrap();
    router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx,
    })
}

async fn app() -> Router {
    app_with(false).await
}

/// A form POST of `body` from our own site, with `headers` added.
fn post(path: &str, headers: &[(&str, &str)], body: impl Into<String>) -> Request<Body> {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(body.into())).unwrap()
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn login_body(login: &str, password: &str) -> String {
    format!("login={login}&password={password}")
}

async fn log_in(app: &Router) -> String {
    let body = login_body("admin", ADMIN_PASSWORD);
    let (status, headers, text) = send(app, post("/api/auth/login", &[], &body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn login_sets_a_hardened_session_cookie() {
    let app = app().await;
    let body = login_body("admin", ADMIN_PASSWORD);
    let (status, headers, text) = send(&app, post("/api/auth/login", &[], &body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("\"admin\""), "{text}");
    let cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with("trellis_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Strict"));
    assert!(cookie.contains("Path=/"));
    assert!(!cookie.contains("Secure"));
    assert!(!text.contains("argon2"), "no hash ever leaves the server");
}

#[tokio::test]
async fn behind_tls_the_cookie_is_secure() {
    let app = app_with(true).await;
    let body = login_body("admin", ADMIN_PASSWORD);
    let (_, headers, _) = send(&app, post("/api/auth/login", &[], &body)).await;
    assert!(
        headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Secure")
    );
}

#[tokio::test]
async fn a_wrong_password_is_422_with_the_field_and_no_cookie() {
    let app = app().await;
    let body = login_body("admin", "nope-nope");
    let (status, headers, text) = send(&app, post("/api/auth/login", &[], &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("Wrong login or password."), "{text}");
    assert!(headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_429() {
    let app = app().await;
    let body = login_body("admin", "nope-nope");
    for _ in 0..5 {
        send(&app, post("/api/auth/login", &[], &body)).await;
    }
    let good = login_body("admin", ADMIN_PASSWORD);
    let (status, _, text) = send(&app, post("/api/auth/login", &[], &good)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text.contains("Try again in"), "{text}");
}

#[tokio::test]
async fn a_signed_in_client_reads_its_dashboard() {
    let app = app().await;
    let cookie = log_in(&app).await;
    let (status, _, text) = send(
        &app,
        post("/api/dashboard/summary", &[("cookie", &cookie)], ""),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("Admin"), "{text}");
}

#[tokio::test]
async fn unauthenticated_and_garbage_cookies_are_refused_with_401() {
    let app = app().await;
    for cookie in [
        None,
        Some("trellis_session=garbage"),
        Some("trellis_session=; other=1"),
    ] {
        let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("cookie", *c)).collect();
        let request = post("/api/dashboard/summary", &headers, "");
        let (status, _, text) = send(&app, request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{cookie:?}: {text}");
    }
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = app().await;
    let cookie = log_in(&app).await;
    let (status, headers, _) =
        send(&app, post("/api/auth/logout", &[("cookie", &cookie)], "")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let (status, _, _) = send(
        &app,
        post("/api/dashboard/summary", &[("cookie", &cookie)], ""),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    let body = login_body("admin", ADMIN_PASSWORD);
    let (status, headers, _) = send(
        &app,
        post(
            "/api/auth/login",
            &[("origin", "https://evil.example")],
            &body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.get(header::SET_COOKIE).is_none());
    let (status, _, _) = send(
        &app,
        post(
            "/api/auth/login",
            &[("sec-fetch-site", "cross-site")],
            &body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The same form from our own origin goes through.
    let (status, _, _) = send(
        &app,
        post(
            "/api/auth/login",
            &[
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin"),
            ],
            &body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn server_functions_do_not_answer_get() {
    let app = app().await;
    let request = Request::builder()
        .uri("/api/auth/me")
        .body(Body::empty())
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn an_oversize_body_is_413() {
    let app = app().await;
    let huge = "a".repeat(10 * 1024 * 1024);
    let (status, _, _) = send(
        &app,
        post(
            "/api/auth/login",
            &[("content-length", &huge.len().to_string())],
            huge,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_security_headers() {
    let app = app().await;
    let request = Request::builder()
        .uri("/login")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let (status, headers, html) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    assert!(policy.contains("frame-ancestors 'none'"));
    assert_eq!(
        headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff"
    );
    assert!(headers.get(header::REFERRER_POLICY).is_some());
    assert!(html.contains("Log in to your panel"));
}

#[tokio::test]
async fn an_unknown_page_is_404() {
    let app = app().await;
    let request = Request::builder()
        .uri("/no/such/page")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
