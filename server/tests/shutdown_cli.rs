#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A stopping process closes the embedded database, so that the store writes
//! its memory out to its tables: otherwise the next start reads the whole
//! log back into memory (hundreds of megabytes for a large panel).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

fn scratch() -> PathBuf {
    common::scratch_dir("shutdown-cli")
}

fn server(database: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env("TRELLIS_DB", format!("surrealkv://{}", database.display()))
        .env("TRELLIS_ADMIN_PASSWORD", "shutdown-admin-password")
        .env("TRELLIS_BACKUPS", "off")
        .env("RUST_LOG", "error");
    command
}

/// The store's table files: written when its memory is written out.
fn tables(database: &Path) -> usize {
    std::fs::read_dir(database.join("sstables"))
        .map(|entries| entries.count())
        .unwrap_or(0)
}

#[test]
fn seeding_ends_by_writing_the_database_out_to_its_tables() {
    let database = scratch().join("db");
    let seeded = server(&database)
        .args(["seed", "--resellers", "2", "--users", "3"])
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    assert!(
        tables(&database) > 0,
        "the seeded accounts are in the store's tables"
    );
}

#[test]
fn sigterm_stops_the_server_gracefully_and_closes_the_database() {
    let database = scratch().join("db");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let mut child = server(&database)
        .env("TRELLIS_LISTEN", address.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Up once it accepts connections (the admin account is written first).
    let started = Instant::now();
    while std::net::TcpStream::connect(address).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let stopping = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(60),
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        status.success(),
        "stopped cleanly: {said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("closing the database"), "{said}");
    assert!(
        tables(&database) > 0,
        "what it wrote is in the store's tables"
    );
}
