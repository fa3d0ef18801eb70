//! Use-cases. Each one decides who may do it, re-checks the domain rules
//! against the stored state inside one transaction, and writes the audit entry.

pub mod accounts;
pub mod actor;
pub mod auth;
pub mod dashboard;
pub mod passwords;
pub mod resellers;
pub mod seed;
pub mod shared;
pub mod users;

use crate::db::{Db, DbError};
use crate::error::AppError;

pub use actor::Actor;

/// Everything a request needs from the running server.
#[derive(Clone)]
pub struct AppContext {
    pub db: Db,
    pub settings: Settings,
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
