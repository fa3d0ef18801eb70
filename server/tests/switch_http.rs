#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Switching panels through the router: entering an account below, acting
//! with its rights only, returning one level, and falling back when a link
//! of the chain stops being valid.

mod common;

use common::*;
use http::StatusCode;
use serde_json::{Value, json};

async fn me(app: &axum::Router, cookie: &str) -> Value {
    let (status, text) = call(app, "/api/auth/me", Some(cookie), FORM, String::new()).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn chain_logins(me: &Value) -> Vec<String> {
    me["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| link["login"].as_str().unwrap().to_owned())
        .collect()
}

async fn enter(app: &axum::Router, cookie: &str, what: &str, id: &str) -> (StatusCode, String) {
    let path = format!("/api/{what}/enter");
    call(
        app,
        &path,
        Some(cookie),
        JSON,
        json!({ "id": id }).to_string(),
    )
    .await
}

async fn go_back(app: &axum::Router, cookie: &str) -> (StatusCode, String) {
    call(
        app,
        "/api/session/return",
        Some(cookie),
        FORM,
        String::new(),
    )
    .await
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn the_admin_enters_a_reseller_then_its_user_and_returns_twice() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let bob_id = create_user(&app, &acme, "bob", "10").await;

    let (status, text) = enter(&app, &admin, "resellers", &acme_id).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin", "acme"]);

    // Inside acme's panel the admin is acme: no admin functions.
    let body = json!({"form": form("sneaky")}).to_string();
    let (status, text) = call(&app, "/api/resellers/create", Some(&admin), JSON, body).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    // And acme's users list is acme's, not every user.
    let list = json!({"query": {}}).to_string();
    let (status, text) = call(&app, "/api/users/list", Some(&admin), JSON, list).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("\"bob\""), "{text}");

    let (status, text) = enter(&app, &admin, "users", &bob_id).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(
        chain_logins(&me(&app, &admin).await),
        ["admin", "acme", "bob"]
    );
    let (status, _) = call(
        &app,
        "/api/users/list",
        Some(&admin),
        JSON,
        json!({"query": {}}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a user has no Users module");

    assert_eq!(go_back(&app, &admin).await.0, StatusCode::OK);
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin", "acme"]);
    assert_eq!(go_back(&app, &admin).await.0, StatusCode::OK);
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin"]);
    // Nothing left to return from; still signed in.
    assert_eq!(go_back(&app, &admin).await.0, StatusCode::CONFLICT);
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin"]);

    // Every step is in the audit log with its whole chain.
    let mut rows: Vec<(Vec<String>, String, String)> = ctx
        .db
        .query("SELECT chain, action, target, at FROM audit WHERE action IN ['panel.enter', 'panel.return'] ORDER BY at")
        .await
        .unwrap()
        .take::<Vec<Value>>(0)
        .map(|rows| {
            rows.into_iter()
                .map(|r| {
                    (
                        serde_json::from_value(r["chain"].clone()).unwrap(),
                        r["action"].as_str().unwrap().to_owned(),
                        r["target"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap();
    rows.sort_by_key(|(chain, action, _)| (chain.len(), action.clone()));
    assert_eq!(
        rows,
        vec![
            (vec!["admin".into()], "panel.enter".into(), "acme".into()),
            (
                vec!["admin".into(), "acme".into()],
                "panel.enter".into(),
                "bob".into()
            ),
            (
                vec!["admin".into(), "acme".into()],
                "panel.return".into(),
                "acme".into()
            ),
            (
                vec!["admin".into(), "acme".into(), "bob".into()],
                "panel.return".into(),
                "bob".into()
            ),
        ]
    );
}

#[tokio::test]
async fn only_active_accounts_below_can_be_entered() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let other_id = create_reseller(&app, &admin, "other").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let other = log_in(&app, "other", "reseller-password").await;
    let bob_id = create_user(&app, &acme, "bob", "10").await;
    let eve_id = create_user(&app, &other, "eve", "10").await;

    // Another reseller's user, a reseller through the users door, a peer.
    assert_eq!(
        enter(&app, &acme, "users", &eve_id).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        enter(&app, &acme, "users", &acme_id).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        enter(&app, &acme, "resellers", &other_id).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        enter(&app, &admin, "users", &acme_id).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        enter(&app, &admin, "resellers", "no-such").await.0,
        StatusCode::NOT_FOUND
    );

    // A disabled account.
    let body = json!({"ids": [bob_id.clone()], "enabled": false}).to_string();
    assert_eq!(
        call(&app, "/api/users/set_enabled", Some(&acme), JSON, body)
            .await
            .0,
        StatusCode::OK
    );
    let (status, text) = enter(&app, &acme, "users", &bob_id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{text}");
    assert!(text.contains("disabled"), "{text}");
    assert_eq!(chain_logins(&me(&app, &acme).await), ["acme"]);
}

#[tokio::test]
async fn disabling_the_entered_account_drops_the_session_back_with_a_notice() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let bob_id = create_user(&app, &acme, "bob", "10").await;
    let second_admin = log_in(&app, "admin", ADMIN_PASSWORD).await;

    assert_eq!(
        enter(&app, &admin, "resellers", &acme_id).await.0,
        StatusCode::OK
    );
    assert_eq!(
        enter(&app, &admin, "users", &bob_id).await.0,
        StatusCode::OK
    );
    // Someone else disables acme (and with it bob).
    let body = json!({"ids": [acme_id], "enabled": false}).to_string();
    let (status, text) = call(
        &app,
        "/api/resellers/set_enabled",
        Some(&second_admin),
        JSON,
        body,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");

    // The next request acts as the admin again; no error page.
    let (status, text) = call(
        &app,
        "/api/dashboard/summary",
        Some(&admin),
        FORM,
        String::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("Admin"), "{text}");
    let first = me(&app, &admin).await;
    assert_eq!(chain_logins(&first), ["admin"]);
    let notice = first["notice"].as_str().unwrap_or_default().to_owned();
    assert!(notice.contains("acme is disabled"), "{first}");
    // Shown once.
    assert_eq!(me(&app, &admin).await["notice"], Value::Null);
}

#[tokio::test]
async fn the_entered_account_logging_in_elsewhere_gets_an_ordinary_session() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    assert_eq!(
        enter(&app, &admin, "resellers", &acme_id).await.0,
        StatusCode::OK
    );
    let acme = log_in(&app, "acme", "reseller-password").await;
    assert_eq!(chain_logins(&me(&app, &acme).await), ["acme"]);
    assert_eq!(go_back(&app, &acme).await.0, StatusCode::CONFLICT);
    // And the admin is still inside acme's panel.
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin", "acme"]);
}

#[tokio::test]
async fn entering_is_refused_across_sites_and_by_get() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let request = http::Request::builder()
        .method("POST")
        .uri("/api/resellers/enter")
        .header(http::header::HOST, "127.0.0.1:3000")
        .header(http::header::ORIGIN, "https://evil.example")
        .header(http::header::CONTENT_TYPE, JSON)
        .header(http::header::COOKIE, &admin)
        .body(axum::body::Body::from(json!({ "id": acme_id }).to_string()))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(chain_logins(&me(&app, &admin).await), ["admin"]);
}

#[tokio::test]
async fn losing_the_enter_function_while_inside_drops_back_one_level() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let bob_id = create_user(&app, &acme, "bob", "10").await;
    assert_eq!(
        enter(&app, &admin, "resellers", &acme_id).await.0,
        StatusCode::OK
    );
    assert_eq!(
        enter(&app, &admin, "users", &bob_id).await.0,
        StatusCode::OK
    );

    // acme may no longer enter its users' panels.
    let mut grants = app::domain::access::Access::everything_for(app::domain::Role::Reseller);
    grants = grants.without(
        &[app::domain::access::Function::UsersEnter]
            .into_iter()
            .collect(),
    );
    app::db::access::set_grants(&ctx.db, &acme_id, &grants, 0)
        .await
        .unwrap();
    ctx.publish(app::service::Change::Accounts(vec![acme_id]))
        .await
        .unwrap();

    let after = me(&app, &admin).await;
    assert_eq!(chain_logins(&after), ["admin", "acme"]);
    let notice = after["notice"].as_str().unwrap_or_default().to_owned();
    assert!(notice.contains("back in acme's panel"), "{after}");
    assert_eq!(
        enter(&app, &admin, "users", &bob_id).await.0,
        StatusCode::FORBIDDEN
    );
}
