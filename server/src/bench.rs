//! `server bench`: measures the resellers list through the real router
//! (session check, server function, database) with many concurrent clients.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::config::Config;
use crate::{ServerState, leptos_options, prepare, router};

pub struct Options {
    pub resellers: usize,
    pub users_each: usize,
    pub clients: usize,
    pub requests_per_client: usize,
}

/// One POST through the router (form-encoded without a cookie, JSON with
/// one); answers the status, the session cookie set, and the body.
pub(crate) async fn post(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    body: String,
) -> Result<(StatusCode, Option<String>, Vec<u8>), String> {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1")
        .header(
            header::CONTENT_TYPE,
            if cookie.is_some() {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            },
        );
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request.body(Body::from(body)).map_err(|e| e.to_string())?;
    let response = app
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, cookie, bytes.to_vec()))
}

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub(crate) fn millis(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

pub async fn run(config: Config, options: Options) -> Result<(), String> {
    let password = config
        .admin_password
        .clone()
        .ok_or("bench: set TRELLIS_ADMIN_PASSWORD (the admin's password in this database)")?;
    let (ctx, _) = prepare(&config).await?;
    let started = Instant::now();
    match app::service::seed::seed(&ctx, options.resellers, options.users_each).await {
        Ok(report) => println!(
            "seeded {} resellers and {} users in {:.1} s",
            report.resellers,
            report.users,
            started.elapsed().as_secs_f64()
        ),
        Err(app::error::AppError::Conflict(_)) => {
            println!("using the data already seeded in {}", config.database_url)
        }
        Err(e) => return Err(format!("seeding failed: {e}")),
    }
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    let (status, cookie, _) = post(
        &app,
        "/api/auth/login",
        None,
        format!("login=admin&password={password}"),
    )
    .await?;
    let cookie = match (status, cookie) {
        (StatusCode::OK, Some(cookie)) => cookie,
        _ => return Err(format!("bench: admin login failed ({status})")),
    };

    // A second admin session inside the first reseller's panel: its requests
    // carry the chain admin → reseller and act with the reseller's rights.
    let entered = enter_first_reseller(&ctx, &app, &password).await?;
    // Entering clears the resolved sessions; a browser's first page after it
    // resolves the new chain once. Do the same here, so that the scenario
    // measures the entered session in use rather than 50 clients of one
    // session resolving it at the same instant.
    post(
        &app,
        "/api/users/list",
        Some(&entered),
        serde_json::json!({"query": {}}).to_string(),
    )
    .await?;

    // A deep page: follow the cursors 15 pages in (rows 751–800).
    let mut after: Option<String> = None;
    for _ in 0..15 {
        let body = serde_json::json!({"query": {"after": after}}).to_string();
        let (_, _, bytes) = post(&app, "/api/resellers/list", Some(&cookie), body).await?;
        let page: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        after = page["next"].as_str().map(str::to_owned);
    }
    const RESELLERS: &str = "/api/resellers/list";
    // The admin's All users list: the largest scope (every user).
    const ALL_USERS: &str = "/api/users/list";
    let admin = cookie.as_str();
    let scenarios = [
        (
            "first page",
            RESELLERS,
            serde_json::json!({"query": {}}),
            admin,
        ),
        (
            "deep keyset page (16th)",
            RESELLERS,
            serde_json::json!({"query": {"after": after}}),
            admin,
        ),
        (
            "name filter 'seed005'",
            RESELLERS,
            serde_json::json!({"query": {"filter": "seed005"}}),
            admin,
        ),
        (
            "sort by disk, descending",
            RESELLERS,
            serde_json::json!({"query": {"sort": "Disk", "descending": true}}),
            admin,
        ),
        (
            "all users, by disk",
            ALL_USERS,
            serde_json::json!({"query": {"sort": "Disk", "descending": true}}),
            admin,
        ),
        (
            "all users, not active",
            ALL_USERS,
            serde_json::json!({"query": {"state": "Inactive"}}),
            admin,
        ),
        (
            "entered: reseller's users",
            ALL_USERS,
            serde_json::json!({"query": {}}),
            entered.as_str(),
        ),
    ];
    println!(
        "\n{} concurrent clients × {} requests each, POST {RESELLERS} or {ALL_USERS} \
         (session check + list + JSON)",
        options.clients, options.requests_per_client
    );
    println!(
        "{:<28} {:>8} {:>8} {:>8} {:>8} {:>10} {:>11}",
        "scenario", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "client ms"
    );
    let mut worst_p99 = Duration::ZERO;
    for (name, path, body, cookie) in scenarios {
        let (body, cookie) = (body.to_string(), cookie.to_owned());
        let wall = Instant::now();
        let mut tasks = Vec::with_capacity(options.clients);
        for _ in 0..options.clients {
            let (app, cookie, body) = (app.clone(), cookie.clone(), body.clone());
            let n = options.requests_per_client;
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::with_capacity(n);
                for _ in 0..n {
                    let start = Instant::now();
                    let (status, _, _) = post(&app, path, Some(&cookie), body.clone()).await?;
                    if status != StatusCode::OK {
                        return Err(format!("status {status}"));
                    }
                    times.push(start.elapsed());
                }
                Ok::<_, String>(times)
            }));
        }
        let mut times = Vec::new();
        for task in tasks {
            times.extend(task.await.map_err(|e| e.to_string())??);
        }
        let elapsed = wall.elapsed();
        times.sort();
        let p99 = percentile(&times, 99.0);
        worst_p99 = worst_p99.max(p99);
        println!(
            "{:<28} {:>8} {:>8} {:>8} {:>8} {:>10.0} {:>11}",
            name,
            millis(percentile(&times, 50.0)),
            millis(percentile(&times, 95.0)),
            millis(p99),
            millis(*times.last().unwrap_or(&Duration::ZERO)),
            times.len() as f64 / elapsed.as_secs_f64(),
            // What a client waits per request, queueing included: its
            // requests' wall time over their number (Little's law).
            millis(elapsed * options.clients as u32 / times.len().max(1) as u32)
        );
    }
    println!("\nworst p99: {} ms (target ≤ 50 ms)", millis(worst_p99));
    crate::bench_pages::measure(&app, &cookie, options.clients, options.requests_per_client)
        .await?;
    breakdown(&ctx, &app, &cookie).await?;
    // Lists are served from the in-memory model; what it costs is the time
    // to build it when the server starts.
    let started = Instant::now();
    let resident_before = crate::bench_pages::resident_mb();
    let lists = app::db::lists::Lists::load(&ctx.db)
        .await
        .map_err(|e| e.to_string())?;
    // A second model beside the server's: what one costs in memory (the
    // store's own cache already holds what it read for the first).
    let held = resident_before
        .zip(crate::bench_pages::resident_mb())
        .map(|(before, after)| format!(", +{} MB resident", after.saturating_sub(before)))
        .unwrap_or_default();
    println!(
        "list model: {} accounts loaded in {:.1} s (once, at start-up){held}",
        lists.len(),
        started.elapsed().as_secs_f64()
    );
    // Closed, so that the next run starts from the store's tables rather
    // than replaying this run's log into memory.
    drop((app, lists));
    crate::close_database(ctx, Vec::new(), &config.database_url).await;
    Ok(())
}

/// Logs the admin in once more and enters the first seeded reseller's
/// panel; answers that session's cookie.
async fn enter_first_reseller(
    ctx: &app::service::AppContext,
    app: &Router,
    password: &str,
) -> Result<String, String> {
    let (_, cookie, _) = post(
        app,
        "/api/auth/login",
        None,
        format!("login=admin&password={password}"),
    )
    .await?;
    let cookie = cookie.ok_or("bench: the second admin login failed")?;
    let reseller = app::db::accounts::get_by_login(&ctx.db, "seed00001")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("bench: no reseller seed00001 to enter")?;
    let body = serde_json::json!({"id": reseller.id}).to_string();
    let (status, _, text) = post(app, "/api/resellers/enter", Some(&cookie), body).await?;
    if status != StatusCode::OK {
        return Err(format!(
            "bench: entering seed00001 failed ({status}): {}",
            String::from_utf8_lossy(&text)
        ));
    }
    Ok(cookie)
}

/// Where one request's time goes, measured one call at a time (no queueing):
/// the session check, the list itself, and the whole request.
async fn breakdown(
    ctx: &app::service::AppContext,
    app: &Router,
    cookie: &str,
) -> Result<(), String> {
    const CALLS: u32 = 300;
    let token = cookie.split_once('=').map(|(_, t)| t).unwrap_or_default();
    let started = Instant::now();
    let mut actor = None;
    for _ in 0..CALLS {
        actor = Some(
            app::service::auth::resolve(ctx, Some(token))
                .await
                .map_err(|e| e.to_string())?,
        );
    }
    let session = started.elapsed() / CALLS;
    let actor = actor.ok_or("no calls")?;
    let started = Instant::now();
    for _ in 0..CALLS {
        app::service::resellers::list(ctx, &actor, Default::default())
            .await
            .map_err(|e| e.to_string())?;
    }
    let list = started.elapsed() / CALLS;
    let body = serde_json::json!({"query": {}}).to_string();
    let started = Instant::now();
    for _ in 0..CALLS {
        post(app, "/api/resellers/list", Some(cookie), body.clone()).await?;
    }
    let whole = started.elapsed() / CALLS;
    println!(
        "\none request at a time (first page): session check {} ms, list {} ms, whole request {} ms",
        millis(session),
        millis(list),
        millis(whole)
    );
    Ok(())
}
