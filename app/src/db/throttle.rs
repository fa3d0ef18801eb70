use surrealdb::types::SurrealValue;

use super::{Context, Db, DbError, Executor, in_transaction, run};
use crate::domain::throttle::Throttle;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct ThrottleRow {
    attempts: Option<i64>,
    window_start: i64,
    locked_until: i64,
    lockouts: Option<i64>,
    refused: Option<i64>,
}

async fn get(db: &impl Executor, key: &str) -> Result<Throttle, DbError> {
    let row: Option<ThrottleRow> = run(
        db.sql(
            "SELECT attempts, window_start, locked_until, lockouts, refused \
             FROM ONLY type::record('login_throttle', $key)",
        )
        .bind(("key", key.to_owned())),
        "reading login throttling",
    )
    .await?
    .take(0)
    .context("reading login throttling")?;
    Ok(row
        .map(|r| Throttle {
            attempts: r.attempts.unwrap_or(0).clamp(0, u32::MAX as i64) as u32,
            window_start: r.window_start,
            locked_until: r.locked_until,
            lockouts: r.lockouts.unwrap_or(0).clamp(0, u32::MAX as i64) as u32,
            refused: r.refused.unwrap_or(0).max(0) as u64,
        })
        .unwrap_or_default())
}

async fn put(db: &impl Executor, key: &str, throttle: Throttle, now: i64) -> Result<(), DbError> {
    run(
        db.sql(
            "UPSERT type::record('login_throttle', $key) SET attempts = $attempts, \
             window_start = $window_start, locked_until = $locked_until, \
             lockouts = $lockouts, refused = $refused, updated_at = $now",
        )
        .bind(("key", key.to_owned()))
        .bind(("attempts", throttle.attempts as i64))
        .bind(("window_start", throttle.window_start))
        .bind(("locked_until", throttle.locked_until))
        .bind(("lockouts", throttle.lockouts as i64))
        .bind(("refused", throttle.refused.min(i64::MAX as u64) as i64))
        .bind(("now", now)),
        "recording a login attempt",
    )
    .await
    .map(|_| ())
}

/// Reads the throttles of `keys`, applies `change` and writes the results in
/// one transaction: concurrent attempts on a key conflict and retry, so each
/// sees the others' reservations.
pub async fn update<T, F>(db: &Db, keys: &[String], now: i64, change: F) -> Result<T, DbError>
where
    F: Fn(Vec<Throttle>) -> (Vec<Throttle>, T),
{
    in_transaction(db, |tx| {
        let change = &change;
        async move {
            let mut current = Vec::with_capacity(keys.len());
            for key in keys {
                current.push(get(&*tx, key).await?);
            }
            let (next, outcome) = change(current);
            for (key, throttle) in keys.iter().zip(next) {
                put(&*tx, key, throttle, now).await?;
            }
            Ok::<_, DbError>(outcome)
        }
    })
    .await
}

/// The current state of a key, for tests and the record.
pub async fn read(db: &Db, key: &str) -> Result<Throttle, DbError> {
    get(db, key).await
}

pub async fn clear(db: &impl Executor, key: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE type::record('login_throttle', $key)")
            .bind(("key", key.to_owned())),
        "clearing login throttling",
    )
    .await
    .map(|_| ())
}

/// Forgets keys untouched since `before` (their windows and locks are over).
pub async fn delete_stale(db: &impl Executor, before: i64) -> Result<(), DbError> {
    run(
        db.sql("DELETE login_throttle WHERE updated_at < $before AND locked_until < $before")
            .bind(("before", before)),
        "forgetting old login throttling",
    )
    .await
    .map(|_| ())
}
