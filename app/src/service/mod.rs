//! Use-cases. Each one decides who may do it, re-checks the domain rules
//! against the stored state inside one transaction, and writes the audit entry.

pub mod access;
pub mod accounts;
pub mod actor;
pub mod audit;
pub mod audit_entries;
pub mod auth;
pub mod backup;
pub mod dashboard;
pub mod own_account;
pub mod passwords;
pub mod resellers;
pub mod seed;
pub mod session_cache;
pub mod shared;
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

pub use actor::Actor;

/// What a committed write changed, for the caches of accounts (the list
/// model, resolved sessions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Nothing they hold (e.g. a refused row of a bulk action).
    Nothing,
    Accounts(Vec<String>),
    /// An account and every user it owns.
    AccountAndUsers(String),
    /// Sessions only (one entered or left a panel).
    Sessions,
}

impl Changed {
    /// The accounts with these ids.
    pub fn accounts<const N: usize>(ids: [&str; N]) -> Self {
        Changed::Accounts(ids.iter().map(|id| (*id).to_owned()).collect())
    }
}

/// Everything a request needs from the running server.
#[derive(Clone)]
pub struct AppContext {
    pub db: Db,
    pub settings: Settings,
    /// The account lists' read model.
    pub lists: Arc<Lists>,
    /// Resolved sessions.
    pub sessions: Arc<SessionCache>,
    /// Audit entries already read (they never change).
    pub audit_entries: Arc<audit_entries::EntryCache>,
}

impl AppContext {
    /// A context over a migrated database, with its list model loaded.
    pub async fn open(db: Db, settings: Settings) -> Result<Self, DbError> {
        let lists = Lists::load(&db).await?;
        Ok(AppContext {
            db,
            settings,
            lists: Arc::new(lists),
            sessions: Arc::default(),
            audit_entries: Arc::default(),
        })
    }

    /// Brings the caches up to date with a committed change: resolved
    /// sessions are dropped at once (a state or chain may have changed), then
    /// the list model re-reads the accounts.
    async fn apply(&self, changed: Changed) {
        match changed {
            Changed::Nothing => {}
            Changed::Sessions => self.sessions.clear(),
            Changed::Accounts(ids) => {
                self.sessions.clear();
                self.lists.refresh(&self.db, &ids).await;
            }
            Changed::AccountAndUsers(owner_id) => {
                self.sessions.clear();
                self.lists.refresh_with_users(&self.db, &owner_id).await;
            }
        }
    }

    /// [`AppContext::apply`] in a task of its own, so that dropping the
    /// caller does not skip it.
    async fn apply_detached(&self, changed: Changed) {
        let ctx = self.clone();
        if let Err(error) = tokio::spawn(async move { ctx.apply(changed).await }).await {
            tracing::error!(%error, "updating the caches of accounts failed");
        }
    }

    /// Call after committing a write to these accounts outside
    /// [`write_accounts`].
    pub async fn accounts_changed(&self, ids: &[String]) {
        self.apply_detached(Changed::Accounts(ids.to_vec())).await;
    }

    /// Call after committing a write to an account and all of its users
    /// outside [`write_accounts`].
    pub async fn account_and_users_changed(&self, owner_id: &str) {
        self.apply_detached(Changed::AccountAndUsers(owner_id.to_owned()))
            .await;
    }

    /// Call after accounts were written in bulk, outside the usual services.
    pub async fn all_accounts_changed(&self) -> Result<(), DbError> {
        self.sessions.clear();
        self.lists.reload(&self.db).await
    }

    /// Call after ending sessions without changing an account.
    pub fn sessions_ended(&self) {
        self.sessions.clear();
    }
}

/// Runs `work` as one transaction ([`db::in_transaction`]) and brings the
/// caches of accounts up to date with what `changed` says the committed result
/// changed. That happens in the task that commits: once the commit is under
/// way, dropping the request (its client went away) cannot skip it, and a
/// request that completes sees its own change in its next list.
pub async fn write_accounts<T, E, C, F, Fut>(ctx: &AppContext, changed: C, work: F) -> Result<T, E>
where
    C: Fn(&T) -> Changed,
    F: FnMut(Arc<Transaction<Any>>) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: From<DbError>,
{
    db::in_transaction_then(&ctx.db, work, |value| {
        let (ctx, changed) = (ctx.clone(), changed(value));
        async move { ctx.apply(changed).await }
    })
    .await
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_idle_secs: 2 * 60 * 60,
            session_max_secs: 12 * 60 * 60,
            trusted_proxies: Vec::new(),
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
