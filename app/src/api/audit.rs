//! The Audit module: reading the log. Nothing here, or anywhere, edits or
//! deletes an entry.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The Audit page's filters, as typed: a blank field filters nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// Entries about the account with this login.
    pub login: String,
    /// An action key from `domain::audit::ACTIONS`.
    pub action: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, UTC, inclusive.
    pub from: String,
    pub to: String,
    /// The `next` of the page before.
    pub after: Option<String>,
}

/// One entry as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Seconds since the epoch, and the same as UTC text.
    pub at: i64,
    pub time: String,
    /// Logins of the acting chain, and as read ("admin as acme").
    pub chain: Vec<String>,
    pub who: String,
    pub action: String,
    pub action_label: String,
    pub target: String,
    pub detail: String,
}

/// A page of entries, newest first; `next` continues after the last row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub next: Option<String>,
}

/// A page of the entries the acting account may read: the admin all,
/// a reseller those about itself and its users, a user its own.
#[server(endpoint = "audit/list", input = server_fn::codec::Json)]
pub async fn list_audit(query: AuditQuery) -> Result<AuditPage, AppError> {
    use super::request::*;
    serve(Function::AuditView, move |ctx, actor| async move {
        crate::service::audit::list(&ctx, &actor, query).await
    })
    .await
}
