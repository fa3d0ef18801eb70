//! Logins and sessions under attack, through the router: a burst of guesses,
//! cookies and headers over TLS, client addresses behind a proxy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::config::Config;
use server::{ServerState, leptos_options, prepare, router};
use tower::ServiceExt;

const PASSWORD: &str = "hardening-password";

/// The tests of this file run one at a time: the burst test measures the
/// process's peak memory, which tests running beside it would add to.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn app_with(settings: &[(&'static str, &'static str)]) -> (Router, app::service::AppContext) {
    let namespace = format!("h{}", app::db::accounts::new_id());
    let settings = settings.to_vec();
    let env = move |key: &str| match key {
        "TRELLIS_DB" => Some("mem://".to_owned()),
        "TRELLIS_NAMESPACE" => Some(namespace.clone()),
        "TRELLIS_ADMIN_PASSWORD" => Some(PASSWORD.to_owned()),
        other => settings
            .iter()
            .find(|(k, _)| *k == other)
            .map(|(_, v)| (*v).to_owned()),
    };
    let config = Config::load(env, None).unwrap();
    let (ctx, _) = prepare(&config).await.unwrap();
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    (app, ctx)
}

/// A login form post from `peer`, with optional extra headers.
async fn post_login(
    app: &Router,
    peer: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> http::Response<Body> {
    let mut request = Request::builder()
        .method("POST")
        .uri("/api/auth/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request
        .body(Body::from(format!("login=admin&password={password}")))
        .unwrap();
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.clone().oneshot(request).await.unwrap()
}

async fn last_login_detail(ctx: &app::service::AppContext, action: &str) -> String {
    let details: Vec<String> = ctx
        .db
        .query("SELECT VALUE detail FROM audit WHERE action = $action ORDER BY at DESC LIMIT 1")
        .bind(("action", action.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    details.into_iter().next().unwrap_or_default()
}

/// The largest resident set this process has had, in MiB.
fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kib| kib / 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_200_wrong_logins_evaluates_at_most_five_answers_no_5xx_and_stays_small() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let (app, ctx) = app_with(&[]).await;
    let before = peak_rss_mib();
    let burst = (0..200).map(|i| {
        let app = app.clone();
        async move {
            let peer = format!("10.3.{}.{}:40000", i / 250, i % 250);
            let response = post_login(&app, &peer, "wrong-password", &[]).await;
            let status = response.status();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&body).into_owned())
        }
    });
    let answers = futures::future::join_all(burst).await;
    let after = peak_rss_mib();
    let count = |status: u16| answers.iter().filter(|(s, _)| s.as_u16() == status).count();
    let (wrong, throttled) = (count(422), count(429));
    println!(
        "200 concurrent wrong logins: {wrong} evaluated (422), {throttled} refused (429); \
         peak RSS {before} MiB before, {after} MiB after"
    );
    assert!(
        answers.iter().all(|(s, _)| !s.is_server_error()),
        "{answers:?}"
    );
    assert_eq!(wrong + throttled, 200, "{answers:?}");
    assert!((1..=5).contains(&wrong), "{wrong} guesses were evaluated");
    let audited: Vec<String> = ctx
        .db
        .query("SELECT VALUE target FROM audit WHERE action = 'login.failed'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(audited.len(), wrong, "every evaluated failure is audited");
    let throttle = app::db::throttle::read(&ctx.db, "login:admin")
        .await
        .unwrap();
    let busy = answers
        .iter()
        .filter(|(_, body)| body.contains("busy"))
        .count();
    assert_eq!(
        throttle.refused as usize + busy,
        throttled,
        "every refused attempt is on record"
    );
    // At most a few argon2 runs at once, 19 MiB each: not 200 of them
    // (3.8 GiB). The margin covers the allocator and the database's caches,
    // which vary from run to run by tens of MiB.
    assert!(
        after.saturating_sub(before) < 320,
        "peak RSS grew from {before} MiB to {after} MiB"
    );
}

#[tokio::test]
async fn over_tls_cookies_are_host_prefixed_and_transport_security_is_sent() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let (app, _) = app_with(&[("TRELLIS_SECURE_COOKIES", "true")]).await;
    let response = post_login(&app, "127.0.0.1:5000", PASSWORD, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_some()
    );
    let cookies: Vec<&str> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-trellis_session=")),
        "{cookies:?}"
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-trellis_device=")),
        "{cookies:?}"
    );
    assert!(
        cookies
            .iter()
            .all(|c| c.contains("; Secure") && c.contains("Path=/"))
    );
    assert!(cookies.iter().all(|c| !c.contains("Domain")));
    // The prefixed cookie is the one that is read back.
    let session = cookies[0].split(';').next().unwrap();
    let (status, body) = common::call(
        &app,
        "/api/auth/me",
        Some(session),
        common::JSON,
        "{}".into(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("admin"), "{body}");
}

#[tokio::test]
async fn without_tls_no_transport_security_is_promised() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let (app, _) = app_with(&[]).await;
    let response = post_login(&app, "127.0.0.1:5000", PASSWORD, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_none()
    );
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let (app, ctx) = app_with(&[]).await;
    let forwarded = [("x-forwarded-for", "198.51.100.7")];
    post_login(&app, "127.0.0.1:5000", "wrong-password", &forwarded).await;
    assert!(
        last_login_detail(&ctx, "login.failed")
            .await
            .contains("from 127.0.0.1"),
        "an untrusted peer's header is ignored"
    );

    let (app, ctx) = app_with(&[("TRELLIS_TRUSTED_PROXIES", "127.0.0.1")]).await;
    post_login(&app, "127.0.0.1:5000", "wrong-password", &forwarded).await;
    assert!(
        last_login_detail(&ctx, "login.failed")
            .await
            .contains("from 198.51.100.7")
    );
    // Behind the proxy, one client's failures lock that client, not everyone.
    for _ in 0..5 {
        post_login(
            &app,
            "127.0.0.1:5000",
            "wrong-password",
            &[("x-forwarded-for", "198.51.100.8")],
        )
        .await;
    }
    let other_client = post_login(
        &app,
        "127.0.0.1:5000",
        PASSWORD,
        &[("x-forwarded-for", "198.51.100.9")],
    )
    .await;
    // The login itself is locked by the guesses at it, whoever made them; the
    // address lock stays with the guesser.
    assert_eq!(other_client.status(), StatusCode::TOO_MANY_REQUESTS);
    let throttle = app::db::throttle::read(&ctx.db, "addr:198.51.100.9")
        .await
        .unwrap();
    assert_eq!(
        throttle.locked_until, 0,
        "the other client's address is not locked"
    );
}
