#![allow(clippy::unwrap_used, clippy::expect_used)]
//! White label through the router: the login page branded by `Host`, who
//! may log in on a reseller's host, the logo's upload and its file's
//! headers, and every hostile input refused with a field and nothing stored.

mod common;
#[path = "../../app/tests/common/images.rs"]
mod images;

use axum::Router;
use axum::body::Body;
use common::*;
use http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

const DEFAULT_HOST: &str = "127.0.0.1:3000";
const ACME_HOST: &str = "panel.acme.example:3000";

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(
    app: &Router,
    method: &str,
    path: &str,
    host: &str,
    cookie: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, host);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn page(app: &Router, path: &str, host: &str, cookie: Option<&str>) -> Reply {
    send(app, "GET", path, host, cookie, None, Vec::new()).await
}

fn brand_form(name: &str, primary: &str) -> serde_json::Value {
    json!({
        "name": name, "primary": primary, "accent": "#2a7d4f",
        "contact_email": "help@acme.example", "contact_url": "https://help.acme.example/",
        "footer": "Acme Hosting Ltd."
    })
}

async fn save_brand(app: &Router, cookie: &str, body: serde_json::Value) -> (StatusCode, String) {
    call(
        app,
        "/api/branding/save",
        Some(cookie),
        JSON,
        body.to_string(),
    )
    .await
}

async fn upload(app: &Router, cookie: Option<&str>, bytes: Vec<u8>) -> Reply {
    send(
        app,
        "POST",
        "/api/branding/logo",
        DEFAULT_HOST,
        cookie,
        Some("image/png"),
        bytes,
    )
    .await
}

/// Logs in on a host: the status and body of the answer.
async fn log_in_on(app: &Router, host: &str, login: &str, password: &str) -> (StatusCode, String) {
    for _ in 0..40 {
        let reply = send(
            app,
            "POST",
            "/api/auth/login",
            host,
            None,
            Some("application/x-www-form-urlencoded"),
            format!("login={login}&password={password}").into_bytes(),
        )
        .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS && reply.text().contains("busy") {
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            continue;
        }
        return (reply.status, reply.text());
    }
    panic!("the server stayed busy")
}

struct World {
    admin: String,
    acme: String,
    web1: String,
    beta: String,
}

/// acme has its own brand and host; beta inherits; each has one user.
async fn world(app: &Router) -> World {
    let admin = log_in(app, "admin", ADMIN_PASSWORD).await;
    create_reseller(app, &admin, "acme").await;
    create_reseller(app, &admin, "beta").await;
    let acme = log_in(app, "acme", "reseller-password").await;
    let beta = log_in(app, "beta", "reseller-password").await;
    create_user(app, &acme, "web1", "10").await;
    create_user(app, &beta, "web2", "10").await;
    let web1 = log_in(app, "web1", "user-password").await;
    let (status, body) = save_brand(
        app,
        &acme,
        json!({"custom": true, "form": brand_form("Acme Panel", "#123456"), "hosts": "panel.acme.example"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    World {
        admin,
        acme,
        web1,
        beta,
    }
}

#[tokio::test]
async fn the_login_page_wears_the_brand_its_host_names() {
    let (app, _) = app().await;
    let w = world(&app).await;
    let branded = page(&app, "/login", ACME_HOST, None).await;
    assert_eq!(branded.status, StatusCode::OK);
    let html = branded.text();
    assert!(
        html.contains("<title>Log in — Acme Panel</title>"),
        "{html}"
    );
    assert!(html.contains(":root{--brand:#123456;--accent:#2a7d4f}"));
    assert!(html.contains("mailto:help@acme.example"));
    // The policy stays as strict: no inline styles or scripts without the nonce.
    let policy = branded.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("style-src 'self' 'nonce-"), "{policy}");

    for host in [
        DEFAULT_HOST,
        "unknown.example",
        "panel.acme.example.evil.example",
    ] {
        let html = page(&app, "/login", host, None).await.text();
        assert!(html.contains("<title>Log in — Trellis</title>"), "{host}");
        assert!(!html.contains("Acme Panel"), "{host}");
    }
    // Signed in, the reseller's user sees its brand on any host, rendered
    // on the server; the admin and another reseller keep the default.
    let html = page(&app, "/", DEFAULT_HOST, Some(&w.web1)).await.text();
    assert!(html.contains("--brand:#123456"), "{html}");
    for cookie in [&w.admin, &w.beta] {
        let html = page(&app, "/", DEFAULT_HOST, Some(cookie)).await.text();
        assert!(html.contains("--brand:#1f5f8b") && !html.contains("Acme Panel"));
    }
}

#[tokio::test]
async fn on_a_resellers_host_only_its_own_accounts_log_in() {
    let (app, _) = app().await;
    let _w = world(&app).await;
    let wrong = log_in_on(&app, ACME_HOST, "web1", "not-the-password").await;
    assert_eq!(wrong.0, StatusCode::UNPROCESSABLE_ENTITY);
    for (login, password) in [
        ("web2", "user-password"),
        ("beta", "reseller-password"),
        ("admin", ADMIN_PASSWORD),
    ] {
        let refused = log_in_on(&app, ACME_HOST, login, password).await;
        assert_eq!(refused, wrong, "{login}");
    }
    assert_eq!(
        log_in_on(&app, ACME_HOST, "web1", "user-password").await.0,
        StatusCode::OK
    );
    assert_eq!(
        log_in_on(&app, ACME_HOST, "acme", "reseller-password")
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        log_in_on(&app, DEFAULT_HOST, "web2", "user-password")
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_logo_is_served_as_pixels_with_its_type_and_a_long_cache() {
    let (app, _) = app().await;
    let w = world(&app).await;
    let original = images::png(40, 20);
    let reply = upload(&app, Some(&w.acme), original.clone()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let url: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    let url = url["url"].as_str().unwrap().to_owned();
    let logo = page(&app, &url, DEFAULT_HOST, None).await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(logo.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        logo.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_ne!(logo.body, original);
    assert!(!logo.text().contains("<script>"));
    let favicon = page(
        &app,
        &url.replace("/logo/", "/favicon/"),
        DEFAULT_HOST,
        None,
    )
    .await;
    assert_eq!(favicon.status, StatusCode::OK);
    assert_eq!(favicon.headers[header::CONTENT_TYPE], "image/png");
    // The branded login page links them.
    let html = page(&app, "/login", ACME_HOST, None).await.text();
    assert!(html.contains(&format!("src=\"{url}\"")), "{html}");
    for missing in [
        "/brand/logo/server/0000000000000000",
        "/brand/logo/acme/zz",
        "/brand/other/server/0000000000000000",
        "/brand/logo/..%2F..%2Fetc/passwd",
    ] {
        assert_eq!(
            page(&app, missing, DEFAULT_HOST, None).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn hostile_logos_are_refused_with_the_logo_field_and_nothing_stored() {
    let (app, ctx) = app().await;
    let w = world(&app).await;
    let mut huge = images::png(16, 16);
    huge.extend(vec![0u8; 50 * 1024 * 1024]);
    for (name, bytes, status) in [
        (
            "svg renamed .png",
            images::svg_renamed_png(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "trailing script",
            images::png_with_trailing_script(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "decompression bomb",
            images::decompression_bomb(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("50 MB", huge, StatusCode::PAYLOAD_TOO_LARGE),
    ] {
        let reply = upload(&app, Some(&w.acme), bytes).await;
        assert_eq!(reply.status, status, "{name}: {}", reply.text());
        let error: app::error::AppError = serde_json::from_slice(&reply.body).unwrap();
        let app::error::AppError::Validation(fields) = error else {
            panic!("{name}: not a field refusal");
        };
        assert_eq!(fields[0].field, "logo", "{name}");
    }
    let acme_id = app::db::accounts::get_by_login(&ctx.db, "acme")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(ctx.brands.of_reseller(&acme_id).logo, None);
    // Nobody, a user, and another site's page may not upload at all.
    assert_eq!(
        upload(&app, None, images::png(8, 8)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        upload(&app, Some(&w.web1), images::png(8, 8)).await.status,
        StatusCode::FORBIDDEN
    );
    let cross_site = app
        .clone()
        .oneshot(
            Request::builder()
                .method("POST")
                .uri("/api/branding/logo")
                .header(header::HOST, DEFAULT_HOST)
                .header(header::ORIGIN, "https://evil.example")
                .header(header::COOKIE, &w.acme)
                .body(Body::from(images::png(8, 8)))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(ctx.brands.of_reseller(&acme_id).logo, None);
}

#[tokio::test]
async fn hostile_brand_values_are_refused_field_by_field() {
    let (app, ctx) = app().await;
    let w = world(&app).await;
    let cases = [
        (
            json!({"custom": true, "form": brand_form("</style><script>alert(1)</script>", "#123456")}),
            "name",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "red;}</style><script>alert(1)</script>")}),
            "primary",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "url(javascript:alert(1))")}),
            "primary",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "#123456"), "hosts": "panel.acme.example"}),
            "hosts",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "#123456"), "hosts": "beta.example:8080"}),
            "hosts",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "#123456"), "hosts": "beta.example/login"}),
            "hosts",
        ),
        (
            json!({"custom": true, "form": brand_form("Beta", "#123456"), "hosts": "bеta.example"}),
            "hosts",
        ),
    ];
    for (body, field) in cases {
        let (status, reply) = save_brand(&app, &w.beta, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
        let error: app::error::AppError = serde_json::from_str(&reply).unwrap();
        let app::error::AppError::Validation(fields) = error else {
            panic!("not a field refusal: {reply}");
        };
        assert_eq!(fields[0].field, field, "{reply}");
    }
    let mut footer = brand_form("Beta", "#123456");
    footer["footer"] = json!("</style><script>alert(1)</script>");
    let (status, _) = save_brand(&app, &w.beta, json!({"custom": true, "form": footer})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let beta_id = app::db::accounts::get_by_login(&ctx.db, "beta")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(ctx.brands.of_reseller(&beta_id).name, "Trellis");
    assert_eq!(ctx.brands.for_host(Some(ACME_HOST)).name, "Acme Panel");
    // A user has no branding function; a reseller cannot read another's brand.
    let (status, _) = save_brand(
        &app,
        &w.web1,
        json!({"custom": true, "form": brand_form("X", "#123456")}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let acme_id = app::db::accounts::get_by_login(&ctx.db, "acme")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, _) = call(
        &app,
        "/api/branding/get",
        Some(&w.beta),
        JSON,
        json!({"of": acme_id}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = call(
        &app,
        "/api/branding/get",
        Some(&w.admin),
        JSON,
        json!({"of": acme_id}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("panel.acme.example"));
}
