//! What the storage driver reports for a duplicate and for a lost write
//! conflict, and how Trellis tells them apart without reading message text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::db::{self, Context, Db, DbError, accounts, in_transaction, run};
use app::domain::form::{AccountForm, FormMode};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use tokio::sync::Notify;

async fn fresh() -> Db {
    let namespace = format!("t{}", accounts::new_id());
    let db = db::connect("mem://", None, &namespace)
        .await
        .expect("connect");
    db::migrate(&db).await.expect("migrate");
    db
}

fn new_reseller(login: &str) -> accounts::NewAccount {
    let form = AccountForm {
        login: login.into(),
        password: "long enough".into(),
        password_confirm: "long enough".into(),
        users: "1".into(),
        disk_mib: "1".into(),
        traffic_mib: "1".into(),
        enabled: true,
        ..Default::default()
    };
    let valid = form.parse(FormMode::Create, true).unwrap();
    app::service::shared::new_account(
        &valid,
        login,
        "reseller",
        "admin",
        "$argon2id$test".into(),
        &app::domain::access::Access::everything_for(app::domain::Role::Reseller),
    )
}

async fn logins(db: &Db) -> Vec<String> {
    run(
        db.query("SELECT VALUE login FROM account ORDER BY login"),
        "test",
    )
    .await
    .unwrap()
    .take(0)
    .unwrap()
}

/// A test that waits on a partner fails instead of hanging if the partner
/// never gets there.
async fn within_a_minute<T>(work: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), work)
        .await
        .expect("the transactions never overlapped")
}

#[tokio::test]
async fn a_unique_index_refusal_arrives_untyped() {
    let db = fresh().await;
    db.query("DEFINE TABLE thing SCHEMALESS; DEFINE INDEX thing_name ON thing FIELDS name UNIQUE;")
        .await
        .and_then(|r| r.check())
        .unwrap();
    db.query("CREATE thing:1 SET name = 'a'")
        .await
        .and_then(|r| r.check())
        .unwrap();
    let refusal = db
        .query("CREATE thing:2 SET name = 'a'")
        .await
        .and_then(|r| r.check())
        .expect_err("a second 'a'");
    // If the driver ever types this, `DbError::is_duplicate` can rely on it
    // instead of reading the login first (`accounts::insert`).
    assert!(refusal.is_internal(), "{refusal:?}");
    assert!(!refusal.is_already_exists());
    assert_eq!(refusal.query_details(), None);
}

#[tokio::test]
async fn a_commit_that_lost_a_conflict_arrives_untyped_from_the_embedded_engine() {
    let db = fresh().await;
    db.query("CREATE tally:one SET n = 0")
        .await
        .and_then(|r| r.check())
        .unwrap();
    let first = db.clone().begin().await.unwrap();
    let second = db.clone().begin().await.unwrap();
    for (tx, n) in [(&first, 1), (&second, 2)] {
        tx.query("UPDATE tally:one SET n = $n")
            .bind(("n", n))
            .await
            .and_then(|r| r.check())
            .unwrap();
    }
    first.commit().await.unwrap();
    let lost = second.commit().await.expect_err("the later commit loses");
    // The embedded engine turns every failed commit into an internal error;
    // `in_transaction` retries those only on embedded stores.
    assert!(lost.is_internal(), "{lost:?}");
    assert_eq!(lost.query_details(), None);
}

#[tokio::test]
async fn a_statement_that_lost_a_conflict_arrives_typed() {
    let db = fresh().await;
    db.query("CREATE tally:one SET n = 0")
        .await
        .and_then(|r| r.check())
        .unwrap();
    let slow = {
        let db = db.clone();
        tokio::spawn(async move {
            let query = db.query(
                "UPSERT tally:one SET n = (SELECT VALUE n FROM ONLY tally:one), pause = sleep(300ms)",
            );
            run(query, "a slow write").await.map(|_| ())
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    run(db.query("UPDATE tally:one SET n = 5"), "a quick write")
        .await
        .unwrap();
    let lost: DbError = slow.await.unwrap().expect_err("the slow write loses");
    assert!(lost.is_conflict(), "{lost}");
    assert!(!lost.is_duplicate());
}

/// Makes two transactions overlap: the first attempt of the first one does
/// its work, then waits for the second one to start and commit.
#[derive(Default)]
struct Overlap {
    attempts: AtomicUsize,
    first_worked: Notify,
    second_committed: Notify,
}

impl Overlap {
    /// Call as the first transaction starts an attempt; true for its first.
    fn attempt(&self) -> bool {
        self.attempts.fetch_add(1, Ordering::SeqCst) == 0
    }

    /// Call in the first attempt of the first transaction, after its work.
    async fn let_the_second_commit(&self) {
        self.first_worked.notify_one();
        self.second_committed.notified().await;
    }

    async fn second<T>(&self, transaction: impl Future<Output = T>) -> T {
        self.first_worked.notified().await;
        let outcome = transaction.await;
        self.second_committed.notify_one();
        outcome
    }

    fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

#[tokio::test]
async fn a_transaction_that_lost_a_conflict_at_commit_is_run_again() {
    let db = fresh().await;
    run(db.query("CREATE tally:one SET n = 0"), "test")
        .await
        .unwrap();
    let increment = |tx: Arc<Transaction<Any>>| async move {
        let n: Option<i64> = run(tx.query("SELECT VALUE n FROM ONLY tally:one"), "reading")
            .await?
            .take(0)
            .context("reading")?;
        let next = n.unwrap_or(0) + 1;
        run(
            tx.query("UPDATE tally:one SET n = $n").bind(("n", next)),
            "writing",
        )
        .await?;
        Ok::<_, DbError>(())
    };
    let overlap = Overlap::default();
    let first = in_transaction(&db, |tx| {
        let overlap = &overlap;
        async move {
            let first_attempt = overlap.attempt();
            increment(tx).await?;
            if first_attempt {
                overlap.let_the_second_commit().await;
            }
            Ok::<_, DbError>(())
        }
    });
    let second = overlap.second(in_transaction(&db, &increment));
    let (first, second) = within_a_minute(async { tokio::join!(first, second) }).await;
    second.unwrap();
    first.unwrap();
    assert_eq!(overlap.attempts(), 2);
    let n: Option<i64> = run(db.query("SELECT VALUE n FROM ONLY tally:one"), "test")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(n, Some(2));
}

#[tokio::test]
async fn a_taken_login_is_refused_as_a_duplicate() {
    let db = fresh().await;
    accounts::insert(&db, &accounts::new_id(), new_reseller("acme"))
        .await
        .unwrap();
    let refusal = in_transaction(&db, |tx| async move {
        accounts::insert(&*tx, &accounts::new_id(), new_reseller("acme")).await
    })
    .await
    .expect_err("acme is taken");
    assert!(refusal.is_duplicate(), "{refusal}");
    assert_eq!(logins(&db).await, ["acme"]);
}

#[tokio::test]
async fn one_login_created_twice_at_once_is_refused_once_as_a_duplicate() {
    let db = fresh().await;
    let overlap = Overlap::default();
    let first = in_transaction(&db, |tx| {
        let overlap = &overlap;
        async move {
            let first_attempt = overlap.attempt();
            accounts::insert(&*tx, &accounts::new_id(), new_reseller("acme")).await?;
            if first_attempt {
                overlap.let_the_second_commit().await;
            }
            Ok::<_, DbError>(())
        }
    });
    let second = overlap.second(in_transaction(&db, |tx| async move {
        accounts::insert(&*tx, &accounts::new_id(), new_reseller("acme")).await
    }));
    let (first, second) = within_a_minute(async { tokio::join!(first, second) }).await;
    second.unwrap();
    let refusal = first.expect_err("the login was taken meanwhile");
    assert!(refusal.is_duplicate(), "{refusal}");
    assert_eq!(overlap.attempts(), 2);
    assert_eq!(logins(&db).await, ["acme"]);
}
