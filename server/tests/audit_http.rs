#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The audit log over HTTP: readable only when signed in, and nothing in
//! the router can change or remove an entry.

mod common;

use common::*;
use http::StatusCode;

const JSON: &str = "application/json";

#[tokio::test]
async fn audit_list_refuses_anonymous_callers_with_401() {
    let (app, _) = app().await;
    let (status, text) = call(
        &app,
        "/api/audit/list",
        None,
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
}

#[tokio::test]
async fn audit_list_answers_the_admin_and_refuses_bad_filters_with_422() {
    let (app, _) = app().await;
    let cookie = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let (status, text) = call(
        &app,
        "/api/audit/list",
        Some(&cookie),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let page: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["rows"][0]["action"], "login");
    assert_eq!(page["rows"][0]["who"], "admin");
    let bad = r#"{"query":{"from":"2025-13-01"}}"#;
    let (status, text) = call(&app, "/api/audit/list", Some(&cookie), JSON, bad.into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(text.contains("from"), "{text}");
}

#[tokio::test]
async fn no_server_function_writes_or_deletes_audit_entries() {
    let audit: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .filter(|path| path.contains("audit"))
        .collect();
    assert_eq!(audit, vec!["/api/audit/list".to_owned()]);
}
