#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::config::Config;
use server::{ServerState, leptos_options, prepare, router};
use tower::ServiceExt;

pub const ADMIN_PASSWORD: &str = "http-test-password";

pub async fn app() -> (Router, app::service::AppContext) {
    let namespace = format!("h{}", app::db::accounts::new_id());
    let env = move |key: &str| match key {
        "TRELLIS_DB" => Some("mem://".to_owned()),
        "TRELLIS_NAMESPACE" => Some(namespace.clone()),
        "TRELLIS_ADMIN_PASSWORD" => Some(ADMIN_PASSWORD.to_owned()),
        _ => None,
    };
    let config = Config::load(env, None).unwrap();
    let (ctx, _) = prepare(&config).await.unwrap();
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    (app, ctx)
}

pub async fn call(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: String,
) -> (StatusCode, String) {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Logs in and answers the session cookie. Like a browser, tries again a
/// moment later when the server is too busy hashing passwords to take the
/// login (the tests beside this one hash passwords too).
pub async fn log_in(app: &Router, login: &str, password: &str) -> String {
    for _ in 0..40 {
        let request = Request::builder()
            .method("POST")
            .uri("/api/auth/login")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("login={login}&password={password}")))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes);
        if status == StatusCode::TOO_MANY_REQUESTS && body.contains("busy") {
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            continue;
        }
        assert_eq!(status, StatusCode::OK, "login {login}: {body}");
        return cookie.expect("a session cookie");
    }
    panic!("login {login}: the server stayed busy for 10 s")
}

pub fn form(login: &str) -> serde_json::Value {
    serde_json::json!({
        "login": login, "password": "reseller-password", "password_confirm": "reseller-password",
        "users": "5", "disk_mib": "500", "traffic_mib": "500", "enabled": true,
        "features": {"shell": false, "cgi": false, "php": true, "ssi": false, "https": true}
    })
}

pub const JSON: &str = "application/json";

/// Creates a reseller as the admin and answers its id.
pub async fn create_reseller(app: &Router, admin_cookie: &str, login: &str) -> String {
    let body = serde_json::json!({"form": form(login)}).to_string();
    let (status, id) = call(app, "/api/resellers/create", Some(admin_cookie), JSON, body).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    serde_json::from_str(&id).unwrap()
}

/// A user form as the browser sends it.
pub fn user_form(login: &str, disk: &str) -> serde_json::Value {
    serde_json::json!({
        "login": login, "password": "user-password", "password_confirm": "user-password",
        "disk_mib": disk, "traffic_mib": "10", "enabled": true,
        "features": {"shell": false, "cgi": false, "php": true, "ssi": false, "https": false}
    })
}

/// Creates a user as `cookie`'s account and answers its id.
pub async fn create_user(app: &Router, cookie: &str, login: &str, disk: &str) -> String {
    let body = serde_json::json!({"form": user_form(login, disk)}).to_string();
    let (status, id) = call(app, "/api/users/create", Some(cookie), JSON, body).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    serde_json::from_str(&id).unwrap()
}

/// A fresh directory under the system's temporary one, for a test's own
/// embedded databases and files.
pub fn scratch_dir(purpose: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "trellis-{purpose}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
