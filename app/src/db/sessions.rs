use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct SessionRow {
    pub id: String,
    pub chain: Vec<String>,
    pub last_seen: i64,
}

pub async fn create(
    db: &impl Executor,
    token_hash: &str,
    account_id: &str,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql(
            "CREATE session CONTENT { token_hash: $hash, chain: [$account], created_at: $now, last_seen: $now }",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("account", account_id.to_owned()))
        .bind(("now", now)),
        "creating a session",
    )
    .await
    .map(|_| ())
}

pub async fn find(db: &impl Executor, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
    let mut rows: Vec<SessionRow> = run(
        db.sql("SELECT record::id(id) AS id, chain, last_seen FROM session WHERE token_hash = $hash LIMIT 1")
            .bind(("hash", token_hash.to_owned())),
        "reading a session",
    )
    .await?
    .take(0)
    .context("reading a session")?;
    Ok(rows.pop())
}

pub async fn touch(db: &impl Executor, id: &str, now: i64) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('session', $id) SET last_seen = $now")
            .bind(("id", id.to_owned()))
            .bind(("now", now)),
        "refreshing a session",
    )
    .await
    .map(|_| ())
}

pub async fn set_chain(db: &impl Executor, id: &str, chain: Vec<String>) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('session', $id) SET chain = $chain")
            .bind(("id", id.to_owned()))
            .bind(("chain", chain)),
        "switching panels",
    )
    .await
    .map(|_| ())
}

pub async fn delete(db: &impl Executor, id: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE type::record('session', $id)")
            .bind(("id", id.to_owned())),
        "ending a session",
    )
    .await
    .map(|_| ())
}

/// Ends every session in whose chain the account appears.
pub async fn delete_for_account(db: &impl Executor, account_id: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE session WHERE $account IN chain")
            .bind(("account", account_id.to_owned())),
        "ending an account's sessions",
    )
    .await
    .map(|_| ())
}

pub async fn delete_idle(db: &impl Executor, before: i64) -> Result<(), DbError> {
    run(
        db.sql("DELETE session WHERE last_seen < $before")
            .bind(("before", before)),
        "ending idle sessions",
    )
    .await
    .map(|_| ())
}
