//! Storage. Every SurrealQL statement of the application lives below this module.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod backup;
pub mod branding;
pub mod changes;
pub mod checks;
pub mod counters;
pub mod known_devices;
pub mod list_index;
mod list_row;
pub mod listing;
pub mod lists;
pub mod sessions;
pub mod support;
pub mod throttle;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use surrealdb::Surreal;
use surrealdb::engine::any::{self, Any};
use surrealdb::method::{Query, Transaction};

pub type Db = Surreal<Any>;

pub const NAMESPACE: &str = "trellis";
pub const DATABASE: &str = "panel";

/// A storage failure, with what we were doing when it happened.
#[derive(Debug)]
pub struct DbError {
    pub context: &'static str,
    pub failure: Failure,
}

#[derive(Debug)]
pub enum Failure {
    /// The driver's error. Boxed: it is large, and this travels in every Result.
    Driver(Box<surrealdb::Error>),
    /// A value that must be unique (a login) is taken. Found by reading it
    /// in the writing transaction, because a UNIQUE index's own refusal
    /// reaches us untyped (an internal error, `tests/storage_errors.rs`).
    Duplicate,
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.failure {
            Failure::Driver(source) => write!(f, "{}: {source}", self.context),
            Failure::Duplicate => write!(f, "{}: the value is taken", self.context),
        }
    }
}

impl std::error::Error for DbError {}

impl DbError {
    pub fn duplicate(context: &'static str) -> Self {
        DbError {
            context,
            failure: Failure::Duplicate,
        }
    }

    fn driver(&self) -> Option<&surrealdb::Error> {
        match &self.failure {
            Failure::Driver(source) => Some(source),
            Failure::Duplicate => None,
        }
    }

    /// A statement lost a write conflict to another transaction; it may
    /// simply be run again. (A commit that lost one is `retryable_commit`.)
    pub fn is_conflict(&self) -> bool {
        self.driver().is_some_and(|source| {
            matches!(
                source.query_details(),
                Some(surrealdb::types::QueryError::TransactionConflict)
            )
        })
    }

    /// A value that must be unique is taken: a login (see
    /// `accounts::insert`), or a record id.
    pub fn is_duplicate(&self) -> bool {
        match &self.failure {
            Failure::Duplicate => true,
            Failure::Driver(source) => source.is_already_exists(),
        }
    }

    /// A failed commit that wrote nothing, so that the transaction may be run
    /// again: one that lost a write conflict. A SurrealDB server says so in
    /// the error's kind. The embedded engine reports every failed commit as
    /// an untyped internal error, conflicts included; but its stores never
    /// leave a commit half-known (a failed commit wrote nothing), so there an
    /// internal error is retried too.
    fn retryable_commit(&self) -> bool {
        self.is_conflict()
            || (only_embedded_engines() && self.driver().is_some_and(|source| source.is_internal()))
    }
}

pub trait Context<T> {
    fn context(self, context: &'static str) -> Result<T, DbError>;
}

impl<T> Context<T> for Result<T, surrealdb::Error> {
    fn context(self, context: &'static str) -> Result<T, DbError> {
        self.map_err(|source| DbError {
            context,
            failure: Failure::Driver(Box::new(source)),
        })
    }
}

/// Anything that runs SurrealQL: the connection itself, or an open transaction.
pub trait Executor {
    fn sql<'a>(&'a self, sql: &'a str) -> Query<'a, Any>;
}

impl Executor for Db {
    fn sql<'a>(&'a self, sql: &'a str) -> Query<'a, Any> {
        self.query(sql)
    }
}

impl Executor for Transaction<Any> {
    fn sql<'a>(&'a self, sql: &'a str) -> Query<'a, Any> {
        self.query(sql)
    }
}

/// The kinds of engine this process has connected to (`EMBEDDED`, `REMOTE`).
static ENGINES: AtomicU8 = AtomicU8::new(0);
const EMBEDDED: u8 = 1;
const REMOTE: u8 = 2;

/// Whether every connection of this process is to an embedded store, whose
/// failed commits wrote nothing. A SurrealDB server may answer a commit with
/// "outcome unknown", also untyped, which must never be retried.
fn only_embedded_engines() -> bool {
    ENGINES.load(Ordering::SeqCst) == EMBEDDED
}

/// Opens the database at `url` (`surrealkv://dir`, `mem://`, `ws://host:port`),
/// selecting `namespace`, and defining it first where needed.
pub async fn connect(
    url: &str,
    credentials: Option<(&str, &str)>,
    namespace: &str,
) -> Result<Db, DbError> {
    let remote = ["ws://", "wss://", "http://", "https://"]
        .iter()
        .any(|scheme| url.starts_with(scheme));
    ENGINES.fetch_or(if remote { REMOTE } else { EMBEDDED }, Ordering::SeqCst);
    let db = any::connect(url)
        .await
        .context("connecting to the database")?;
    if let Some((username, password)) = credentials {
        db.signin(surrealdb::opt::auth::Root {
            username: username.to_owned(),
            password: password.to_owned(),
        })
        .await
        .context("signing in to the database")?;
    }
    db.query(format!(
        "DEFINE NAMESPACE IF NOT EXISTS {namespace}; USE NS {namespace}; DEFINE DATABASE IF NOT EXISTS {DATABASE};"
    ))
    .await
    .and_then(|r| r.check())
    .context("defining the namespace")?;
    db.use_ns(namespace)
        .use_db(DATABASE)
        .await
        .context("selecting the database")?;
    Ok(db)
}

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_accounts_sessions.surql")),
    (2, include_str!("migrations/0002_list_sorting.surql")),
    (3, include_str!("migrations/0003_forward_sorts.surql")),
    (4, include_str!("migrations/0004_scope_keys.surql")),
    (5, include_str!("migrations/0005_lists_in_memory.surql")),
    (6, include_str!("migrations/0006_session_hardening.surql")),
    (7, include_str!("migrations/0007_suspended_by.surql")),
    (8, include_str!("migrations/0008_access.surql")),
    (9, include_str!("migrations/0009_audit.surql")),
    (10, include_str!("migrations/0010_change_stream.surql")),
    (11, include_str!("migrations/0011_support.surql")),
    (12, include_str!("migrations/0012_branding.surql")),
    (13, include_str!("migrations/0013_language.surql")),
];

/// Applies every migration newer than the recorded version. Each file is
/// idempotent, so a crash between applying and recording is harmless.
pub async fn migrate(db: &Db) -> Result<i64, DbError> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS schema_migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON schema_migration TYPE int;
         DEFINE FIELD IF NOT EXISTS applied_at ON schema_migration TYPE int;",
    )
    .await
    .and_then(|r| r.check())
    .context("preparing the migration table")?;
    let mut current: Option<i64> = db
        .query("SELECT VALUE version FROM schema_migration ORDER BY version DESC LIMIT 1")
        .await
        .and_then(|r| r.check())
        .context("reading the schema version")?
        .take(0)
        .context("reading the schema version")?;
    for (version, sql) in MIGRATIONS {
        if current.is_some_and(|c| c >= *version) {
            continue;
        }
        db.query(*sql)
            .await
            .and_then(|r| r.check())
            .context("applying a migration")?;
        db.query("CREATE schema_migration CONTENT { version: $version, applied_at: $now }")
            .bind(("version", *version))
            .bind(("now", now()))
            .await
            .and_then(|r| r.check())
            .context("recording a migration")?;
        current = Some(*version);
    }
    Ok(current.unwrap_or(0))
}

/// Seconds since the Unix epoch: the one clock of the storage layer.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Runs `work` in a transaction, retrying when it lost a write conflict.
/// `work` must not commit; it returns its result and whether to commit. The
/// commit runs in a task of its own, which the caller awaits: a caller
/// dropped while committing (its client went away) cannot cut it short.
pub async fn in_transaction<T, E, F, Fut>(db: &Db, mut work: F) -> Result<T, E>
where
    F: FnMut(std::sync::Arc<Transaction<Any>>) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    E: From<DbError>,
{
    const ATTEMPTS: usize = 64;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = std::sync::Arc::new(db.clone().begin().await.context("starting a transaction")?);
        let outcome = work(tx.clone()).await;
        let Ok(tx) = std::sync::Arc::try_unwrap(tx) else {
            return Err(DbError::internal("a transaction outlived its work").into());
        };
        match outcome {
            Ok(value) => {
                let committing =
                    tokio::spawn(async move { tx.commit().await.map(drop).context("committing") });
                let committed = committing
                    .await
                    .map_err(|_| DbError::internal("a commit task failed"))?;
                match committed {
                    Ok(()) => return Ok(value),
                    Err(e) if e.retryable_commit() && attempt < ATTEMPTS => {
                        backoff(attempt).await;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Err(error) => {
                let _ = tx.cancel().await;
                return Err(error);
            }
        }
    }
}

async fn backoff(attempt: usize) {
    use rand::Rng;
    let cap = 2u64.saturating_pow(attempt.min(6) as u32);
    let millis = rand::rng().random_range(0..=cap);
    tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
}

impl DbError {
    pub fn internal(message: &'static str) -> Self {
        DbError {
            context: message,
            failure: Failure::Driver(Box::new(surrealdb::Error::internal(message.to_owned()))),
        }
    }
}

/// Runs a query and checks every statement's result.
pub async fn run(
    query: Query<'_, Any>,
    context: &'static str,
) -> Result<surrealdb::IndexedResults, DbError> {
    query.await.and_then(|r| r.check()).context(context)
}
