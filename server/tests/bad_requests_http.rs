#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Requests that are wrong in themselves are the client's fault: they answer
//! 4xx with a message, change nothing, and never look like a server failure.

mod common;

use axum::Router;
use axum::body::Body;
use common::*;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Posts raw bytes, as a script or a broken client might.
async fn post_bytes(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
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

#[tokio::test]
async fn a_body_that_cannot_be_decoded_is_400_with_a_short_message() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let deep = format!("{{\"query\":{}{}}}", "[".repeat(5_000), "]".repeat(5_000));
    let cases: Vec<(&str, &str, &str, Vec<u8>)> = vec![
        (
            "not JSON",
            "/api/resellers/list",
            JSON,
            b"{\"query\":".to_vec(),
        ),
        (
            "wrong shape",
            "/api/resellers/get",
            JSON,
            br#"{"id": 5}"#.to_vec(),
        ),
        (
            "missing argument",
            "/api/users/create",
            JSON,
            b"{}".to_vec(),
        ),
        (
            "not UTF-8",
            "/api/users/get",
            JSON,
            vec![b'{', 0xff, 0xfe, b'}'],
        ),
        (
            "form data to a JSON function",
            "/api/resellers/delete",
            "application/x-www-form-urlencoded",
            b"ids[0]=x".to_vec(),
        ),
        (
            "nested 5 000 deep",
            "/api/users/list",
            JSON,
            deep.into_bytes(),
        ),
        (
            "a form without its fields",
            "/api/auth/login",
            "application/x-www-form-urlencoded",
            b"login=admin".to_vec(),
        ),
        (
            "JSON to a form function",
            "/api/auth/login",
            JSON,
            br#"{"login":"admin","password":"x"}"#.to_vec(),
        ),
        (
            "a form that is not UTF-8",
            "/api/auth/login",
            "application/x-www-form-urlencoded",
            vec![b'l', b'o', b'g', b'i', b'n', b'=', 0xc3, 0x28],
        ),
    ];
    for (what, path, content_type, body) in cases {
        for cookie in [Some(admin.as_str()), None] {
            let (status, text) = post_bytes(&app, path, cookie, content_type, body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{what} to {path}: {text}");
            let error: Value = serde_json::from_str(&text).unwrap();
            let message = error["BadRequest"].as_str().unwrap_or_default();
            assert!(!message.is_empty() && message.len() < 300, "{what}: {text}");
        }
    }
}

#[tokio::test]
async fn an_empty_or_foreign_id_is_not_found() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let reseller_id = create_reseller(&app, &admin, "acme").await;
    let foreign = [
        String::new(),
        " ".into(),
        format!("account:{reseller_id}"),
        format!("session:{reseller_id}"),
        format!("⟨{reseller_id}⟩"),
        "x⟩; DELETE account; --".into(),
        "a".repeat(2_000),
        "\u{0}".into(),
    ];
    for id in &foreign {
        for (path, body) in [
            ("/api/resellers/get", json!({"id": id})),
            (
                "/api/resellers/update",
                json!({"id": id, "form": form("acme")}),
            ),
            ("/api/users/get", json!({"id": id})),
            ("/api/users/pool", json!({"id": id})),
            (
                "/api/users/update",
                json!({"id": id, "form": user_form("web1", "10")}),
            ),
        ] {
            let (status, text) = call(&app, path, Some(&admin), JSON, body.to_string()).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path} {id:?}: {text}");
        }
    }
    // Nothing was changed on the way: acme is as it was created.
    let (status, text) = call(
        &app,
        "/api/resellers/get",
        Some(&admin),
        JSON,
        json!({"id": reseller_id}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("\"acme\""), "{text}");
}

#[tokio::test]
async fn a_bulk_action_refuses_unknown_ids_one_by_one_and_does_the_rest() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme = create_reseller(&app, &admin, "acme").await;
    let user = create_user(&app, &admin, "web1", "10").await;
    let junk = ["", "session:abc", "⟨x⟩"];
    for (path, id, extra) in [
        (
            "/api/resellers/set_enabled",
            &acme,
            json!({"enabled": false}),
        ),
        ("/api/users/set_enabled", &user, json!({"enabled": false})),
        ("/api/resellers/delete", &acme, json!({})),
        ("/api/users/delete", &user, json!({})),
    ] {
        let mut body = extra;
        body["ids"] = json!([junk[0], id, junk[1], junk[2]]);
        let (status, text) = call(&app, path, Some(&admin), JSON, body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            report["done"].as_array().unwrap().len(),
            1,
            "{path}: {text}"
        );
        let refused = report["refused"].as_array().unwrap();
        assert_eq!(refused.len(), 3, "{path}: {text}");
        assert!(
            refused.iter().all(|row| row["reason"]
                .as_str()
                .unwrap()
                .starts_with("There is no such")),
            "{path}: {text}"
        );
    }
    for login in ["acme", "web1"] {
        assert!(
            app::db::accounts::get_by_login(&ctx.db, login)
                .await
                .unwrap()
                .is_none(),
            "{login} was deleted"
        );
    }
}

#[tokio::test]
async fn an_allocation_total_too_large_to_count_is_422_on_the_field() {
    use app::domain::pool::{ALLOCATION_MAX, Allocation};
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let admin_row = app::db::accounts::get_by_login(&ctx.db, "admin")
        .await
        .unwrap()
        .unwrap();
    // What 8 191 users of 2^50 MiB each would add up to, written directly:
    // creating them one by one would take minutes.
    let nearly_full = Allocation {
        users: 8_191,
        disk_mib: ALLOCATION_MAX - 1_000,
        ..Default::default()
    };
    app::db::accounts::set_allocation(&ctx.db, &admin_row.id, &nearly_full, 0)
        .await
        .unwrap();
    ctx.publish(app::service::Change::Accounts(vec![admin_row.id.clone()]))
        .await
        .unwrap();

    let body = json!({"form": user_form("huge", "1125899906842624")}).to_string();
    let (status, text) = call(&app, "/api/users/create", Some(&admin), JSON, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    let error: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(error["Validation"][0]["field"], "disk_mib", "{text}");
    assert!(
        app::db::accounts::get_by_login(&ctx.db, "huge")
            .await
            .unwrap()
            .is_none()
    );
    let after = app::db::accounts::get(&ctx.db, &admin_row.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.alloc_users, after.alloc_disk),
        (8_191, (ALLOCATION_MAX - 1_000) as i64),
        "the counters did not move"
    );

    // A share that still fits is taken, and the counter holds the exact sum.
    let (status, text) = call(
        &app,
        "/api/users/create",
        Some(&admin),
        JSON,
        json!({"form": user_form("fits", "1000")}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let after = app::db::accounts::get(&ctx.db, &admin_row.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.alloc_disk, i64::MAX);
}
