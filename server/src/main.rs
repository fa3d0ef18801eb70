#![recursion_limit = "512"]
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use axum::serve::ListenerExt;
use server::config::Config;
use server::{ServerState, leptos_options, prepare, router};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server [serve] [--listen HOST:PORT]
       server admin-password        (reads the new password from TRELLIS_ADMIN_PASSWORD or stdin)
       server seed [--resellers N] [--users M] [--tickets T --messages M]
                                                    (N resellers with M users each; default 1000 × 100;
                                                     T support tickets with M messages between them)
       server bench [--resellers N] [--users M] [--clients C] [--requests R]
       server bench-audit [--entries N] [--resellers N] [--users M] [--clients C] [--requests R]
       server bench-support [--tickets N] [--messages M] [--streams S] [--clients C] [--requests R]
       server bench-brand [--clients C] [--requests R] [--rounds N]   (after `server bench`: what a brand costs a page)
       server race [--races N] [--concurrency C]     (N rounds of C concurrent user creations/edits; default 10000 × 16)
       server crash [--rounds N] [--writers W]       (kill -9 the server mid-writes N times on surrealkv, checking each restart; default 200 × 6)
       server precompress [DIR]     (brotli and gzip copies of the site's static files; default target/site)
       server backup FILE           (the whole database, as SurrealQL; an embedded database only while no server runs on it)
       server restore FILE          (into an empty database only; a file that does not load leaves it empty)
       server --help

configuration (environment): TRELLIS_DB, TRELLIS_DB_USER, TRELLIS_DB_PASS, TRELLIS_NAMESPACE,
TRELLIS_LISTEN, TRELLIS_ADMIN_PASSWORD, TRELLIS_SECURE_COOKIES, TRELLIS_SESSION_IDLE_MINUTES,
TRELLIS_SESSION_MAX_HOURS, TRELLIS_TRUSTED_PROXIES, TRELLIS_BACKUPS (daily|off), TRELLIS_BACKUP_DIR,
TRELLIS_HOSTS (the server's own host names)";

enum Command {
    Serve {
        listen: Option<String>,
    },
    AdminPassword,
    Seed {
        resellers: usize,
        users: usize,
        tickets: usize,
        messages: usize,
    },
    Bench(server::bench::Options),
    BenchAudit(server::bench_audit::Options),
    BenchSupport(server::bench_support::Options),
    BenchBrand(server::bench_brand::Options),
    Race(server::race::Options),
    Crash(server::crash::Options),
    CrashCheck,
    Backup(std::path::PathBuf),
    Restore(std::path::PathBuf),
    Precompress(std::path::PathBuf),
    Help,
}

fn number(value: Option<&String>, flag: &str) -> Result<usize, String> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a whole number"))
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut command = None;
    let mut listen = None;
    let (mut resellers, mut users, mut clients, mut requests) = (1000, 100, 50, 40);
    let (mut races, mut concurrency) = (10_000, 16);
    let mut entries = 1_000_000;
    let (mut tickets, mut messages, mut streams) = (0, 0, 500);
    let (mut rounds, mut writers) = (200, 6);
    // Crash rounds are many and short; a brand bench's alternations few and long.
    let mut brand_rounds = 5;
    let mut file = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "serve" | "admin-password" | "seed" | "bench" | "bench-audit" | "bench-support"
            | "bench-brand" | "race" | "crash" | "crash-check" | "backup" | "restore"
            | "precompress"
                if command.is_none() =>
            {
                command = Some(arg.clone())
            }
            path if matches!(
                command.as_deref(),
                Some("backup" | "restore" | "precompress")
            ) && file.is_none()
                && !path.starts_with('-') =>
            {
                file = Some(std::path::PathBuf::from(path))
            }
            "--listen" => {
                listen = Some(rest.next().ok_or("--listen needs HOST:PORT")?.clone());
            }
            "--resellers" => resellers = number(rest.next(), "--resellers")?,
            "--users" => users = number(rest.next(), "--users")?,
            "--clients" => clients = number(rest.next(), "--clients")?.max(1),
            "--requests" => requests = number(rest.next(), "--requests")?.max(1),
            "--entries" => entries = number(rest.next(), "--entries")?,
            "--tickets" => tickets = number(rest.next(), "--tickets")?,
            "--messages" => messages = number(rest.next(), "--messages")?,
            "--streams" => streams = number(rest.next(), "--streams")?,
            "--races" => races = number(rest.next(), "--races")?.max(1),
            "--concurrency" => concurrency = number(rest.next(), "--concurrency")?.max(1),
            "--rounds" => {
                rounds = number(rest.next(), "--rounds")?.max(1);
                brand_rounds = rounds;
            }
            "--writers" => writers = number(rest.next(), "--writers")?.max(1),
            "-h" | "--help" | "help" => return Ok(Command::Help),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(match command.as_deref() {
        Some("admin-password") => Command::AdminPassword,
        Some("seed") => Command::Seed {
            resellers,
            users,
            tickets,
            messages,
        },
        Some("bench-support") => Command::BenchSupport(server::bench_support::Options {
            tickets: if tickets == 0 { 100_000 } else { tickets },
            messages: if messages == 0 { 1_000_000 } else { messages },
            resellers,
            users_each: users,
            clients,
            requests_per_client: requests,
            streams,
        }),
        Some("bench-brand") => Command::BenchBrand(server::bench_brand::Options {
            clients,
            requests_per_client: requests,
            rounds: brand_rounds,
        }),
        Some("bench") => Command::Bench(server::bench::Options {
            resellers,
            users_each: users,
            clients,
            requests_per_client: requests,
        }),
        Some("bench-audit") => Command::BenchAudit(server::bench_audit::Options {
            entries,
            resellers,
            users_each: users,
            clients,
            requests_per_client: requests,
        }),
        Some("race") => Command::Race(server::race::Options { races, concurrency }),
        Some("crash") => Command::Crash(server::crash::Options { rounds, writers }),
        Some("crash-check") => Command::CrashCheck,
        Some("precompress") => {
            Command::Precompress(file.unwrap_or_else(|| std::path::PathBuf::from("target/site")))
        }
        Some(which @ ("backup" | "restore")) => {
            let file = file.ok_or_else(|| format!("server {which} needs a FILE\n{USAGE}"))?;
            if which == "backup" {
                Command::Backup(file)
            } else {
                Command::Restore(file)
            }
        }
        _ => Command::Serve { listen },
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match &command {
        Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        // Needs neither configuration nor database: a build step.
        Command::Precompress(dir) => return precompress(dir),
        _ => {}
    }
    let listen_flag = match &command {
        Command::Serve { listen } => listen.clone(),
        _ => None,
    };
    let config = match Config::load(|k| std::env::var(k).ok(), listen_flag) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("trellis: {message}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                "info,surrealdb=warn,surrealdb_core=warn,surrealkv=warn".into()
            }),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("trellis: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        match command {
            Command::Serve { .. } => serve(config).await,
            Command::AdminPassword => admin_password(config).await,
            Command::Seed {
                resellers,
                users,
                tickets,
                messages,
            } => seed(config, (resellers, users), (tickets, messages)).await,
            Command::Bench(options) => server::bench::run(config, options).await,
            Command::BenchAudit(options) => server::bench_audit::run(config, options).await,
            Command::BenchSupport(options) => server::bench_support::run(config, options).await,
            Command::BenchBrand(options) => server::bench_brand::run(config, options).await,
            Command::Race(options) => server::race::run(config, options).await,
            Command::Crash(options) => server::crash::run(&config, options).await,
            Command::CrashCheck => server::crash::check_child(&config).await,
            Command::Backup(file) => backup(config, &file).await,
            Command::Restore(file) => restore(config, &file).await,
            Command::Help | Command::Precompress(_) => Ok(()),
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("trellis: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let (ctx, generated) = prepare(&config).await?;
    if let Some(password) = generated {
        println!(
            "\n  Created the admin account.\n  login:    admin\n  password: {password}\n  (shown once; change it with `server admin-password`)\n"
        );
    }
    let mut background = vec![server::spawn_sweeper(ctx.clone())];
    if let Some(dir) = config.daily_backups.clone() {
        background.push(server::spawn_daily_backups(ctx.clone(), dir));
    }
    let state = ServerState {
        leptos_options: leptos_options(config.listen),
        app: ctx.clone(),
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    println!("Trellis is serving on http://{}", config.listen);
    // Without TCP_NODELAY a small response's last segment waits for the
    // browser's delayed ACK: ~40 ms on every static file of a kept-alive
    // connection.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "cannot set TCP_NODELAY on a connection");
        }
    });
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(server::stop_requested())
    .await
    .map_err(|e| format!("server stopped: {e}"))?;
    println!("Stopping: closing the database");
    server::close_database(ctx, background, &config.database_url).await;
    Ok(())
}

fn precompress(dir: &std::path::Path) -> ExitCode {
    match server::precompress::precompress(dir) {
        Ok(report) => {
            println!(
                "Precompressed {} files in {} ({} kept): {} KB → {} KB brotli, {} KB gzip.",
                report.compressed,
                dir.display(),
                report.up_to_date,
                report.bytes_in / 1000,
                report.brotli_bytes / 1000,
                report.gzip_bytes / 1000
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("trellis: precompressing {}: {message}", dir.display());
            ExitCode::FAILURE
        }
    }
}

async fn backup(config: Config, file: &std::path::Path) -> Result<(), String> {
    let db = server::open_database(&config).await?;
    app::service::backup::write(&db, file).await?;
    println!("Backup written to {}", file.display());
    Ok(())
}

async fn restore(config: Config, file: &std::path::Path) -> Result<(), String> {
    let db = server::open_database(&config).await?;
    app::service::backup::restore(&db, file)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Restored {} into {} (namespace {}).",
        file.display(),
        config.database_url,
        config.namespace
    );
    Ok(())
}

async fn admin_password(config: Config) -> Result<(), String> {
    let password = match config.admin_password.clone() {
        Some(p) => p,
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprintln!("New admin password (input is shown; or set TRELLIS_ADMIN_PASSWORD):");
            }
            let mut line = String::new();
            stdin
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("reading the password: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let config = Config {
        admin_password: Some(password.clone()),
        ..config
    };
    let (ctx, _) = prepare(&config).await?;
    app::service::accounts::reset_admin_password(&ctx, &password)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "The admin password was changed; its sessions have ended and its failed-login lock is lifted."
    );
    Ok(())
}

async fn seed(
    config: Config,
    (resellers, users): (usize, usize),
    (tickets, messages): (usize, usize),
) -> Result<(), String> {
    let (ctx, generated) = prepare(&config).await?;
    if let Some(password) = generated {
        println!("Created the admin account; password: {password}");
    }
    let started = std::time::Instant::now();
    let report = app::service::seed::seed(&ctx, resellers, users)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Seeded {} resellers and {} users in {:.1} s (their password: {}).",
        report.resellers,
        report.users,
        started.elapsed().as_secs_f64(),
        app::service::seed::SEED_PASSWORD
    );
    if tickets > 0 {
        let started = std::time::Instant::now();
        let added = app::service::seed_tickets::seed_tickets(&ctx, tickets, messages)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "Seeded {added} tickets with {messages} messages in all in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
    }
    server::close_database(ctx, Vec::new(), &config.database_url).await;
    Ok(())
}
