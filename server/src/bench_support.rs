//! `server bench-support`: the support center at 100 000 tickets and
//! 1 000 000 messages, through the real router, with many concurrent
//! clients — then again with hundreds of live event streams open and
//! ticket news flowing to them, to show what the streams cost the pages.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use futures::StreamExt;
use http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::bench::{millis, percentile, post};
use crate::bench_audit::{login, measure};
use crate::config::Config;
use crate::{ServerState, leptos_options, prepare, router};

pub struct Options {
    pub tickets: usize,
    pub messages: usize,
    pub resellers: usize,
    pub users_each: usize,
    pub clients: usize,
    pub requests_per_client: usize,
    /// Live event streams held open during the second round.
    pub streams: usize,
}

const LIST: &str = "/api/support/list";
const GET: &str = "/api/support/get";
/// Ticket news published per second while the streams are open.
const NEWS_PER_SECOND: u64 = 10;
/// One stream in this many is an admin's (10 of 500).
const ADMIN_EVERY: usize = 50;

type Scenario<'a> = (&'static str, &'static str, &'a str, serde_json::Value);

/// Runs every scenario; prints a table and answers (name, p50, p99, req/s).
async fn round(
    app: &Router,
    scenarios: &[Scenario<'_>],
    options: &Options,
) -> Result<Vec<(&'static str, Duration, Duration, f64)>, String> {
    println!(
        "{:<30} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "scenario", "rows", "cold ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"
    );
    let mut figures = Vec::new();
    for (name, path, cookie, body) in scenarios {
        // One request first: the figures are of a running server, not of
        // its first read of each page (`cold ms`).
        let cold = Instant::now();
        let (status, _, _) = post(app, path, Some(cookie), body.to_string()).await?;
        if status != StatusCode::OK {
            return Err(format!("{name}: status {status}"));
        }
        let cold = cold.elapsed();
        let (times, elapsed, rows) = measure(
            app,
            path,
            cookie,
            body,
            (options.clients, options.requests_per_client),
        )
        .await?;
        let rate = times.len() as f64 / elapsed.as_secs_f64();
        println!(
            "{:<30} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8.0}",
            name,
            rows,
            millis(cold),
            millis(percentile(&times, 50.0)),
            millis(percentile(&times, 95.0)),
            millis(percentile(&times, 99.0)),
            millis(*times.last().unwrap_or(&Duration::ZERO)),
            rate
        );
        figures.push((
            *name,
            percentile(&times, 50.0),
            percentile(&times, 99.0),
            rate,
        ));
    }
    Ok(figures)
}

/// Opens an event stream as `cookie` and drains it, counting its events.
async fn listen(app: Router, cookie: String, heard: Arc<AtomicU64>) -> Result<(), String> {
    let request = Request::builder()
        .uri("/api/events")
        .header(header::HOST, "127.0.0.1")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    let response = app.oneshot(request).await.map_err(|e| e.to_string())?;
    if response.status() != StatusCode::OK {
        return Err(format!(
            "an event stream was refused: {}",
            response.status()
        ));
    }
    let mut body = response.into_body().into_data_stream();
    while let Some(chunk) = body.next().await {
        chunk.map_err(|e| e.to_string())?;
        heard.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

pub async fn run(config: Config, options: Options) -> Result<(), String> {
    let password = config.admin_password.clone().ok_or(
        "bench-support: set TRELLIS_ADMIN_PASSWORD (the admin's password in this database)",
    )?;
    let (ctx, _) = prepare(&config).await?;
    match app::service::seed::seed(&ctx, options.resellers, options.users_each).await {
        Ok(report) => println!(
            "seeded {} resellers and {} users",
            report.resellers, report.users
        ),
        Err(app::error::AppError::Conflict(_)) => println!("using the accounts already seeded"),
        Err(e) => return Err(format!("seeding failed: {e}")),
    }
    let started = Instant::now();
    let added = app::service::seed_tickets::seed_tickets(&ctx, options.tickets, options.messages)
        .await
        .map_err(|e| format!("seeding tickets failed: {e}"))?;
    if added > 0 {
        println!(
            "seeded {added} tickets ({} messages in all) in {:.1} s",
            options.messages,
            started.elapsed().as_secs_f64()
        );
    } else {
        println!("using the tickets already seeded");
    }
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    let seed = app::service::seed::SEED_PASSWORD;
    let admin = login(&app, "admin", &password).await?;
    let reseller = login(&app, "seed00001", seed).await?;
    let user = login(&app, "seed00001u0007", seed).await?;
    let long = serde_json::json!({"id": "seed000000000"});
    let scenarios: Vec<Scenario> = vec![
        (
            "resellers list, first page",
            "/api/resellers/list",
            &admin,
            serde_json::json!({"query": {}}),
        ),
        (
            "admin, own inbox",
            LIST,
            &admin,
            serde_json::json!({"query": {}}),
        ),
        (
            "admin, every ticket",
            LIST,
            &admin,
            serde_json::json!({"query": {"mailbox": "server"}}),
        ),
        (
            "admin, every ticket, open",
            LIST,
            &admin,
            serde_json::json!({"query": {"mailbox": "server", "status": "open"}}),
        ),
        (
            "reseller, inbox",
            LIST,
            &reseller,
            serde_json::json!({"query": {}}),
        ),
        (
            "reseller, from below, high",
            LIST,
            &reseller,
            serde_json::json!({"query": {"mailbox": "below", "priority": "high"}}),
        ),
        ("user, inbox", LIST, &user, serde_json::json!({"query": {}})),
        ("thread of 200 messages", GET, &admin, long),
    ];
    println!(
        "\n{} concurrent clients × {} requests each, through the router (session + call + JSON)",
        options.clients, options.requests_per_client
    );
    let quiet = round(&app, &scenarios, &options).await?;

    // The same, with live streams open and ticket news flowing to them.
    let heard = Arc::new(AtomicU64::new(0));
    let mut streams = Vec::with_capacity(options.streams);
    for i in 0..options.streams {
        // A few admin tabs among many of accounts below: the admin hears of
        // every ticket on the server, a reseller of its own.
        let cookie = if i % ADMIN_EVERY == 0 {
            &admin
        } else {
            &reseller
        };
        streams.push(tokio::spawn(listen(
            app.clone(),
            cookie.clone(),
            heard.clone(),
        )));
    }
    // News of another reseller's tickets: every admin stream hears them (the
    // admin sees every ticket), the measured reseller's and user's do not,
    // and the view of every ticket on the server is read again after each.
    let other_id = app::db::accounts::get_by_login(&ctx.db, "seed00002")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("bench-support: no seed00002")?
        .id;
    let stop = Arc::new(AtomicBool::new(false));
    let news = {
        let (ctx, stop) = (ctx.clone(), stop.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(1000 / NEWS_PER_SECOND));
            // Stopped between writes, not in one: a write cut short is noise.
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let change = app::service::Change::Tickets(vec![other_id.clone()]);
                if let Err(e) = ctx.publish(change).await {
                    eprintln!("publishing ticket news failed: {e}");
                }
            }
        })
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "\nagain with {} event streams open ({} of them the admin's) and {NEWS_PER_SECOND} ticket \
         news a second",
        options.streams,
        options.streams.div_ceil(ADMIN_EVERY)
    );
    let wall = Instant::now();
    let busy = round(&app, &scenarios, &options).await?;
    stop.store(true, Ordering::Relaxed);
    news.await.map_err(|e| e.to_string())?;
    let events = heard.load(Ordering::Relaxed);
    for stream in &streams {
        if stream.is_finished() {
            return Err("an event stream ended during the benchmark".into());
        }
    }
    for stream in streams {
        stream.abort();
    }
    println!(
        "events delivered: {events} ({:.0}/s)",
        events as f64 / wall.elapsed().as_secs_f64()
    );
    let mut worst_p99 = Duration::ZERO;
    let mut worst_rate = f64::INFINITY;
    let mut worst_tail = 0.0f64;
    println!(
        "\n{:<30} {:>12} {:>12}",
        "scenario", "p99 change", "req/s change"
    );
    for ((name, _, q99, qrate), (_, _, b99, brate)) in quiet.iter().zip(&busy) {
        worst_p99 = worst_p99.max(*q99).max(*b99);
        let tail = b99.as_secs_f64() / q99.as_secs_f64().max(1e-6);
        let rate = brate / qrate;
        worst_tail = worst_tail.max(tail);
        worst_rate = worst_rate.min(rate);
        println!(
            "{:<30} {:>+11.0}% {:>+11.0}%",
            name,
            (tail - 1.0) * 100.0,
            (rate - 1.0) * 100.0
        );
    }
    println!(
        "\nworst p99: {} ms (target ≤ 50 ms); with streams open: throughput at worst {:.0}% of \
         without (target ≥ 80%), p99 at worst {:.2}× (scenarios of a millisecond move by noise)",
        millis(worst_p99),
        worst_rate * 100.0,
        worst_tail
    );
    Ok(())
}
