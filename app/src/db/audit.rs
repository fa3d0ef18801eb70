use surrealdb::types::SurrealValue;

use super::{DbError, Executor, run};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AuditEntry {
    pub at: i64,
    /// Logins of the acting chain, the logged-in account first.
    pub chain: Vec<String>,
    pub action: String,
    pub target: String,
    pub target_owner: Option<String>,
    pub detail: String,
}

pub async fn record(db: &impl Executor, entry: AuditEntry) -> Result<(), DbError> {
    run(
        db.sql("CREATE audit CONTENT $entry").bind(("entry", entry)),
        "writing the audit log",
    )
    .await
    .map(|_| ())
}
