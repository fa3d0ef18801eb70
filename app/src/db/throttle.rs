use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};
use crate::domain::throttle::Throttle;

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct ThrottleRow {
    failures: i64,
    window_start: i64,
    locked_until: i64,
}

pub async fn get(db: &impl Executor, key: &str) -> Result<Throttle, DbError> {
    let row: Option<ThrottleRow> = run(
        db.sql("SELECT failures, window_start, locked_until FROM ONLY type::record('login_throttle', $key)")
            .bind(("key", key.to_owned())),
        "reading login throttling",
    )
    .await?
    .take(0)
    .context("reading login throttling")?;
    Ok(row
        .map(|r| Throttle {
            failures: r.failures.max(0) as u32,
            window_start: r.window_start,
            locked_until: r.locked_until,
        })
        .unwrap_or_default())
}

pub async fn put(db: &impl Executor, key: &str, throttle: Throttle) -> Result<(), DbError> {
    run(
        db.sql(
            "UPSERT type::record('login_throttle', $key) SET failures = $failures, \
             window_start = $window_start, locked_until = $locked_until",
        )
        .bind(("key", key.to_owned()))
        .bind(("failures", throttle.failures as i64))
        .bind(("window_start", throttle.window_start))
        .bind(("locked_until", throttle.locked_until)),
        "recording a failed login",
    )
    .await
    .map(|_| ())
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
