//! `server bench-brand`: what a brand costs a page. Through the real router
//! on the seeded bench database, many clients load the login page on a
//! reseller's host name and on the server's own, and the dashboard of a
//! user whose reseller has a brand and of one whose reseller inherits the
//! server's. Time to first byte: until the first chunk of the page.
//!
//! Each client loads the two sides of a pair in turn, so that a change in
//! the machine's load falls on both alike.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::bench::{millis, percentile};
use crate::bench_audit::login;
use crate::config::Config;
use crate::{ServerState, leptos_options, prepare, router};

pub struct Options {
    pub clients: usize,
    pub requests_per_client: usize,
    pub rounds: usize,
}

const BRANDED_RESELLER: &str = "seed00001";

/// A page to load: its path, the host asked for, the session cookie.
type Page = (&'static str, &'static str, Option<String>);
const BRANDED_HOST: &str = "panel.seed00001.example";

/// One GET of a page; its time to the first chunk of the body.
async fn first_byte(
    app: &Router,
    path: &str,
    host: &str,
    cookie: Option<&str>,
) -> Result<Duration, String> {
    let mut request = Request::builder().uri(path).header(header::HOST, host);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request.body(Body::empty()).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let response = app
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| e.to_string())?;
    if response.status() != StatusCode::OK {
        return Err(format!("{path} on {host}: status {}", response.status()));
    }
    let mut body = response.into_body();
    body.frame().await.transpose().map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    // Read the rest, as a browser would, before the next request.
    while body
        .frame()
        .await
        .transpose()
        .map_err(|e| e.to_string())?
        .is_some()
    {}
    Ok(elapsed)
}

/// Every client loads both pages in turn, so that whatever else the
/// machine does falls on both alike; the two sides' times.
async fn load(
    app: &Router,
    options: &Options,
    pair: &[Page; 2],
) -> Result<[Vec<Duration>; 2], String> {
    let mut tasks = Vec::with_capacity(options.clients);
    for client in 0..options.clients {
        let (app, pair) = (app.clone(), pair.clone());
        let n = options.requests_per_client;
        tasks.push(tokio::spawn(async move {
            let mut times = [Vec::with_capacity(n), Vec::with_capacity(n)];
            for i in 0..n {
                // Half the clients start with each side.
                let side = (i + client) % 2;
                let (path, host, cookie) = &pair[side];
                times[side].push(first_byte(&app, path, host, cookie.as_deref()).await?);
            }
            Ok::<_, String>(times)
        }));
    }
    let mut times = [Vec::new(), Vec::new()];
    for task in tasks {
        let [a, b] = task.await.map_err(|e| e.to_string())??;
        times[0].extend(a);
        times[1].extend(b);
    }
    Ok(times)
}

/// Gives the first seeded reseller a brand, a logo and a host name.
async fn brand_first_reseller(ctx: &app::service::AppContext, app: &Router) -> Result<(), String> {
    let cookie = login(app, BRANDED_RESELLER, app::service::seed::SEED_PASSWORD).await?;
    let token = cookie.split_once('=').map(|(_, t)| t).unwrap_or_default();
    let actor = app::service::auth::resolve(ctx, Some(token))
        .await
        .map_err(|e| e.to_string())?;
    let change = app::service::branding::BrandChange {
        custom: true,
        form: app::domain::branding::BrandForm {
            name: "Seed Hosting".into(),
            primary: "#6b1f8b".into(),
            accent: "#8b4513".into(),
            contact_email: "help@seed.example".into(),
            contact_url: "https://help.seed.example/".into(),
            footer: "Seed Hosting Ltd.".into(),
        },
        hosts: BRANDED_HOST.into(),
    };
    app::service::branding::save(ctx, &actor, "", change)
        .await
        .map_err(|e| format!("bench-brand: saving the brand failed: {e}"))?;
    let image = image::RgbaImage::from_pixel(240, 80, image::Rgba([0x6b, 0x1f, 0x8b, 0xff]));
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    app::service::branding::upload_logo(ctx, &actor, "", png.into_inner())
        .await
        .map_err(|e| format!("bench-brand: uploading the logo failed: {e}"))?;
    Ok(())
}

pub async fn run(config: Config, options: Options) -> Result<(), String> {
    let (ctx, _) = prepare(&config).await?;
    if app::db::accounts::get_by_login(&ctx.db, BRANDED_RESELLER)
        .await
        .map_err(|e| e.to_string())?
        .is_none()
    {
        return Err("bench-brand: run `server bench` first: it seeds the database".into());
    }
    let app = router(ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    });
    brand_first_reseller(&ctx, &app).await?;
    let password = app::service::seed::SEED_PASSWORD;
    let branded_user = login(&app, "seed00001u0001", password).await?;
    let plain_user = login(&app, "seed00002u0001", password).await?;
    // Each session's first page resolves it; measure pages in use.
    first_byte(&app, "/", "127.0.0.1", Some(&branded_user)).await?;
    first_byte(&app, "/", "127.0.0.1", Some(&plain_user)).await?;

    let pairs: [(&str, [Page; 2]); 2] = [
        (
            "login page",
            [
                ("/login", "127.0.0.1", None),
                ("/login", BRANDED_HOST, None),
            ],
        ),
        (
            "user's dashboard",
            [
                ("/", "127.0.0.1", Some(plain_user)),
                ("/", "127.0.0.1", Some(branded_user)),
            ],
        ),
    ];
    println!(
        "\n{} concurrent clients × {} GETs each (both pages in turn), {} rounds; time to first byte",
        options.clients, options.requests_per_client, options.rounds
    );
    println!(
        "{:<34} {:>8} {:>8} {:>8}",
        "page", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut worst = 0.0f64;
    for (name, sides) in pairs {
        let mut times = [Vec::new(), Vec::new()];
        for _ in 0..options.rounds {
            let [a, b] = load(&app, &options, &sides).await?;
            times[0].extend(a);
            times[1].extend(b);
        }
        let mut p99 = [Duration::ZERO; 2];
        for (side, label) in ["unbranded", "branded"].into_iter().enumerate() {
            let sorted = &mut times[side];
            sorted.sort();
            p99[side] = percentile(sorted, 99.0);
            println!(
                "{:<34} {:>8} {:>8} {:>8}",
                format!("{name}, {label}"),
                millis(percentile(sorted, 50.0)),
                millis(percentile(sorted, 95.0)),
                millis(p99[side]),
            );
        }
        let change = (p99[1].as_secs_f64() / p99[0].as_secs_f64().max(1e-9) - 1.0) * 100.0;
        worst = worst.max(change);
        println!(
            "{:<34} {:>+25.1} %",
            format!("{name}: branded p99 vs unbranded"),
            change
        );
    }
    println!("\nlargest p99 difference: {worst:+.1} % (target ≤ +10 %)");
    Ok(())
}
