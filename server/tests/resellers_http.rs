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

async fn app() -> (Router, app::service::AppContext) {
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

async fn call(
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

async fn log_in(app: &Router, login: &str, password: &str) -> String {
    let request = Request::builder()
        .method("POST")
        .uri("/api/auth/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("login={login}&password={password}")))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "login {login}");
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

fn form(login: &str) -> serde_json::Value {
    serde_json::json!({
        "login": login, "password": "reseller-password", "password_confirm": "reseller-password",
        "users": "5", "disk_mib": "500", "traffic_mib": "500", "enabled": true,
        "features": {"shell": false, "cgi": false, "php": true, "ssi": false, "https": true}
    })
}

const JSON: &str = "application/json";

/// Creates a reseller as the admin and answers its id.
async fn create_reseller(app: &Router, admin_cookie: &str, login: &str) -> String {
    let body = serde_json::json!({"form": form(login)}).to_string();
    let (status, id) = call(app, "/api/resellers/create", Some(admin_cookie), JSON, body).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    serde_json::from_str(&id).unwrap()
}

#[tokio::test]
async fn the_admin_drives_the_module_over_http() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let id = create_reseller(&app, &admin, "acme").await;
    let (status, page) = call(
        &app,
        "/api/resellers/list",
        Some(&admin),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("\"acme\""), "{page}");
    let (status, body) = call(
        &app,
        "/api/resellers/create",
        Some(&admin),
        JSON,
        serde_json::json!({"form": form("acme")}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("\"login\""), "{body}");
    let (status, report) = call(
        &app,
        "/api/resellers/set_enabled",
        Some(&admin),
        JSON,
        serde_json::json!({"ids": [id], "enabled": false}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(report.contains("disabled"));
}

#[tokio::test]
async fn every_endpoint_refuses_anonymous_reseller_and_user_callers() {
    let (app, ctx) = app().await;
    let admin_cookie = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let id = create_reseller(&app, &admin_cookie, "acme").await;
    // A user of acme, as the Users module stores one.
    let hash = app::service::passwords::hash("user-password")
        .await
        .unwrap();
    let now = app::db::now();
    app::db::accounts::insert(
        &ctx.db,
        &app::db::accounts::new_id(),
        app::db::accounts::NewAccount {
            owner: Some(app::db::accounts::record(&id)),
            created_at: now,
            updated_at: now,
            login: "web1".into(),
            role: "user".into(),
            enabled: true,
            password_hash: hash,
            email: None,
            comment: String::new(),
            users_limit: Some(0),
            disk_limit: Some(0),
            traffic_limit: Some(0),
            shell: false,
            cgi: false,
            php: false,
            ssi: false,
            https: false,
            oversell: false,
        },
    )
    .await
    .unwrap();
    let reseller = log_in(&app, "acme", "reseller-password").await;
    let user = log_in(&app, "web1", "user-password").await;
    let calls = [
        ("/api/resellers/list", r#"{"query":{}}"#.to_string()),
        (
            "/api/resellers/get",
            serde_json::json!({"id": id}).to_string(),
        ),
        (
            "/api/resellers/create",
            serde_json::json!({"form": form("evil")}).to_string(),
        ),
        (
            "/api/resellers/update",
            serde_json::json!({"id": id, "form": form("acme")}).to_string(),
        ),
        (
            "/api/resellers/delete",
            serde_json::json!({"ids": [id]}).to_string(),
        ),
        (
            "/api/resellers/set_enabled",
            serde_json::json!({"ids": [id], "enabled": false}).to_string(),
        ),
    ];
    for (path, body) in calls {
        let (status, _) = call(&app, path, None, JSON, body.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        for (who, cookie) in [("reseller", &reseller), ("user", &user)] {
            let (status, text) = call(&app, path, Some(cookie), JSON, body.clone()).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}: {text}");
        }
    }
    // Nothing changed: acme is still there and enabled, and "evil" was never created.
    let (_, page) = call(
        &app,
        "/api/resellers/list",
        Some(&admin_cookie),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert!(
        page.contains("\"acme\"") && !page.contains("evil"),
        "{page}"
    );
    assert!(page.contains("\"Active\""), "{page}");
}
