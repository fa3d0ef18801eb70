#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::StatusCode;

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
    // The verb is "disabled" whatever happened: what counts is who was.
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["done"], serde_json::json!(["acme"]), "{report}");
    assert_eq!(report["refused"], serde_json::json!([]), "{report}");
    let (_, page) = call(
        &app,
        "/api/resellers/list",
        Some(&admin),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(page["rows"][0]["login"], "acme", "{page}");
    assert_eq!(
        page["rows"][0]["state"],
        serde_json::json!({"Inactive": "DisabledItself"}),
        "{page}"
    );
}

#[tokio::test]
async fn every_endpoint_refuses_anonymous_reseller_and_user_callers() {
    let (app, _) = app().await;
    let admin_cookie = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let id = create_reseller(&app, &admin_cookie, "acme").await;
    let reseller = log_in(&app, "acme", "reseller-password").await;
    create_user(&app, &reseller, "web1", "10").await;
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
