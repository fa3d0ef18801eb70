//! Live updates (`GET /api/events`): who may listen, what an event says,
//! resuming after a reconnect, and the end of a session ending the stream.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{ADMIN_PASSWORD, JSON, app, call, create_reseller, log_in};

async fn open(app: &Router, cookie: Option<&str>, last_id: Option<u64>) -> http::Response<Body> {
    let mut request = Request::builder()
        .uri("/api/events")
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(id) = last_id {
        request = request.header("last-event-id", id.to_string());
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

/// The next event's text (keep-alive comments skipped), or None when the
/// stream ended; fails after 5 s of silence.
async fn next_event(body: &mut Body) -> Option<String> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")?;
        let frame = frame.unwrap();
        if let Some(data) = frame.data_ref() {
            let text = String::from_utf8_lossy(data).into_owned();
            if !text.starts_with(':') {
                return Some(text);
            }
        }
    }
}

fn field<'a>(event: &'a str, name: &str) -> &'a str {
    event
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}:")))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

#[tokio::test]
async fn only_a_signed_in_browser_may_listen() {
    let (app, _) = app().await;
    assert_eq!(
        open(&app, None, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let forged = open(&app, Some("trellis_session=forged"), None).await;
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_change_is_announced_with_its_revision_and_what_it_touched() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let response = open(&app, Some(&admin), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body();
    create_reseller(&app, &admin, "acme").await;
    // The login's own audit entry may be announced first.
    let event = loop {
        let event = next_event(&mut body).await.expect("an event");
        assert_eq!(field(&event, "event"), "change");
        if field(&event, "data").contains("accounts") {
            break event;
        }
        assert_eq!(field(&event, "data"), "audit", "{event}");
    };
    assert!(
        field(&event, "data").contains("audit"),
        "the creation was audited: {event}"
    );
    let id: u64 = field(&event, "id").parse().unwrap();
    assert_eq!(id, ctx.stream.applied());
}

#[tokio::test]
async fn a_reconnecting_browser_hears_at_once_what_it_missed() {
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let seen = ctx.stream.applied();
    create_reseller(&app, &admin, "acme").await;
    let mut body = open(&app, Some(&admin), Some(seen)).await.into_body();
    let event = next_event(&mut body).await.expect("the missed change");
    assert!(field(&event, "data").contains("accounts"), "{event}");
    assert_eq!(
        field(&event, "id").parse::<u64>().unwrap(),
        ctx.stream.applied()
    );
}

#[tokio::test]
async fn a_stream_ends_with_its_session() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let other = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let mut body = open(&app, Some(&admin), None).await.into_body();
    let (status, _) = call(&app, "/api/auth/logout", Some(&admin), JSON, "{}".into()).await;
    assert_eq!(status, StatusCode::OK);
    // The next change is not told to the logged-out tab: its stream ends.
    create_reseller(&app, &other, "acme").await;
    assert_eq!(next_event(&mut body).await, None);
}

/// Events of `body` until one names `kind` (all of them, in order).
async fn events_until(body: &mut Body, kind: &str) -> Vec<String> {
    let mut seen = Vec::new();
    while let Some(event) = next_event(body).await {
        let kinds = field(&event, "data").to_owned();
        seen.push(kinds.clone());
        if kinds.split_whitespace().any(|k| k == kind) {
            return seen;
        }
    }
    panic!("the stream ended before {kind}: {seen:?}")
}

#[tokio::test]
async fn ticket_news_reach_the_parties_and_no_one_else() {
    let (app, _) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    create_reseller(&app, &admin, "acme").await;
    create_reseller(&app, &admin, "beta").await;
    let acme = log_in(&app, "acme", "reseller-password").await;
    let beta = log_in(&app, "beta", "reseller-password").await;
    common::create_user(&app, &acme, "web1", "10").await;
    let web1 = log_in(&app, "web1", "user-password").await;
    let mut acme_events = open(&app, Some(&acme), None).await.into_body();
    let mut beta_events = open(&app, Some(&beta), None).await.into_body();

    let (status, text) = call(
        &app,
        "/api/support/open",
        Some(&web1),
        "application/x-www-form-urlencoded",
        "subject=Help&priority=low&text=please".into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    events_until(&mut acme_events, "tickets").await;
    // Something beta may hear of, after the ticket: beta's stream up to it
    // says nothing of tickets.
    create_reseller(&app, &admin, "gamma").await;
    let heard = events_until(&mut beta_events, "accounts").await;
    assert!(
        heard.iter().all(|kinds| !kinds.contains("tickets")),
        "beta heard of another's ticket: {heard:?}"
    );
}
