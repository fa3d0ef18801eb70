#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The account form and a list's actions posted as a browser posts them
//! before the WebAssembly runs (`application/x-www-form-urlencoded`, no
//! script): the same rules as the server functions, then a redirect or the
//! page rendered again with the outcome.

mod common;

use axum::body::Body;
use common::*;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn post_form(
    app: &axum::Router,
    path: &str,
    cookie: &str,
    body: &str,
) -> (StatusCode, http::HeaderMap, String) {
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// The resellers' logins, through the API a script uses.
async fn reseller_logins(app: &axum::Router, admin: &str) -> String {
    let (status, body) = call(
        app,
        "/api/resellers/list",
        Some(admin),
        "application/json",
        r#"{"query":{}}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    body
}

async fn reseller(app: &axum::Router, admin: &str, id: &str) -> (StatusCode, String) {
    call(
        app,
        "/api/resellers/get",
        Some(admin),
        "application/json",
        format!(r#"{{"id":"{id}"}}"#),
    )
    .await
}

const NEW_RESELLER: &str = "login=posted&password=long+enough&password_confirm=long+enough\
    &comment=Kept&users=5&disk_mib=500&traffic_mib=500&php=on&enabled=on";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_comes_back_with_what_was_typed_and_a_valid_one_redirects() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;

    let refused = NEW_RESELLER.replace("disk_mib=500", "disk_mib=lots");
    let (status, _, page) = post_form(&app, "/resellers/new", &admin, &refused).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Enter a whole number of MiB"),
        "the refusal beside its field"
    );
    assert!(page.contains(r#"value="posted""#), "the login as typed");
    assert!(page.contains(">Kept</textarea>"), "the comment as typed");
    assert!(!page.contains("long enough"), "never a password sent back");
    assert!(
        !reseller_logins(&app, &admin).await.contains("posted"),
        "nothing saved"
    );

    let (status, headers, _) = post_form(&app, "/resellers/new", &admin, NEW_RESELLER).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/resellers");
    let listed = reseller_logins(&app, &admin).await;
    assert!(listed.contains(r#""login":"posted""#), "saved: {listed}");
    assert!(
        listed.contains(r#""shell":false,"cgi":false,"php":true"#),
        "ticked boxes only: {listed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_without_a_session_changes_nothing() {
    let (app, _ctx) = app().await;
    let (status, _, _) = post_form(&app, "/resellers/new", "", NEW_RESELLER).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    assert!(!reseller_logins(&app, &admin).await.contains("posted"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_action_works_on_the_ticked_rows_and_says_what_is_missing() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme = create_reseller(&app, &admin, "acme").await;

    let (status, _, page) = post_form(&app, "/resellers?q=acme", &admin, "op=disable").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Select at least one reseller."));

    let (status, _, page) = post_form(
        &app,
        "/resellers?q=acme",
        &admin,
        &format!("row={acme}%3Aacme&op=disable"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("1 disabled"), "the outcome above the list");
    let (_, detail) = reseller(&app, &admin, &acme).await;
    assert!(detail.contains(r#""enabled":false"#), "{detail}");

    // Delete asks first, and changes nothing until confirmed.
    let (_, _, page) = post_form(
        &app,
        "/resellers",
        &admin,
        &format!("row={acme}%3Aacme&op=delete"),
    )
    .await;
    assert!(page.contains("Delete resellers?"));
    assert_eq!(reseller(&app, &admin, &acme).await.0, StatusCode::OK);
    let (_, _, page) = post_form(
        &app,
        "/resellers",
        &admin,
        &format!("row={acme}%3Aacme&op=delete-confirmed"),
    )
    .await;
    assert!(page.contains("1 deleted"));
    assert_eq!(reseller(&app, &admin, &acme).await.0, StatusCode::NOT_FOUND);

    // An action on one account opens its page.
    let beta = create_reseller(&app, &admin, "beta").await;
    let (status, headers, _) = post_form(
        &app,
        "/resellers",
        &admin,
        &format!("row={beta}%3Abeta&op=access"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        format!("/resellers/{beta}/access").as_str()
    );
}
