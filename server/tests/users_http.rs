#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::StatusCode;

/// The stored role and owner of an account.
async fn role_and_owner(ctx: &app::service::AppContext, login: &str) -> (String, Option<String>) {
    let row = app::db::accounts::get_by_login(&ctx.db, login)
        .await
        .unwrap()
        .unwrap();
    (row.role, row.owner_login)
}

#[tokio::test]
async fn extra_role_and_owner_fields_cannot_escalate_a_reseller() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    let other_id = create_reseller(&app, &admin, "other").await;
    let acme = log_in(&app, "acme", "reseller-password").await;

    let mut sneaky = user_form("sneaky", "10");
    sneaky["role"] = "admin".into();
    sneaky["owner"] = other_id.clone().into();
    sneaky["users"] = "1000".into();
    sneaky["oversell"] = true.into();
    let body =
        serde_json::json!({"form": sneaky, "role": "reseller", "owner": other_id}).to_string();
    let (status, id) = call(&app, "/api/users/create", Some(&acme), JSON, body).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: String = serde_json::from_str(&id).unwrap();
    assert_eq!(
        role_and_owner(&ctx, "sneaky").await,
        ("user".into(), Some("acme".into()))
    );
    let row = app::db::accounts::get(&ctx.db, &id).await.unwrap().unwrap();
    assert_eq!((row.users_limit, row.oversell), (Some(0), false));

    let mut edit = user_form("sneaky", "10");
    edit["role"] = "reseller".into();
    edit["owner"] = other_id.into();
    let body = serde_json::json!({"id": id, "form": edit}).to_string();
    let (status, text) = call(&app, "/api/users/update", Some(&acme), JSON, body).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(
        role_and_owner(&ctx, "sneaky").await,
        ("user".into(), Some("acme".into()))
    );

    // Nor can it reach the resellers module to make a reseller.
    let body = serde_json::json!({"form": form("child")}).to_string();
    let (status, _) = call(&app, "/api/resellers/create", Some(&acme), JSON, body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        app::db::accounts::get_by_login(&ctx.db, "child")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn another_resellers_user_is_not_found_through_every_endpoint() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    create_reseller(&app, &admin, "other").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let other = log_in(&app, "other", "reseller-password").await;
    let theirs = create_user(&app, &other, "theirs", "10").await;
    create_user(&app, &acme, "mine", "10").await;

    for (path, body) in [
        ("/api/users/get", serde_json::json!({"id": theirs})),
        ("/api/users/pool", serde_json::json!({"id": theirs})),
        (
            "/api/users/update",
            serde_json::json!({"id": theirs, "form": user_form("theirs", "1")}),
        ),
    ] {
        let (status, text) = call(&app, path, Some(&acme), JSON, body.to_string()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {text}");
    }
    for (path, body) in [
        ("/api/users/delete", serde_json::json!({"ids": [theirs]})),
        (
            "/api/users/set_enabled",
            serde_json::json!({"ids": [theirs], "enabled": false}),
        ),
    ] {
        let (status, text) = call(&app, path, Some(&acme), JSON, body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
        assert!(
            text.contains("\"done\":[]") && text.contains("no such user"),
            "{path}: {text}"
        );
    }
    let (_, page) = call(
        &app,
        "/api/users/list",
        Some(&acme),
        JSON,
        r#"{"query":{"owner":"other"}}"#.into(),
    )
    .await;
    assert!(
        page.contains("\"mine\"") && !page.contains("theirs"),
        "{page}"
    );
    let row = app::db::accounts::get(&ctx.db, &theirs)
        .await
        .unwrap()
        .unwrap();
    assert!(row.enabled);
    assert_eq!(row.disk_limit, Some(10));
}

#[tokio::test]
async fn users_endpoints_refuse_anonymous_callers_and_users() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let id = create_user(&app, &acme, "web1", "10").await;
    let user = log_in(&app, "web1", "user-password").await;
    let calls = [
        ("/api/users/list", serde_json::json!({"query": {}})),
        ("/api/users/get", serde_json::json!({"id": id})),
        ("/api/users/pool", serde_json::json!({})),
        (
            "/api/users/create",
            serde_json::json!({"form": user_form("web2", "1")}),
        ),
        (
            "/api/users/update",
            serde_json::json!({"id": id, "form": user_form("web1", "1")}),
        ),
        ("/api/users/delete", serde_json::json!({"ids": [id]})),
        (
            "/api/users/set_enabled",
            serde_json::json!({"ids": [id], "enabled": false}),
        ),
    ];
    for (path, body) in calls {
        let (status, _) = call(&app, path, None, JSON, body.to_string()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        let (status, text) = call(&app, path, Some(&user), JSON, body.to_string()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "user {path}: {text}");
    }
    // The user still logs in: nothing was changed by its attempts.
    log_in(&app, "web1", "user-password").await;
}

#[tokio::test]
async fn the_admin_filters_all_users_by_owner_and_a_full_pool_refuses_with_figures() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    create_user(&app, &acme, "web1", "400").await;
    create_user(&app, &admin, "direct", "10").await;
    let body = serde_json::json!({"form": user_form("web2", "200")}).to_string();
    let (status, text) = call(&app, "/api/users/create", Some(&acme), JSON, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text.contains("Disk pool exhausted: 400 of 500 MiB allocated, 100 MiB left."),
        "{text}"
    );

    let (_, all) = call(
        &app,
        "/api/users/list",
        Some(&admin),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert!(
        all.contains("\"web1\"") && all.contains("\"direct\"") && all.contains("\"total\":2"),
        "{all}"
    );
    let (_, mine) = call(
        &app,
        "/api/users/list",
        Some(&admin),
        JSON,
        r#"{"query":{"owner":"acme"}}"#.into(),
    )
    .await;
    assert!(
        mine.contains("\"web1\"") && !mine.contains("\"direct\""),
        "{mine}"
    );
    let (status, _) = call(
        &app,
        "/api/users/list",
        Some(&admin),
        JSON,
        r#"{"query":{"owner":"nobody"}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_reseller_cannot_enable_a_user_the_admin_suspended_and_is_told_why() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let id = create_user(&app, &acme, "web1", "10").await;
    let set_enabled = |enabled: bool| serde_json::json!({"ids": [id], "enabled": enabled});

    let (status, text) = call(
        &app,
        "/api/users/set_enabled",
        Some(&admin),
        JSON,
        set_enabled(false).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let (_, page) = call(
        &app,
        "/api/users/list",
        Some(&acme),
        JSON,
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert!(page.contains("\"suspended_by\":\"admin\""), "{page}");

    let (status, text) = call(
        &app,
        "/api/users/set_enabled",
        Some(&acme),
        JSON,
        set_enabled(true).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let report: app::model::BulkReport = serde_json::from_str(&text).unwrap();
    assert!(report.done.is_empty(), "{text}");
    assert_eq!(
        report.refused,
        [app::model::Refusal {
            login: "web1".into(),
            reason: "web1 was disabled by the administrator: only the administrator can enable it."
                .into(),
        }]
    );
    let row = app::db::accounts::get(&ctx.db, &id).await.unwrap().unwrap();
    assert!(!row.enabled);

    let (status, text) = call(
        &app,
        "/api/users/set_enabled",
        Some(&admin),
        JSON,
        set_enabled(true).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("\"done\":[\"web1\"]"), "{text}");
    log_in(&app, "web1", "user-password").await;
}
