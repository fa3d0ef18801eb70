//! Use-cases. Each one decides who may do it, re-checks the domain rules
//! against the stored state inside one transaction, and writes the audit entry.

pub mod access;
pub mod accounts;
pub mod actor;
pub mod audit;
pub mod audit_entries;
pub mod audit_pages;
pub mod auth;
pub mod backup;
pub mod branding;
pub mod brands;
pub mod dashboard;
pub mod one_at_a_time;
pub mod own_account;
pub mod passwords;
pub mod resellers;
pub mod seed;
pub mod seed_tickets;
pub mod session_cache;
pub mod shared;
pub mod stream;
pub mod support;
pub mod support_cache;
pub mod support_categories;
pub mod switch;
pub mod users;
pub mod wire;

use std::future::Future;
use std::sync::Arc;

use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;

use crate::db::lists::Lists;
use crate::db::{self, Db, DbError};
use crate::domain::client_address::TrustedProxy;
use crate::error::AppError;
use session_cache::SessionCache;
use stream::{ChangeStream, Follower};

pub use actor::Actor;

pub use crate::db::changes::Change;

/// Everything a request needs from the running server, shared: a request
/// clones the context several times, and a clone must not clone the
/// database handle — each clone of a `Surreal` handle opens a session of its
/// own in the client, and each drop ends it, one message at a time through
/// the client's single router task. At thousands of requests a second that
/// queue grew into half-second stalls for the next database read.
#[derive(Clone)]
pub struct AppContext(Arc<ContextParts>);

impl std::ops::Deref for AppContext {
    type Target = ContextParts;

    fn deref(&self) -> &ContextParts {
        &self.0
    }
}

impl From<ContextParts> for AppContext {
    fn from(parts: ContextParts) -> Self {
        AppContext(Arc::new(parts))
    }
}

/// What an [`AppContext`] shares.
#[derive(Clone)]
pub struct ContextParts {
    pub db: Db,
    pub settings: Settings,
    /// The account lists' read model.
    pub lists: Arc<Lists>,
    /// Resolved sessions.
    pub sessions: Arc<SessionCache>,
    /// Audit entries already read (they never change).
    pub audit_entries: Arc<audit_entries::EntryCache>,
    /// Audit pages read since the log last changed.
    pub audit_pages: Arc<audit_pages::PageCache>,
    /// How far this instance has followed the database's changes.
    pub stream: Arc<ChangeStream>,
    /// Inbox pages and threads read since their tickets last changed.
    pub support: Arc<support_cache::SupportCache>,
    /// Every brand and host name, to brand a request without a read.
    pub brands: Arc<brands::BrandBook>,
}

impl AppContext {
    /// A context over a migrated database, with its list model loaded and a
    /// task following the change stream (so: inside a Tokio runtime).
    pub async fn open(db: Db, settings: Settings) -> Result<Self, DbError> {
        Self::open_polling(db, settings, stream::POLL_EVERY).await
    }

    /// [`AppContext::open`], reading the stream's head this often while no
    /// request waits for a revision.
    pub async fn open_polling(
        db: Db,
        settings: Settings,
        poll_every: std::time::Duration,
    ) -> Result<Self, DbError> {
        // The head first: the model loaded after it holds at least its changes.
        let head = db::changes::head(&db).await?;
        let lists = Lists::load(&db).await?;
        let brands = brands::BrandBook::load(&db).await?;
        let ctx = AppContext::from(ContextParts {
            db,
            settings,
            lists: Arc::new(lists),
            sessions: Arc::default(),
            audit_entries: Arc::default(),
            audit_pages: Arc::default(),
            stream: Arc::new(ChangeStream::polling_every(head, poll_every)),
            support: Arc::default(),
            brands: Arc::new(brands),
        });
        ctx.follower().spawn();
        Ok(ctx)
    }

    /// A copy of what this context shares, to build a variant of it (tests
    /// of instances that lag behind).
    pub fn parts(&self) -> ContextParts {
        ContextParts::clone(&self.0)
    }

    /// What follows the change stream for this context.
    pub fn follower(&self) -> Follower {
        Follower {
            db: self.db.clone(),
            stream: self.stream.clone(),
            lists: self.lists.clone(),
            sessions: self.sessions.clone(),
            brands: self.brands.clone(),
        }
    }

    /// Waits until this instance shows the change of `revision`, which this
    /// request wrote.
    async fn written(&self, revision: u64) {
        stream::note_written(revision);
        if !self.stream.reach(revision).await {
            tracing::warn!(
                revision,
                "this instance did not reach its own write in time"
            );
        }
    }

    /// Tells every instance about a change written outside [`write_accounts`]
    /// (bulk loads), and waits until this one shows it.
    pub async fn publish(&self, change: Change) -> Result<(), DbError> {
        let revision = db::in_transaction(&self.db, |tx| {
            let change = change.clone();
            async move { db::changes::append(&*tx, &change, db::now()).await }
        })
        .await?;
        if let Some(revision) = revision {
            self.written(revision).await;
        }
        Ok(())
    }
}

/// Runs `work` as one transaction ([`db::in_transaction`]) that also appends
/// to the change stream what `change` says the result changed, then waits
/// until this instance shows it (a request that completes sees its own
/// change in its next list). Other instances learn of it from the stream; a
/// request dropped while this runs loses nothing, because the change is
/// committed with the write.
pub async fn write_accounts<T, E, C, F, Fut>(
    ctx: &AppContext,
    change: C,
    mut work: F,
) -> Result<T, E>
where
    C: Fn(&T) -> Change,
    F: FnMut(Arc<Transaction<Any>>) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: From<DbError>,
{
    let change = &change;
    let (value, revision) = db::in_transaction(&ctx.db, |tx| {
        let work = work(tx.clone());
        async move {
            let value = work.await?;
            let revision = db::changes::append(&*tx, &change(&value), db::now()).await?;
            Ok::<_, E>((value, revision))
        }
    })
    .await?;
    if let Some(revision) = revision {
        ctx.written(revision).await;
    }
    Ok(value)
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Served over TLS: cookies get `Secure` and the `__Host-` prefix, and
    /// responses carry `Strict-Transport-Security`.
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub session_idle_secs: i64,
    /// A session ends this long after its login, however busy it is.
    pub session_max_secs: i64,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<TrustedProxy>,
    /// The server's own host names (`TRELLIS_HOSTS`): they show the
    /// default brand, no reseller may take them, and links the panel builds
    /// use the first of them.
    pub own_hosts: Vec<crate::domain::branding::HostName>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_idle_secs: 2 * 60 * 60,
            session_max_secs: 12 * 60 * 60,
            trusted_proxies: Vec::new(),
            own_hosts: Vec::new(),
        }
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        tracing::error!(%error, "storage failure");
        AppError::Internal
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod write_tests;
