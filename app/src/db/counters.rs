//! Totals kept as records, written in the same transaction as the change they
//! count, so that no page ever counts a whole table.

use super::{Context, DbError, Executor, run};

pub const RESELLERS: &str = "resellers";
pub const USERS: &str = "users";

pub async fn add(db: &impl Executor, name: &str, delta: i64) -> Result<(), DbError> {
    run(
        db.sql("UPSERT type::record('counter', $name) SET value = (value ?? 0) + $delta")
            .bind(("name", name.to_owned()))
            .bind(("delta", delta)),
        "updating a counter",
    )
    .await
    .map(|_| ())
}

pub async fn get(db: &impl Executor, name: &str) -> Result<i64, DbError> {
    let value: Option<i64> = run(
        db.sql("(SELECT VALUE value FROM ONLY type::record('counter', $name))")
            .bind(("name", name.to_owned())),
        "reading a counter",
    )
    .await?
    .take(0)
    .context("reading a counter")?;
    Ok(value.unwrap_or(0))
}
