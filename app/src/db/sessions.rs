use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct SessionRow {
    pub id: String,
    pub chain: Vec<String>,
    pub created_at: i64,
    pub last_seen: i64,
    /// Why the session left an entered panel on its own, until shown.
    pub notice: Option<String>,
}

/// Starts a session for `account_id`, ending its oldest ones beyond `keep`
/// live sessions (a script that logs in in a loop cannot fill the table).
pub async fn create(
    db: &impl Executor,
    token_hash: &str,
    account_id: &str,
    now: i64,
    keep: usize,
) -> Result<(), DbError> {
    run(
        db.sql(
            "CREATE session CONTENT { token_hash: $hash, account: $account, chain: [$account], \
             created_at: $now, last_seen: $now };
             LET $surplus = (SELECT VALUE id FROM session WHERE account = $account \
                 ORDER BY created_at DESC START $keep);
             DELETE $surplus;",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("account", account_id.to_owned()))
        .bind(("now", now))
        .bind(("keep", keep as i64)),
        "creating a session",
    )
    .await
    .map(|_| ())
}

pub async fn find(db: &impl Executor, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
    let mut rows: Vec<SessionRow> = run(
        db.sql(
            "SELECT record::id(id) AS id, chain, created_at ?? last_seen AS created_at, last_seen, notice \
             FROM session WHERE token_hash = $hash LIMIT 1",
        )
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

/// Sets the acting chain (entering or leaving a panel), with the notice the
/// next page shows (`None` clears it).
pub async fn set_chain(
    db: &impl Executor,
    id: &str,
    chain: Vec<String>,
    notice: Option<String>,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('session', $id) SET chain = $chain, notice = $notice")
            .bind(("id", id.to_owned()))
            .bind(("chain", chain))
            .bind(("notice", notice)),
        "switching panels",
    )
    .await
    .map(|_| ())
}

/// Forgets the notice once it has been shown.
pub async fn clear_notice(db: &impl Executor, id: &str) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('session', $id) SET notice = NONE")
            .bind(("id", id.to_owned())),
        "clearing a session's notice",
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

/// Ends every session logged in as the account. Sessions that merely entered
/// its panel fall back to their own account on their next request.
pub async fn delete_for_account(db: &impl Executor, account_id: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE session WHERE account = $account")
            .bind(("account", account_id.to_owned())),
        "ending an account's sessions",
    )
    .await
    .map(|_| ())
}

/// Ends every session of the account but one (one's own password change).
pub async fn delete_for_account_except(
    db: &impl Executor,
    account_id: &str,
    keep_session_id: &str,
) -> Result<(), DbError> {
    run(
        db.sql("DELETE session WHERE account = $account AND id != type::record('session', $keep)")
            .bind(("account", account_id.to_owned()))
            .bind(("keep", keep_session_id.to_owned())),
        "ending an account's other sessions",
    )
    .await
    .map(|_| ())
}

/// Ends sessions idle since `idle_before` or started before `started_before`.
pub async fn delete_expired(
    db: &impl Executor,
    idle_before: i64,
    started_before: i64,
) -> Result<(), DbError> {
    run(
        db.sql(
            "DELETE session WHERE last_seen < $idle_before;
             DELETE session WHERE created_at < $started_before;",
        )
        .bind(("idle_before", idle_before))
        .bind(("started_before", started_before)),
        "ending expired sessions",
    )
    .await
    .map(|_| ())
}

/// How many sessions are stored, for tests and the record.
pub async fn count_for_account(db: &impl Executor, account_id: &str) -> Result<usize, DbError> {
    let ids: Vec<surrealdb::types::RecordId> = run(
        db.sql("SELECT VALUE id FROM session WHERE account = $account")
            .bind(("account", account_id.to_owned())),
        "counting sessions",
    )
    .await?
    .take(0)
    .context("counting sessions")?;
    Ok(ids.len())
}
