#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `server backup` and `server restore` as an operator runs them, on
//! embedded databases in scratch directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn scratch() -> PathBuf {
    common::scratch_dir("backup-cli")
}

fn server(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("TRELLIS_DB", format!("surrealkv://{}", database.display()))
        .env("TRELLIS_ADMIN_PASSWORD", "cli-admin-password")
        .env("RUST_LOG", "error")
        .output()
        .expect("the server binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_backup_restores_into_a_new_database_and_nowhere_else() {
    let dir = scratch();
    let (original, copy) = (dir.join("original"), dir.join("copy"));
    let file = dir.join("trellis.surql");

    let seeded = server(&original, &["seed", "--resellers", "2", "--users", "3"]);
    assert!(seeded.status.success(), "{}", text(&seeded));
    let written = server(&original, &["backup", file.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written));
    let backup = std::fs::read_to_string(&file).unwrap();
    assert!(
        backup.contains("seed00001"),
        "the backup holds the accounts"
    );

    let restored = server(&copy, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    // The copy holds what the original held: its own backup says the same.
    let again = dir.join("again.surql");
    let rewritten = server(&copy, &["backup", again.to_str().unwrap()]);
    assert!(rewritten.status.success(), "{}", text(&rewritten));
    let accounts = |text: &str| text.matches("login: '").count();
    assert_eq!(accounts(&backup), 1 + 2 + 2 * 3, "admin, resellers, users");
    assert_eq!(
        accounts(&std::fs::read_to_string(&again).unwrap()),
        accounts(&backup)
    );

    // A second restore into the copy is refused: it is not empty.
    let refused = server(&copy, &["restore", file.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("not empty"), "{}", text(&refused));

    // Without a file, each command says what it needs.
    let usage = server(&copy, &["restore"]);
    assert!(!usage.status.success());
    assert!(text(&usage).contains("needs a FILE"), "{}", text(&usage));
    std::fs::remove_dir_all(&dir).unwrap();
}
