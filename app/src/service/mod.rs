//! Use-cases. Each one decides who may do it, re-checks the domain rules
//! against the stored state inside one transaction, and writes the audit entry.

pub mod accounts;
pub mod actor;
pub mod auth;
pub mod dashboard;
pub mod passwords;
pub mod resellers;
pub mod seed;
pub mod session_cache;
pub mod shared;
pub mod users;

use std::sync::Arc;

use crate::db::lists::Lists;
use crate::db::{Db, DbError};
use crate::error::AppError;
use session_cache::SessionCache;

pub use actor::Actor;

/// Everything a request needs from the running server.
#[derive(Clone)]
pub struct AppContext {
    pub db: Db,
    pub settings: Settings,
    /// The account lists' read model.
    pub lists: Arc<Lists>,
    /// Resolved sessions.
    pub sessions: Arc<SessionCache>,
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
        })
    }

    /// Call after committing a write to these accounts: resolved sessions are
    /// dropped at once (a state or chain may have changed), then the list
    /// model re-reads the accounts.
    pub async fn accounts_changed(&self, ids: &[String]) {
        self.sessions.clear();
        self.lists.refresh(&self.db, ids).await;
    }

    /// Call after committing a write to an account and all of its users.
    pub async fn account_and_users_changed(&self, owner_id: &str) {
        self.sessions.clear();
        self.lists.refresh_with_users(&self.db, owner_id).await;
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

#[derive(Debug, Clone)]
pub struct Settings {
    /// Send the session cookie with `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub session_idle_secs: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_idle_secs: 2 * 60 * 60,
        }
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        tracing::error!(%error, "storage failure");
        AppError::Internal
    }
}
