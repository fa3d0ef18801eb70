//! `server bench-audit`: the Audit page at a million entries, through the
//! real router (session check, server function, database), with many
//! concurrent clients.

use std::time::{Duration, Instant};

use app::db::audit::{AuditEntry, Stamped, record_many, subjects};
use axum::Router;
use http::StatusCode;

use crate::bench::{millis, percentile, post};
use crate::config::Config;
use crate::{ServerState, leptos_options, prepare, router};

pub struct Options {
    pub entries: usize,
    pub resellers: usize,
    pub users_each: usize,
    pub clients: usize,
    pub requests_per_client: usize,
}

const SEEDED: &str = "bench_audit_entries";
const BATCH: usize = 2000;
const LIST: &str = "/api/audit/list";

pub(crate) async fn login(app: &Router, login: &str, password: &str) -> Result<String, String> {
    let (status, cookie, _) = post(
        app,
        "/api/auth/login",
        None,
        format!("login={login}&password={password}"),
    )
    .await?;
    match (status, cookie) {
        (StatusCode::OK, Some(cookie)) => Ok(cookie),
        _ => Err(format!("bench: {login} could not log in ({status})")),
    }
}

const ACTIONS: [&str; 8] = [
    "login",
    "user.update",
    "user.update",
    "login.failed",
    "user.disable",
    "user.enable",
    "panel.enter",
    "account.password",
];

/// `count` entries about the seeded accounts, one every few seconds over
/// the last months, written in batches.
async fn seed_entries(ctx: &app::service::AppContext, count: usize) -> Result<(), String> {
    let subjects = subjects(&ctx.db).await.map_err(|e| e.to_string())?;
    if subjects.is_empty() {
        return Err("bench-audit: no accounts to write entries about".into());
    }
    let start = app::db::now() - count as i64 * 10;
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let n = BATCH.min(count - written);
        let batch = (written..written + n)
            .map(|i| {
                // Spread over the accounts by a stride, so that every
                // reseller's entries are spread over the whole time.
                let s = &subjects[(i * 7919) % subjects.len()];
                let action = ACTIONS[i % ACTIONS.len()];
                let chain = match (i % 3, &s.owner_login) {
                    (0, Some(owner)) if owner != "admin" => vec!["admin".into(), owner.clone()],
                    (1, Some(owner)) => vec![owner.clone()],
                    _ => vec![s.login.clone()],
                };
                Stamped::at(
                    AuditEntry {
                        at: start + i as i64 * 10,
                        chain,
                        action: action.into(),
                        target: s.login.clone(),
                        target_owner: s.owner_login.clone(),
                        detail: format!("disk {} → {} MiB", i % 900, i % 900 + 100),
                        target_id: Some(s.id.clone()),
                        owner_id: s.owner_id.clone(),
                    },
                    0,
                )
            })
            .collect();
        record_many(&ctx.db, batch)
            .await
            .map_err(|e| e.to_string())?;
        written += n;
        if written % 100_000 == 0 {
            println!(
                "  {written} entries ({:.0}/s)",
                written as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    app::db::counters::add(&ctx.db, SEEDED, count as i64)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "seeded {count} audit entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One scenario: `clients` clients each send `body` as `cookie` to `path`,
/// `requests` times back to back. Answers the sorted times, the wall time
/// and the rows of the last page.
pub(crate) async fn measure(
    app: &Router,
    path: &'static str,
    cookie: &str,
    body: &serde_json::Value,
    (clients, requests): (usize, usize),
) -> Result<(Vec<Duration>, Duration, usize), String> {
    let body = body.to_string();
    let wall = Instant::now();
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (app, cookie, body) = (app.clone(), cookie.to_owned(), body.clone());
        let n = requests;
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(n);
            let mut rows = 0;
            for _ in 0..n {
                let start = Instant::now();
                let (status, _, bytes) = post(&app, path, Some(&cookie), body.clone()).await?;
                if status != StatusCode::OK {
                    return Err(format!(
                        "status {status}: {}",
                        String::from_utf8_lossy(&bytes)
                    ));
                }
                times.push(start.elapsed());
                rows = serde_json::from_slice::<serde_json::Value>(&bytes)
                    .ok()
                    .and_then(|page| {
                        page["rows"]
                            .as_array()
                            .or_else(|| page["messages"].as_array())
                            .map(Vec::len)
                    })
                    .unwrap_or(0);
            }
            Ok::<_, String>((times, rows))
        }));
    }
    let mut times = Vec::new();
    let mut rows = 0;
    for task in tasks {
        let (t, r) = task.await.map_err(|e| e.to_string())??;
        times.extend(t);
        rows = r;
    }
    let elapsed = wall.elapsed();
    times.sort();
    Ok((times, elapsed, rows))
}

pub async fn run(config: Config, options: Options) -> Result<(), String> {
    let password = config
        .admin_password
        .clone()
        .ok_or("bench-audit: set TRELLIS_ADMIN_PASSWORD (the admin's password in this database)")?;
    let (ctx, _) = prepare(&config).await?;
    match app::service::seed::seed(&ctx, options.resellers, options.users_each).await {
        Ok(report) => println!(
            "seeded {} resellers and {} users",
            report.resellers, report.users
        ),
        Err(app::error::AppError::Conflict(_)) => println!("using the accounts already seeded"),
        Err(e) => return Err(format!("seeding failed: {e}")),
    }
    let seeded = app::db::counters::get(&ctx.db, SEEDED)
        .await
        .map_err(|e| e.to_string())? as usize;
    if seeded < options.entries {
        seed_entries(&ctx, options.entries - seeded).await?;
    } else {
        println!("using the {seeded} audit entries already seeded");
    }
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    let admin = login(&app, "admin", &password).await?;
    let reseller = login(&app, "seed00001", app::service::seed::SEED_PASSWORD).await?;

    // A deep page: follow the admin's cursors 20 pages in (rows 1001–1050).
    let mut after: Option<String> = None;
    for _ in 0..20 {
        let body = serde_json::json!({"query": {"after": after}}).to_string();
        let (_, _, bytes) = post(&app, LIST, Some(&admin), body).await?;
        let page: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        after = page["next"].as_str().map(str::to_owned);
    }
    // An action the account's entries have (the seed gives each account
    // only some), so that the combined filter is not an empty range.
    let body = serde_json::json!({"query": {"login": "seed00500"}}).to_string();
    let (_, _, bytes) = post(&app, LIST, Some(&admin), body).await?;
    let page: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let action = page["rows"][0]["action"]
        .as_str()
        .ok_or("bench-audit: seed00500 has no entries")?
        .to_owned();
    let scenarios = [
        (
            "admin, first page",
            &admin,
            serde_json::json!({"query": {}}),
        ),
        (
            "reseller, first page",
            &reseller,
            serde_json::json!({"query": {}}),
        ),
        (
            "admin, by action",
            &admin,
            serde_json::json!({"query": {"action": "user.disable"}}),
        ),
        (
            "admin, by account",
            &admin,
            serde_json::json!({"query": {"login": "seed00500u0005"}}),
        ),
        (
            "admin, account + action",
            &admin,
            serde_json::json!({"query": {"login": "seed00500", "action": action}}),
        ),
        (
            "reseller, by its user",
            &reseller,
            serde_json::json!({"query": {"login": "seed00001u0003"}}),
        ),
        (
            "admin, time range",
            &admin,
            serde_json::json!({"query": {"from": "2020-01-01", "to": "2099-12-31"}}),
        ),
        (
            "admin, deep page (21st)",
            &admin,
            serde_json::json!({"query": {"after": after}}),
        ),
    ];
    println!(
        "\n{} concurrent clients × {} requests each, POST {LIST} (session check + page + JSON)",
        options.clients, options.requests_per_client
    );
    println!(
        "{:<26} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "scenario", "rows", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"
    );
    let mut worst = Duration::ZERO;
    for (name, cookie, body) in scenarios {
        let (times, elapsed, rows) = measure(
            &app,
            LIST,
            cookie,
            &body,
            (options.clients, options.requests_per_client),
        )
        .await?;
        let p99 = percentile(&times, 99.0);
        worst = worst.max(p99);
        println!(
            "{:<26} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8.0}",
            name,
            rows,
            millis(percentile(&times, 50.0)),
            millis(percentile(&times, 95.0)),
            millis(p99),
            millis(*times.last().unwrap_or(&Duration::ZERO)),
            times.len() as f64 / elapsed.as_secs_f64()
        );
    }
    println!("\nworst p99: {} ms (target ≤ 50 ms)", millis(worst));
    Ok(())
}
