#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Backups: what `server backup` writes, `server restore` loads into an empty
//! database whole, and refuses to load anywhere else or half-way.

mod common;

use std::path::PathBuf;

use app::api::audit::AuditQuery;
use app::db::lists::Lists;
use app::service::backup::{self, RestoreError};
use app::service::{AppContext, Settings, audit, auth, resellers};
use common::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trellis-backup-{}", app::db::accounts::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A database that has never been migrated: what `server restore` targets.
async fn empty_database() -> app::db::Db {
    let namespace = format!("t{}", app::db::accounts::new_id());
    app::db::connect("mem://", None, &namespace).await.unwrap()
}

/// A reseller with users (its pool in use), an ended session and a live one,
/// and the audit entries all of that wrote.
async fn panel_in_use(ctx: &AppContext) -> (String, String) {
    let admin = admin(ctx).await;
    let acme = resellers::create(ctx, &admin, reseller_form("acme"))
        .await
        .unwrap();
    add_user(ctx, &acme, "web1", 100, true, true).await;
    add_user(ctx, &acme, "web2", 50, false, false).await;
    let ended = log_in(ctx, "acme", "reseller-password").await.token;
    auth::logout(ctx, Some(&ended)).await.unwrap();
    let live = log_in(ctx, "acme", "reseller-password").await.token;
    (ended, live)
}

/// A panel in use, and a backup of it in a scratch file.
async fn backed_up() -> (AppContext, PathBuf, (String, String)) {
    let ctx = context().await;
    let sessions = panel_in_use(&ctx).await;
    let file = scratch("whole.surql");
    backup::write(&ctx.db, &file).await.unwrap();
    (ctx, file, sessions)
}

#[tokio::test]
async fn a_restored_backup_holds_the_same_accounts_pools_sessions_and_audit_log() {
    let (ctx, file, (ended, live)) = backed_up().await;

    let db = empty_database().await;
    backup::restore(&db, &file).await.unwrap();
    let restored = AppContext::open(db, Settings::default()).await.unwrap();

    // Accounts, limits, pools and their counters: the list model loaded from
    // each database is the same.
    let before = Lists::load(&ctx.db).await.unwrap();
    let after = Lists::load(&restored.db).await.unwrap();
    assert_eq!(after.snapshot(), before.snapshot());
    assert_eq!(after.snapshot().len(), 4, "admin, acme, web1, web2");

    // A session ended before the backup stays ended; a live one still works.
    assert!(auth::resolve(&restored, Some(&ended)).await.is_err());
    let acme = auth::resolve(&restored, Some(&live)).await.unwrap();
    assert_eq!(acme.acting().login, "acme");

    // The audit log reads the same, entry for entry.
    let admin_before = admin(&ctx).await;
    let admin_after = admin(&restored).await;
    let old = audit::list(&ctx, &admin_before, AuditQuery::default())
        .await
        .unwrap();
    let new = audit::list(&restored, &admin_after, AuditQuery::default())
        .await
        .unwrap();
    let rows = |page: &app::api::audit::AuditPage| {
        page.rows
            .iter()
            .filter(|r| r.action != "login")
            .map(|r| (r.at, r.action.clone(), r.target.clone(), r.detail.clone()))
            .collect::<Vec<_>>()
    };
    assert!(rows(&old).iter().any(|r| r.1 == "user.create"));
    assert_eq!(rows(&new), rows(&old));
}

#[tokio::test]
async fn a_database_in_use_is_never_restored_into() {
    let (ctx, file, _) = backed_up().await;
    let before = Lists::load(&ctx.db).await.unwrap().snapshot();
    match backup::restore(&ctx.db, &file).await {
        Err(RestoreError::NotEmpty(tables)) => assert!(tables.contains(&"account".to_owned())),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(Lists::load(&ctx.db).await.unwrap().snapshot(), before);
}

#[tokio::test]
async fn a_file_that_does_not_load_leaves_the_database_empty() {
    let (_, whole, _) = backed_up().await;
    let text = std::fs::read_to_string(&whole).unwrap();

    // Not SurrealQL at all; and a real backup cut off in the middle of a
    // statement, after its schema and some records.
    let garbage = scratch("garbage.surql");
    std::fs::write(&garbage, "this is not a backup {").unwrap();
    let cut = scratch("cut.surql");
    let cut_at = text.rfind("INSERT").expect("records in the backup") + 20;
    std::fs::write(&cut, &text[..cut_at]).unwrap();

    for file in [garbage, cut] {
        let db = empty_database().await;
        match backup::restore(&db, &file).await {
            Err(RestoreError::DidNotLoad(_)) => {}
            other => panic!("{}: expected a refusal, got {other:?}", file.display()),
        }
        assert_eq!(
            app::db::backup::tables(&db).await.unwrap(),
            Vec::<String>::new(),
            "{} left tables behind",
            file.display()
        );
    }
    let missing = scratch("missing.surql");
    let db = empty_database().await;
    assert!(matches!(
        backup::restore(&db, &missing).await,
        Err(RestoreError::Unreadable(_))
    ));
}
