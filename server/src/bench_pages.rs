//! The rendered pages under load: what a browser's first request for a list
//! costs, rendered whole on the server (session, list, HTML), and what the
//! process holds in memory before and after.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::bench::{millis, percentile};

/// One GET of a page through the router; answers its status and body size.
async fn get(app: &Router, path: &str, cookie: &str) -> Result<(StatusCode, usize), String> {
    let request = Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    let response = app
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, bytes.len()))
}

/// The process's resident memory in MB, from the kernel's own account.
pub fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

pub async fn measure(
    app: &Router,
    cookie: &str,
    clients: usize,
    requests_per_client: usize,
) -> Result<(), String> {
    let pages = [
        ("resellers, first page", "/resellers"),
        ("resellers, by disk", "/resellers?sort=disk-desc"),
        ("resellers, name filter", "/resellers?q=seed005"),
        ("all users, first page", "/users"),
        ("dashboard", "/"),
    ];
    let before = resident_mb();
    println!(
        "\n{clients} concurrent clients × {requests_per_client} requests each, GET of a whole rendered page"
    );
    println!(
        "{:<28} {:>8} {:>8} {:>8} {:>8} {:>10} {:>8}",
        "page", "p50 ms", "p95 ms", "p99 ms", "max ms", "pages/s", "KB"
    );
    for (name, path) in pages {
        let wall = Instant::now();
        let mut tasks = Vec::with_capacity(clients);
        for _ in 0..clients {
            let (app, cookie) = (app.clone(), cookie.to_owned());
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::with_capacity(requests_per_client);
                let mut size = 0;
                for _ in 0..requests_per_client {
                    let start = Instant::now();
                    let (status, bytes) = get(&app, path, &cookie).await?;
                    if status != StatusCode::OK {
                        return Err(format!("{path}: status {status}"));
                    }
                    size = bytes;
                    times.push(start.elapsed());
                }
                Ok::<_, String>((times, size))
            }));
        }
        let mut times = Vec::new();
        let mut size = 0;
        for task in tasks {
            let (mine, bytes) = task.await.map_err(|e| e.to_string())??;
            times.extend(mine);
            size = bytes;
        }
        let elapsed = wall.elapsed();
        times.sort();
        println!(
            "{:<28} {:>8} {:>8} {:>8} {:>8} {:>10.0} {:>8}",
            name,
            millis(percentile(&times, 50.0)),
            millis(percentile(&times, 95.0)),
            millis(percentile(&times, 99.0)),
            millis(*times.last().unwrap_or(&Duration::ZERO)),
            times.len() as f64 / elapsed.as_secs_f64(),
            size / 1000
        );
    }
    if let (Some(before), Some(after)) = (before, resident_mb()) {
        println!("resident memory: {before} MB before the pages, {after} MB after");
    }
    Ok(())
}
