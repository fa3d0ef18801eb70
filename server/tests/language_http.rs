#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The panel's language: the browser's until the account chooses one, which
//! is kept with the account and comes back at every login.

mod common;

use axum::body::Body;
use common::*;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, Vec<String>, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        cookies,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn login_page(accept_language: &str, cookie: &str) -> Request<Body> {
    Request::builder()
        .uri("/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_LANGUAGE, accept_language)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

fn choose(cookie: &str, language: &str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/api/account/language")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("language={language}")))
        .unwrap()
}

fn log_in_request(login: &str, password: &str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/api/auth/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("login={login}&password={password}")))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_renders_in_the_browser_s_language_or_the_one_chosen() {
    let (app, _ctx) = app().await;
    let (_, _, page) = send(&app, login_page("ru-RU,ru;q=0.9,en;q=0.8", "")).await;
    assert!(page.contains(r#"<html lang="ru""#), "Russian first");
    assert!(page.contains("Вход в панель управления"));
    let (_, _, page) = send(&app, login_page("de-DE,en;q=0.5", "")).await;
    assert!(page.contains(r#"<html lang="en""#));
    assert!(page.contains("Log in to your panel"));
    // A chosen language (its cookie) wins over the browser's.
    let (_, _, page) = send(&app, login_page("ru-RU", "trellis_lang=en")).await;
    assert!(page.contains("Log in to your panel"));
    // A cookie naming no language of ours is ignored.
    let (_, _, page) = send(&app, login_page("ru-RU", "trellis_lang=xx")).await;
    assert!(page.contains("Вход в панель управления"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chosen_language_is_kept_with_the_account_and_set_again_at_login() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;

    let (status, cookies, body) = send(&app, choose(&admin, "xx")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("language"),
        "the refusal names its field: {body}"
    );
    assert!(cookies.iter().all(|c| !c.starts_with("trellis_lang")));

    let (status, cookies, _) = send(&app, choose(&admin, "ru")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        cookies.iter().any(|c| c.starts_with("trellis_lang=ru;")),
        "{cookies:?}"
    );

    // Another browser: the login brings the choice with it.
    let (status, cookies, _) = send(&app, log_in_request("admin", ADMIN_PASSWORD)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        cookies.iter().any(|c| c.starts_with("trellis_lang=ru;")),
        "{cookies:?}"
    );

    // Back to the browser's: the cookie is removed, now and at the next login.
    let (_, cookies, _) = send(&app, choose(&admin, "")).await;
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("trellis_lang=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    let (_, cookies, _) = send(&app, log_in_request("admin", ADMIN_PASSWORD)).await;
    assert!(
        cookies.iter().any(|c| c.starts_with("trellis_lang=;")),
        "{cookies:?}"
    );
}
