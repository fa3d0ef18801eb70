//! Browsers an account has logged in from, known by a hash of a long-lived
//! cookie. A failed-login lock on a login does not hold them.

use super::{Context, DbError, Executor, run};

/// The account a device token belongs to, if any.
pub async fn account_of(db: &impl Executor, token_hash: &str) -> Result<Option<String>, DbError> {
    let mut accounts: Vec<String> = run(
        db.sql("SELECT VALUE account FROM known_device WHERE token_hash = $hash LIMIT 1")
            .bind(("hash", token_hash.to_owned())),
        "reading a known browser",
    )
    .await?
    .take(0)
    .context("reading a known browser")?;
    Ok(accounts.pop())
}

/// Remembers a browser (or refreshes it), keeping the `keep` most recently
/// used ones of the account.
pub async fn remember(
    db: &impl Executor,
    token_hash: &str,
    account_id: &str,
    now: i64,
    keep: usize,
) -> Result<(), DbError> {
    run(
        db.sql(
            "LET $found = (SELECT VALUE id FROM known_device WHERE token_hash = $hash);
             IF array::len($found) > 0 {
                 UPDATE $found SET account = $account, last_used = $now;
             } ELSE {
                 CREATE known_device CONTENT { token_hash: $hash, account: $account, \
                     created_at: $now, last_used: $now };
             };
             LET $surplus = (SELECT VALUE id FROM known_device WHERE account = $account \
                 ORDER BY last_used DESC START $keep);
             DELETE $surplus;",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("account", account_id.to_owned()))
        .bind(("now", now))
        .bind(("keep", keep as i64)),
        "remembering a browser",
    )
    .await
    .map(|_| ())
}

/// Forgets every browser of an account (its password changed: whoever knew
/// the old one may have logged in from their own).
pub async fn forget_account(db: &impl Executor, account_id: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE known_device WHERE account = $account")
            .bind(("account", account_id.to_owned())),
        "forgetting an account's browsers",
    )
    .await
    .map(|_| ())
}

/// Forgets browsers unused since `before`.
pub async fn delete_unused(db: &impl Executor, before: i64) -> Result<(), DbError> {
    run(
        db.sql("DELETE known_device WHERE last_used < $before")
            .bind(("before", before)),
        "forgetting unused browsers",
    )
    .await
    .map(|_| ())
}
