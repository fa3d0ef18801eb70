#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every page of the panel renders on the server to the end, for the roles
//! that use it. A page whose rendering blocks holds one of the server's few
//! worker threads for good: two such requests stop the whole server.

mod common;

use std::time::Duration;

use axum::body::Body;
use common::*;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn page(app: &axum::Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let request = Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let app = app.clone();
    // In a task of its own: a rendering that blocks its thread must not
    // block the clock that gives up on it.
    let rendering = tokio::spawn(async move {
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    });
    match tokio::time::timeout(Duration::from_secs(20), rendering).await {
        Ok(done) => done.unwrap(),
        Err(_) => {
            // A panic would wait for the blocked thread forever while the
            // runtime shuts down: end the test process instead.
            eprintln!("{path} did not finish rendering within 20 s");
            std::process::exit(101)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_page_renders_to_the_end_for_the_admin_and_a_reseller() {
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(&app, &admin, "acme").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let bob_id = create_user(&app, &acme, "bob", "10").await;

    let admin_pages = [
        ("/", "Dashboard"),
        ("/account", "Account settings"),
        ("/resellers", "Resellers"),
        ("/resellers/new", "Add reseller"),
        ("/users", "All users"),
        ("/users/new", "Add user"),
        ("/audit", "Logged in"),
        ("/settings/access", "Default access"),
    ];
    let acme_edit = format!("/resellers/{acme_id}");
    let acme_access = format!("/resellers/{acme_id}/access");
    let bob_edit = format!("/users/{bob_id}");
    let bob_access = format!("/users/{bob_id}/access");
    let mut checks: Vec<(&str, &str, &str)> = admin_pages
        .iter()
        .map(|(path, text)| (*path, *text, admin.as_str()))
        .collect();
    checks.extend([
        (acme_edit.as_str(), "acme", admin.as_str()),
        (acme_access.as_str(), "Menu preview", admin.as_str()),
        (bob_edit.as_str(), "bob", acme.as_str()),
        (bob_access.as_str(), "Menu preview", acme.as_str()),
        ("/users", "bob", acme.as_str()),
        ("/audit", "Audit log", acme.as_str()),
    ]);
    for (path, text, cookie) in checks {
        let (status, body) = page(&app, path, cookie).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(text), "{path} lacks {text:?}");
        assert!(
            body.trim_end().ends_with("</html>") || body.contains("</body>"),
            "{path} was cut short"
        );
    }
}

/// What a page's hydration data holds for one resource of the frame: the
/// unread tickets (only the frame reads them).
const UNREAD_DATA: &str = "from_above";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_frame_is_drawn_once_per_page() {
    // The server's Suspense walks its children several times before it
    // renders them; a frame drawn by a closure was drawn on each walk, its
    // resources read and written into the page three times.
    let (app, _ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    for path in ["/", "/resellers", "/audit"] {
        let (status, body) = page(&app, path, &admin).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(body.matches(UNREAD_DATA).count(), 1, "{path}");
    }
}
