//! Read your own writes behind a load balancer: a browser whose next request
//! lands on another instance sees its change there, because it carries the
//! revision it wrote (the `trellis_rev` cookie) and that instance waits for it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{ADMIN_PASSWORD, JSON, app, call, form, log_in};

/// A second instance on the first one's database that reads the change
/// stream only when a request asks it to (its own polling is an hour apart).
async fn lagging_instance(first: &app::service::AppContext) -> Router {
    let ctx = app::service::AppContext::open_polling(
        first.db.clone(),
        first.settings.clone(),
        std::time::Duration::from_secs(3600),
    )
    .await
    .unwrap();
    server::router(server::ServerState {
        leptos_options: server::leptos_options("127.0.0.1:3000".parse().unwrap()),
        app: ctx,
    })
}

/// Creates a reseller and answers the revision cookie the response set.
async fn create_reseller_for_revision(app: &Router, cookie: &str, login: &str) -> String {
    let body = serde_json::json!({"form": form(login)}).to_string();
    let request = Request::builder()
        .method("POST")
        .uri("/api/resellers/create")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, JSON)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let revision = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("trellis_rev="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a write hands back its revision");
    response.into_body().collect().await.unwrap();
    revision
}

async fn lists_acme(app: &Router, cookie: &str) -> bool {
    let (status, page) = call(
        app,
        "/api/resellers/list",
        Some(cookie),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page.contains("\"acme\"")
}

#[tokio::test]
async fn a_write_is_shown_by_the_next_request_on_another_instance() {
    let (first, ctx) = app().await;
    let second = lagging_instance(&ctx).await;
    let session = log_in(&first, "admin", ADMIN_PASSWORD).await;
    let revision = create_reseller_for_revision(&first, &session, "acme").await;
    // Without the revision, the lagging instance has not heard of it yet.
    assert!(!lists_acme(&second, &session).await);
    // With it, the instance catches up before it answers.
    assert!(lists_acme(&second, &format!("{session}; {revision}")).await);
}

#[tokio::test]
async fn a_read_hands_back_no_revision() {
    let (first, _) = app().await;
    let session = log_in(&first, "admin", ADMIN_PASSWORD).await;
    let request = Request::builder()
        .method("POST")
        .uri("/api/resellers/list")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, JSON)
        .header(header::COOKIE, &session)
        .body(Body::from(r#"{"query":{}}"#))
        .unwrap();
    let response = first.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        !response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("trellis_rev=")),
        "only writes set the revision cookie"
    );
}
