//! `server crash`: the server is killed (`kill -9`) in the middle of a stream
//! of concurrent writes, again and again, on the embedded store. After every
//! kill the driver opens the database itself and checks that every write the
//! server acknowledged is there (and nothing it refused), that the stored
//! totals equal what the tables hold, and that the change stream has no
//! gaps; then it starts the server again, timing the restart.
//!
//! The writes go through HTTP, as a browser's do: creations, edits,
//! enables/disables and deletions of resellers and of the admin's users.
//! Each writer owns its own logins, so the state a login must have is known
//! from the answers: an acknowledged write fixes it, a refused one leaves it,
//! and one cut off by the kill may have happened or not (either is accepted).

use std::process::Stdio;
use std::time::{Duration, Instant};

use rand::Rng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::config::Config;

pub struct Options {
    pub rounds: usize,
    pub writers: usize,
}

const ADMIN_PASSWORD: &str = "crash-admin-password";
/// Live accounts a writer keeps at most.
const PER_WRITER: usize = 6;

/// What an account must look like, as far as the answers tell.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    enabled: bool,
    limit: i64,
}

#[derive(Debug, Clone)]
enum Expect {
    Known(Option<Shape>),
    /// A write was under way when the server died: before or after it.
    Either(Option<Shape>, Option<Shape>),
}

#[derive(Debug, Clone)]
struct Account {
    login: String,
    id: Option<String>,
    user: bool,
    expect: Expect,
}

#[derive(Default)]
struct Tally {
    acknowledged: u64,
    refused: u64,
    cut_off: u64,
    lost: u64,
    violations: u64,
    restarts: Vec<Duration>,
}

pub async fn run(config: &Config, options: Options) -> Result<(), String> {
    if !config.database_url.starts_with("surrealkv://") {
        return Err("server crash needs an embedded store: TRELLIS_DB=surrealkv://…".into());
    }
    let port = free_port()?;
    let mut tally = Tally::default();
    let mut accounts: Vec<Vec<Account>> = vec![Vec::new(); options.writers];
    let started = Instant::now();
    for round in 0..options.rounds {
        let (mut child, took) = start(port).await?;
        tally.restarts.push(took);
        let cookie = log_in(port).await?;
        let kill_after = Duration::from_millis(rand::rng().random_range(200..1500));
        let writers: Vec<_> = accounts
            .drain(..)
            .enumerate()
            .map(|(writer, owned)| {
                let cookie = cookie.clone();
                tokio::spawn(write_until_cut(port, cookie, round, writer, owned))
            })
            .collect();
        tokio::time::sleep(kill_after).await;
        // SIGKILL: no shutdown, no flush beyond what each commit did.
        child.kill().map_err(|e| format!("kill: {e}"))?;
        tokio::task::spawn_blocking(move || child.wait())
            .await
            .map_err(|e| format!("wait: {e}"))?
            .map_err(|e| format!("wait: {e}"))?;
        for writer in writers {
            let (owned, counts) = writer.await.map_err(|e| format!("a writer failed: {e}"))?;
            tally.acknowledged += counts.0;
            tally.refused += counts.1;
            tally.cut_off += counts.2;
            accounts.push(owned);
        }
        check(&mut accounts, &mut tally).await?;
        if (round + 1) % 10 == 0 {
            println!(
                "{:>4} restarts: {} acknowledged, {} refused, {} cut off; lost {}, violations {}",
                round + 1,
                tally.acknowledged,
                tally.refused,
                tally.cut_off,
                tally.lost,
                tally.violations
            );
        }
    }
    tally.restarts.sort();
    let percentile = |p: usize| tally.restarts[(tally.restarts.len() - 1) * p / 100];
    println!(
        "\n{} kills in {:.0} s: {} writes acknowledged, {} refused, {} cut off by the kill\n\
         lost: {}   invariant violations: {}\nrestart to first answer: p50 {:?}, max {:?}",
        options.rounds,
        started.elapsed().as_secs_f64(),
        tally.acknowledged,
        tally.refused,
        tally.cut_off,
        tally.lost,
        tally.violations,
        percentile(50),
        percentile(100),
    );
    if tally.lost > 0 || tally.violations > 0 {
        return Err("acknowledged writes were lost or invariants broke".into());
    }
    Ok(())
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Starts the server on `port`; how long until it answered.
async fn start(port: u16) -> Result<(std::process::Child, Duration), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = std::process::Command::new(exe)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("TRELLIS_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("TRELLIS_BACKUPS", "off")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting the server: {e}"))?;
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok((200, _, _)) = request(port, "GET", "/login", None, "").await {
            return Ok((child, started.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().ok();
    Err("the server did not answer within 120 s".into())
}

async fn log_in(port: u16) -> Result<String, String> {
    let body = format!("login=admin&password={ADMIN_PASSWORD}");
    let (status, cookies, text) = request(port, "POST", "/api/auth/login", None, &body)
        .await
        .map_err(|e| format!("login: {e}"))?;
    if status != 200 {
        return Err(format!("login: {status} {text}"));
    }
    cookies
        .into_iter()
        .find(|c| c.starts_with("trellis_session="))
        .ok_or_else(|| "login: no session cookie".into())
}

/// One writer's stream of writes until the server stops answering; its
/// accounts and (acknowledged, refused, cut off).
async fn write_until_cut(
    port: u16,
    cookie: String,
    round: usize,
    writer: usize,
    mut owned: Vec<Account>,
) -> (Vec<Account>, (u64, u64, u64)) {
    let mut counts = (0, 0, 0);
    for step in 0.. {
        let live: Vec<usize> = (0..owned.len())
            .filter(|&i| matches!(owned[i].expect, Expect::Known(Some(_))))
            .collect();
        let choice = rand::rng().random_range(0..4);
        let (index, path, body, after) = if live.len() < 2
            || (choice == 0 && live.len() < PER_WRITER)
        {
            let user = step % 2 == 1;
            let login = format!("c{round}w{writer}s{step}{}", if user { "u" } else { "r" });
            let limit = rand::rng().random_range(1..50);
            owned.push(Account {
                login: login.clone(),
                id: None,
                user,
                expect: Expect::Known(None),
            });
            let path = if user {
                "/api/users/create"
            } else {
                "/api/resellers/create"
            };
            let body = serde_json::json!({ "form": form(&login, user, limit, true) }).to_string();
            (
                owned.len() - 1,
                path,
                body,
                Some(Shape {
                    enabled: true,
                    limit,
                }),
            )
        } else {
            let index = live[rand::rng().random_range(0..live.len())];
            let account = &owned[index];
            let Expect::Known(Some(shape)) = account.expect.clone() else {
                unreachable!("live accounts are known")
            };
            let id = account.id.clone().unwrap_or_default();
            let module = if account.user { "users" } else { "resellers" };
            match choice {
                1 => {
                    let limit = rand::rng().random_range(1..50);
                    let mut form = form(&account.login, account.user, limit, shape.enabled);
                    form["password"] = "".into();
                    form["password_confirm"] = "".into();
                    let body = serde_json::json!({ "id": id, "form": form }).to_string();
                    let path = if account.user {
                        "/api/users/update"
                    } else {
                        "/api/resellers/update"
                    };
                    (index, path, body, Some(Shape { limit, ..shape }))
                }
                2 => {
                    let enabled = !shape.enabled;
                    let body = if account.user {
                        serde_json::json!({ "ids": [id], "enabled": enabled })
                    } else {
                        serde_json::json!({ "ids": [id], "enabled": enabled, "also_users_disabled_individually": false })
                    };
                    let path = format!("/api/{module}/set_enabled");
                    (
                        index,
                        leak(path),
                        body.to_string(),
                        Some(Shape { enabled, ..shape }),
                    )
                }
                _ => {
                    let body = serde_json::json!({ "ids": [id] }).to_string();
                    (index, leak(format!("/api/{module}/delete")), body, None)
                }
            }
        };
        let before = match &owned[index].expect {
            Expect::Known(shape) => shape.clone(),
            Expect::Either(_, after) => after.clone(),
        };
        match request(port, "POST", path, Some(&cookie), &body).await {
            // A bulk action may refuse its row and still answer 200.
            Ok((200, _, text)) if text.contains("\"done\":[]") => {
                counts.1 += 1;
                tracing::debug!(%text, "refused");
            }
            Ok((200, _, text)) => {
                counts.0 += 1;
                if owned[index].id.is_none() {
                    owned[index].id = text.split('"').nth(1).map(str::to_owned);
                }
                owned[index].expect = Expect::Known(after);
            }
            Ok((status, _, text)) if status < 500 => {
                counts.1 += 1;
                if before.is_none() && owned[index].id.is_none() {
                    owned.remove(index);
                }
                tracing::debug!(status, %text, "refused");
            }
            // Cut off by the kill (or a 5xx while dying): either outcome.
            _ => {
                counts.2 += 1;
                owned[index].expect = Expect::Either(before, after);
                break;
            }
        }
    }
    (owned, counts)
}

/// The module paths are few and live for the run.
fn leak(path: String) -> &'static str {
    Box::leak(path.into_boxed_str())
}

fn form(login: &str, user: bool, limit: i64, enabled: bool) -> serde_json::Value {
    let (users, disk) = if user {
        (String::new(), limit.to_string())
    } else {
        (limit.to_string(), (limit * 10).to_string())
    };
    serde_json::json!({
        "login": login, "password": "crash-password-1", "password_confirm": "crash-password-1",
        "users": users, "disk_mib": disk, "traffic_mib": "10", "enabled": enabled,
        "features": {"shell": false, "cgi": false, "php": false, "ssi": false, "https": false}
    })
}

/// Checks the database the killed server left, in a process of its own (the
/// embedded store admits one process, and only a process's exit is sure to
/// let go of it): the stored shape of every account, and the invariants.
async fn check(accounts: &mut [Vec<Account>], tally: &mut Tally) -> Result<(), String> {
    let asked: Vec<serde_json::Value> = accounts
        .iter()
        .flatten()
        .map(|a| serde_json::json!([a.login, a.user]))
        .collect();
    let input = serde_json::Value::Array(asked).to_string();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new(exe)
            .arg("crash-check")
            .env("RUST_LOG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input.as_bytes())?;
        }
        child.wait_with_output()
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| format!("crash-check: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "crash-check failed: {}",
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    // Its answer is one line (the store's shutdown may log around it).
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout
        .lines()
        .find(|l| l.starts_with("{\"stored\""))
        .unwrap_or("");
    let answer: serde_json::Value =
        serde_json::from_str(last).map_err(|e| format!("crash-check said {stdout:?}: {e}"))?;
    let stored = answer["stored"].as_array().cloned().unwrap_or_default();
    let mut shapes = stored.into_iter().map(|value| {
        value.as_array().map(|row| {
            let shape = Shape {
                enabled: row[0].as_bool().unwrap_or(false),
                limit: row[1].as_i64().unwrap_or(-1),
            };
            (shape, row[2].as_str().unwrap_or_default().to_owned())
        })
    });
    for owned in accounts.iter_mut() {
        for account in owned.iter_mut() {
            let found = shapes
                .next()
                .ok_or("crash-check answered too few accounts")?;
            // A creation cut off by the kill may have happened: learn its id.
            if let Some((_, id)) = &found {
                account.id.get_or_insert_with(|| id.clone());
            }
            let stored = found.map(|(shape, _)| shape);
            let fits = match &account.expect {
                Expect::Known(shape) => *shape == stored,
                Expect::Either(before, after) => *before == stored || *after == stored,
            };
            if !fits {
                tally.lost += 1;
                println!(
                    "LOST: {} expected {:?}, stored {:?}",
                    account.login, account.expect, stored
                );
            }
            // From here on the stored state is what the next round builds on.
            account.expect = Expect::Known(stored);
        }
        owned.retain(|a| !matches!(a.expect, Expect::Known(None)));
    }
    for violation in answer["violations"].as_array().into_iter().flatten() {
        tally.violations += 1;
        println!("VIOLATION: {violation}");
    }
    Ok(())
}

/// `server crash-check`: reads `[[login, is_user], …]` on stdin and prints
/// each one's stored `[enabled, limit, id]` (or null) and the invariants broken.
pub async fn check_child(config: &Config) -> Result<(), String> {
    use std::io::Read;
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| e.to_string())?;
    let asked: Vec<(String, bool)> = serde_json::from_str(&input).map_err(|e| e.to_string())?;
    let db = crate::open_database(config).await?;
    let mut stored = Vec::with_capacity(asked.len());
    for (login, user) in asked {
        let row = app::db::accounts::get_by_login(&db, &login)
            .await
            .map_err(|e| e.to_string())?;
        stored.push(row.map(|row| {
            let limit = if user {
                row.disk_limit
            } else {
                row.users_limit
            };
            serde_json::json!([row.enabled, limit.unwrap_or(-1), row.id])
        }));
    }
    let consistency = app::db::checks::consistency(&db)
        .await
        .map_err(|e| e.to_string())?;
    let answer = serde_json::json!({ "stored": stored, "violations": consistency.violations() });
    println!("{answer}");
    Ok(())
}

/// A one-shot HTTP/1.1 request: status, `Set-Cookie` values (name=value),
/// body.
async fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> std::io::Result<(u16, Vec<String>, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let content_type = if path == "/api/auth/login" {
        "application/x-www-form-urlencoded"
    } else {
        "application/json"
    };
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n{cookie}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer))
        .await
        .map_err(|_| std::io::Error::other("no answer in 30 s"))??;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("a cut answer"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let cookies = head
        .lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().split(';').next().unwrap_or("").to_owned())
        })
        .collect();
    Ok((status, cookies, body.to_owned()))
}
