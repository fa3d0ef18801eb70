#![recursion_limit = "512"]
//! The Trellis server: start-up, and the axum router as a function so that
//! tests can drive it without a socket.

pub mod bench;
pub mod bench_audit;
pub mod bench_brand;
pub mod bench_pages;
pub mod bench_support;
pub mod brand;
pub mod config;
pub mod crash;
pub mod events;
pub mod form_posts;
pub mod guard;
pub mod precompress;
pub mod race;

use app::service::{AppContext, Settings};
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

use config::Config;

/// Largest request body we read; anything bigger is refused with 413 before
/// it is read. Forms are small, but a support message may hold 20 000
/// characters of up to 4 bytes each, which a form encodes as 3 bytes a byte.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Requests worked on at once; more wait in line before any work starts.
/// A request in progress holds most of a megabyte (storage queries and their
/// state) and two cores gain nothing from hundreds at once, so a burst of
/// connections must wait rather than grow the process without bound.
pub const MAX_REQUESTS_IN_FLIGHT: usize = 32;

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppContext,
}

/// The database as configured, neither migrated nor loaded.
pub async fn open_database(config: &Config) -> Result<app::db::Db, String> {
    // The embedded database creates its own directory, but not its parents.
    if let Some(dir) = embedded_dir(&config.database_url)
        && let Some(parent) = dir.parent()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let credentials = config
        .database_credentials
        .as_ref()
        .map(|(u, p)| (u.as_str(), p.as_str()));
    app::db::connect(&config.database_url, credentials, &config.namespace)
        .await
        .map_err(|e| format!("database {}: {e}", config.database_url))
}

/// Opens the database, brings its schema up to date and makes sure there is an admin.
pub async fn prepare(config: &Config) -> Result<(AppContext, Option<String>), String> {
    let db = open_database(config).await?;
    app::db::migrate(&db)
        .await
        .map_err(|e| format!("database migration failed: {e}"))?;
    let ctx = AppContext::open(
        db,
        Settings {
            secure_cookies: config.secure_cookies,
            session_idle_secs: config.session_idle_minutes * 60,
            session_max_secs: config.session_max_hours * 60 * 60,
            trusted_proxies: config.trusted_proxies.clone(),
            own_hosts: config.own_hosts.clone(),
        },
    )
    .await
    .map_err(|e| format!("loading the account lists failed: {e}"))?;
    let bootstrap = app::service::accounts::bootstrap_admin(&ctx, config.admin_password.as_deref())
        .await
        .map_err(|e| format!("creating the admin account failed: {e}"))?;
    let generated = match bootstrap {
        app::service::accounts::Bootstrap::Created { generated_password } => generated_password,
        app::service::accounts::Bootstrap::AlreadyThere => None,
    };
    Ok((ctx, generated))
}

/// Ends expired sessions, forgets stale throttles and browsers and purges
/// old changes, every few minutes, for as long as the process runs.
pub fn spawn_sweeper(ctx: AppContext) -> tokio::task::JoinHandle<()> {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);
    tokio::spawn(async move {
        loop {
            if let Err(error) = app::service::auth::sweep(&ctx).await {
                tracing::warn!(%error, "sweeping expired sessions failed; trying again later");
            }
            if let Err(error) = app::service::stream::purge(&ctx.db).await {
                tracing::warn!(%error, "purging old changes failed; trying again later");
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// A backup into `dir` every day while serving, the newest eight kept. The
/// first comes ten minutes after start, so that a restart loop does not
/// write one backup per start.
pub fn spawn_daily_backups(
    ctx: AppContext,
    dir: std::path::PathBuf,
) -> tokio::task::JoinHandle<()> {
    const FIRST: std::time::Duration = std::time::Duration::from_secs(10 * 60);
    const EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    tokio::spawn(async move {
        tokio::time::sleep(FIRST).await;
        loop {
            match app::service::backup::take_daily(&ctx.db, &dir).await {
                Ok(path) => tracing::info!(path = %path.display(), "daily backup written"),
                Err(error) => tracing::error!(%error, "the daily backup failed"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// Lets go of the database when the process stops, and waits until the
/// embedded store has closed.
///
/// The embedded store keeps every write in a memory buffer (up to a gigabyte
/// on a large machine) as well as in its log, and writes the buffer out to
/// its tables only when it is full or when the store closes; it closes when
/// the last handle of it is dropped. A process that exits without that
/// leaves everything in the log, which the next start reads back into
/// memory: hundreds of megabytes, and seconds, for a large panel.
///
/// `background` are the tasks holding a context (sweeper, backups): they
/// are stopped first. Gives up waiting after [`CLOSE_WAIT`].
pub async fn close_database(
    ctx: AppContext,
    background: Vec<tokio::task::JoinHandle<()>>,
    database_url: &str,
) {
    for task in background {
        task.abort();
        // Cancelled, as asked: its handles are dropped with it.
        if let Err(error) = task.await
            && !error.is_cancelled()
        {
            tracing::warn!(%error, "a background task failed while stopping");
        }
    }
    ctx.stream.stop_following();
    drop(ctx);
    let Some(lock) = embedded_lock_file(database_url) else {
        return;
    };
    let started = std::time::Instant::now();
    while started.elapsed() < CLOSE_WAIT {
        match std::fs::File::open(&lock).map(|file| file.try_lock().map(|()| file)) {
            Ok(Ok(file)) => {
                if let Err(error) = file.unlock() {
                    tracing::warn!(%error, "releasing the database's lock file");
                }
                return;
            }
            // Still held by the store, or gone with the directory.
            Ok(Err(_)) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            Err(_) => return,
        }
    }
    tracing::warn!(
        "the database did not close within {CLOSE_WAIT:?}; its log is replayed at the next start"
    );
}

/// How long a stopping process waits for the embedded store to close.
pub const CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The embedded store's directory (`surrealkv://<dir>[?…]`); none for
/// other stores.
fn embedded_dir(database_url: &str) -> Option<&std::path::Path> {
    let rest = database_url.strip_prefix("surrealkv://")?;
    let dir = rest.split_once('?').map_or(rest, |(dir, _)| dir);
    Some(std::path::Path::new(dir))
}

/// The lock file the embedded store holds while it is open.
fn embedded_lock_file(database_url: &str) -> Option<std::path::PathBuf> {
    embedded_dir(database_url).map(|dir| dir.join("LOCK"))
}

/// Resolves when the process is asked to stop: Ctrl-C, or SIGTERM (what a
/// service manager sends).
pub async fn stop_requested() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// Leptos options for a server not started by cargo-leptos (tests, `server` run by hand).
///
/// The site's files carry a hash of their content in their names when the
/// build wrote `hash.txt` beside the server binary (cargo-leptos with
/// `hash-files`); the pages then link those names, which browsers may keep
/// for good.
pub fn leptos_options(listen: std::net::SocketAddr) -> LeptosOptions {
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE).exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("trellis")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(listen)
        .hash_file(std::sync::Arc::from(HASH_FILE))
        .hash_files(hashed)
        .build()
}

/// Where cargo-leptos writes the hashes of the site's files, beside the binary.
const HASH_FILE: &str = "hash.txt";

/// How long a browser may keep a site file. A hashed name changes with its
/// content, so its file never changes: keep it a year without asking. An
/// unhashed one (a debug build) must be checked each time, or a browser
/// would run yesterday's WebAssembly against today's server.
async fn static_file_caching(
    State(hashed): State<bool>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let is_site_file = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if is_site_file && response.status() == StatusCode::OK {
        let policy = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response.headers_mut().insert(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static(policy),
        );
    }
    response
}

async fn server_fn_handler(
    State(state): State<ServerState>,
    request: Request,
) -> impl IntoResponse {
    let ctx = state.app.clone();
    handle_server_fns_with_context(move || provide_context(ctx.clone()), request).await
}

/// Gives a server function's error response the status of the `AppError` it
/// carries.
///
/// A server function sets its own status for refusals, but when the request
/// body cannot even be decoded into its arguments the function never runs,
/// and server_fn answers every such failure with 500. The error in the body
/// knows better (a malformed body is the client's fault: 400).
async fn with_error_status(response: Response) -> Response {
    use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
    /// Error bodies are one small JSON value; anything larger is not ours.
    const ERROR_BODY_LIMIT: usize = 16 * 1024;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The error could not be read.",
        )
            .into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

pub fn router(state: ServerState) -> Router {
    let routes = generate_route_list(App);
    let ctx = state.app.clone();
    let options = state.leptos_options.clone();
    Router::new()
        // Server functions are POST only: none may change anything through a GET.
        .route("/api/{*fn_name}", post(server_fn_handler))
        .route(
            "/brand/{kind}/{key}/{hash}",
            axum::routing::get(brand::logo).with_state(state.app.clone()),
        )
        // An account form or a list's action posted before the WebAssembly
        // ran (the pages themselves are GET routes of the same addresses).
        .route("/resellers", post(form_posts::list_action))
        .route("/users", post(form_posts::list_action))
        .route("/resellers/new", post(form_posts::account_form))
        .route("/resellers/{id}", post(form_posts::account_form))
        .route("/users/new", post(form_posts::account_form))
        .route("/users/{id}", post(form_posts::account_form))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.leptos_options.hash_files,
            static_file_caching,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.app.clone(),
            brand::request_brand,
        ))
        // Inside compression, so that it reads the error as it was written.
        .layer(axum::middleware::map_response(with_error_status))
        .layer(axum::middleware::from_fn_with_state(
            state.app.clone(),
            guard::read_your_writes,
        ))
        .layer(axum::middleware::from_fn(guard::same_origin))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(GlobalConcurrencyLimitLayer::new(MAX_REQUESTS_IN_FLIGHT))
        .layer(CompressionLayer::new())
        // Added after those layers, so outside them: an event stream stays
        // open for as long as its tab, so it must not hold one of the slots
        // of requests in flight, and compressing it would hold events back.
        // Outside the body limit: it reads at most a logo's size itself, and
        // refuses more with a message about the logo.
        .route_service(
            "/api/branding/logo",
            tower::ServiceBuilder::new()
                .layer(GlobalConcurrencyLimitLayer::new(MAX_REQUESTS_IN_FLIGHT))
                .layer(axum::middleware::from_fn(guard::same_origin))
                .layer(axum::middleware::from_fn_with_state(
                    state.app.clone(),
                    guard::read_your_writes,
                ))
                .service(post(brand::upload_logo).with_state(state.app.clone())),
        )
        .route_service(
            "/api/events",
            axum::routing::get(events::events).with_state(events::Events::new(state.app.clone())),
        )
        .layer(axum::middleware::from_fn_with_state(
            guard::Transport {
                tls: state.app.settings.secure_cookies,
            },
            guard::security_headers,
        ))
        .with_state(state)
}
