#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The support center through the router: every function on one real
//! ticket, called by its two parties, the admin, another tree and nobody;
//! hostile text in the rendered page; a form posted without the page's script.

mod common;

use axum::Router;
use axum::body::Body;
use common::*;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

const FORM: &str = "application/x-www-form-urlencoded";

async fn get_page(app: &Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let request = Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

struct World {
    admin: String,
    acme: String,
    web1: String,
    beta: String,
    web2: String,
    ticket: String,
}

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

async fn world(app: &Router) -> World {
    let admin = log_in(app, "admin", ADMIN_PASSWORD).await;
    create_reseller(app, &admin, "acme").await;
    create_reseller(app, &admin, "beta").await;
    let acme = log_in(app, "acme", "reseller-password").await;
    let beta = log_in(app, "beta", "reseller-password").await;
    create_user(app, &acme, "web1", "10").await;
    create_user(app, &beta, "web2", "10").await;
    let web1 = log_in(app, "web1", "user-password").await;
    let web2 = log_in(app, "web2", "user-password").await;
    let (status, id) = call(
        app,
        "/api/support/open",
        Some(&web1),
        FORM,
        format!(
            "subject=Help&priority=medium&text={}",
            urlencode(&format!("Hi {HOSTILE}"))
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{id}");
    World {
        admin,
        acme,
        web1,
        beta,
        web2,
        ticket: serde_json::from_str(&id).unwrap(),
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn every_support_function_answers_each_caller_as_the_rules_say() {
    let (app, _ctx) = app().await;
    let w = world(&app).await;
    let t = &w.ticket;
    let get = json!({"id": t}).to_string();
    // (caller, cookie): parties, the admin (reads only), another tree, nobody.
    let callers: [(&str, Option<&str>); 6] = [
        ("acme (party, receiving)", Some(&w.acme)),
        ("web1 (party, opened it)", Some(&w.web1)),
        ("admin (no party)", Some(&w.admin)),
        ("beta (another reseller)", Some(&w.beta)),
        ("web2 (another tree's user)", Some(&w.web2)),
        ("anonymous", None),
    ];
    type Row<'a> = (&'a str, &'a str, String, [u16; 6]);
    let rows: Vec<Row> = vec![
        (
            "/api/support/get",
            JSON,
            get.clone(),
            [200, 200, 200, 404, 404, 401],
        ),
        (
            "/api/support/set_priority",
            FORM,
            format!("ticket={t}&priority=high"),
            [200, 403, 403, 404, 404, 401],
        ),
        (
            "/api/support/reply",
            FORM,
            format!("ticket={t}&text=hello"),
            [200, 200, 403, 404, 404, 401],
        ),
        (
            "/api/support/close",
            FORM,
            format!("ticket={t}"),
            [200, 200, 403, 404, 404, 401],
        ),
    ];
    let mut failures = Vec::new();
    for (path, content_type, body, expected) in rows {
        for ((name, cookie), want) in callers.iter().zip(expected) {
            let (status, text) = call(&app, path, *cookie, content_type, body.clone()).await;
            if status.as_u16() != want {
                failures.push(format!(
                    "{path} as {name}: {status}, expected {want}: {text}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Lists and counts: strangers see nothing of it.
    let list = json!({"query": {}}).to_string();
    for (name, cookie) in [("beta", &w.beta), ("web2", &w.web2)] {
        let (status, text) =
            call(&app, "/api/support/list", Some(cookie), JSON, list.clone()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!text.contains(t.as_str()), "{name} lists it: {text}");
        let (_, unread) = call(&app, "/api/support/unread", Some(cookie), JSON, "{}".into()).await;
        assert_eq!(unread, r#"{"from_above":0,"from_below":0}"#, "{name}");
    }
    let server = json!({"query": {"mailbox": "server"}}).to_string();
    let (status, text) = call(
        &app,
        "/api/support/list",
        Some(&w.admin),
        JSON,
        server.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains(t.as_str()));
    let (status, _) = call(&app, "/api/support/list", Some(&w.acme), JSON, server).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only the admin sees the server"
    );

    // The thread after all that: the two parties' messages, closed.
    let (_, thread) = call(&app, "/api/support/get", Some(&w.web1), JSON, get).await;
    let thread: serde_json::Value = serde_json::from_str(&thread).unwrap();
    assert_eq!(thread["status"], "Closed");
    assert_eq!(thread["priority"], "High");
    assert_eq!(thread["asked_priority"], "Medium");
    assert_eq!(thread["messages"].as_array().unwrap().len(), 3);
}

/// (path, caller, content type, body, status, a word the answer holds).
type Case<'a> = (&'a str, Option<&'a str>, &'a str, String, u16, &'a str);

#[tokio::test]
async fn bad_input_is_refused_with_its_field_and_status() {
    let (app, _ctx) = app().await;
    let w = world(&app).await;
    let web2_id = {
        let (_, page) = call(
            &app,
            "/api/users/list",
            Some(&w.beta),
            JSON,
            json!({"query": {}}).to_string(),
        )
        .await;
        let page: serde_json::Value = serde_json::from_str(&page).unwrap();
        page["rows"][0]["id"].as_str().unwrap().to_owned()
    };
    let cases: Vec<Case> = vec![
        (
            "/api/support/open",
            Some(&w.web1),
            FORM,
            "subject=&priority=low&text=x".into(),
            422,
            "subject",
        ),
        (
            "/api/support/open",
            Some(&w.web1),
            FORM,
            "subject=S&priority=urgent&text=x".into(),
            422,
            "priority",
        ),
        (
            "/api/support/open",
            Some(&w.web1),
            FORM,
            "subject=S&priority=low&text=%20".into(),
            422,
            "text",
        ),
        (
            "/api/support/open",
            Some(&w.web1),
            FORM,
            "subject=S&priority=low&category=nope&text=x".into(),
            422,
            "category",
        ),
        (
            "/api/support/open",
            Some(&w.admin),
            FORM,
            "subject=S&priority=low&category=general&text=x".into(),
            422,
            "nobody above",
        ),
        (
            "/api/support/message",
            Some(&w.acme),
            JSON,
            json!({"to": [web2_id], "form": {"subject": "S", "priority": "low", "text": "x"}})
                .to_string(),
            422,
            "to",
        ),
        (
            "/api/support/reply",
            Some(&w.web1),
            FORM,
            format!("ticket={}&text=", w.ticket),
            422,
            "text",
        ),
        (
            "/api/support/get",
            Some(&w.web1),
            JSON,
            json!({"id": "a]b"}).to_string(),
            404,
            "",
        ),
        (
            "/api/support/list",
            Some(&w.web1),
            JSON,
            json!({"query": {"after": "x.y.z"}}).to_string(),
            422,
            "after",
        ),
    ];
    for (path, cookie, content_type, body, want, field) in cases {
        let (status, text) = call(&app, path, cookie, content_type, body.clone()).await;
        assert_eq!(status.as_u16(), want, "{path} {body}: {text}");
        assert!(text.contains(field), "{path} {body}: {text}");
    }
    // Nothing of it was stored: acme still has the one ticket of the set-up.
    let (_, page) = call(
        &app,
        "/api/support/list",
        Some(&w.acme),
        JSON,
        json!({"query": {}}).to_string(),
    )
    .await;
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn hostile_text_reaches_the_page_escaped() {
    let (app, _ctx) = app().await;
    let w = world(&app).await;
    let (status, html) = get_page(&app, &format!("/support/{}", w.ticket), &w.acme).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("<img src=x"));
    // Rendered whole, for browsers without script: the thread is in the page.
    assert!(html.contains("class=\"message-text\""));
    // A stranger's page says it does not exist, and shows nothing of it.
    let (_, html) = get_page(&app, &format!("/support/{}", w.ticket), &w.beta).await;
    assert!(html.contains("No such ticket."));
    assert!(!html.contains("alert(1)"));
}

#[tokio::test]
async fn a_reply_posted_without_script_goes_back_to_the_thread() {
    let (app, _ctx) = app().await;
    let w = world(&app).await;
    let thread = format!("http://127.0.0.1:3000/support/{}", w.ticket);
    let request = Request::builder()
        .method("POST")
        .uri("/api/support/reply")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, &w.acme)
        .header(header::CONTENT_TYPE, FORM)
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, &thread)
        .body(Body::from(format!(
            "ticket={}&text=From+a+plain+form",
            w.ticket
        )))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    // Back to where the form was (the router may add an empty query).
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert_eq!(location.trim_end_matches('?'), thread.as_str());
    let (_, html) = get_page(&app, &format!("/support/{}", w.ticket), &w.web1).await;
    assert!(html.contains("From a plain form"));
}

#[tokio::test]
async fn a_message_of_twenty_thousand_characters_fits_in_any_encoding() {
    let (app, _ctx) = app().await;
    let w = world(&app).await;
    // Four bytes each, form-encoded as twelve: the largest message there is.
    let longest = "😀".repeat(20_000);
    let body = format!("ticket={}&text={}", w.ticket, urlencode(&longest));
    let (status, text) = call(&app, "/api/support/reply", Some(&w.acme), FORM, body).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let over = format!(
        "ticket={}&text={}",
        w.ticket,
        urlencode(&format!("{longest}😀"))
    );
    let (status, text) = call(&app, "/api/support/reply", Some(&w.acme), FORM, over).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(text.contains("\"text\""));
}
