//! Stored grants: an account's `access` field and the admin's defaults for
//! new accounts (`access_defaults:<role>`).

use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};
use crate::domain::Role;
use crate::domain::access::Access;

/// The stored record of one role's defaults.
#[derive(Debug, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct DefaultsRow {
    functions: Vec<String>,
}

/// The admin's saved defaults for new accounts of `role`, if it saved any.
/// The whole record is read, not `SELECT VALUE functions`: an array taken as
/// an `Option` would be read as the rows of a result, not as one value.
pub async fn defaults(db: &impl Executor, role: Role) -> Result<Option<Access>, DbError> {
    let row: Option<DefaultsRow> = run(
        db.sql("SELECT functions FROM ONLY type::record('access_defaults', $role)")
            .bind(("role", role.as_str().to_owned())),
        "reading the default access",
    )
    .await?
    .take(0)
    .context("reading the default access")?;
    Ok(row.map(|row| Access::from_keys(row.functions.iter().map(String::as_str))))
}

pub async fn set_defaults(
    db: &impl Executor,
    role: Role,
    access: &Access,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql(
            "UPSERT type::record('access_defaults', $role) \
             SET functions = $functions, updated_at = $now",
        )
        .bind(("role", role.as_str().to_owned()))
        .bind(("functions", access.keys()))
        .bind(("now", now)),
        "saving the default access",
    )
    .await
    .map(|_| ())
}

/// Replaces an account's grants.
pub async fn set_grants(
    db: &impl Executor,
    account_id: &str,
    access: &Access,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) SET access = $functions, updated_at = $now")
            .bind(("id", account_id.to_owned()))
            .bind(("functions", access.keys()))
            .bind(("now", now)),
        "saving an account's access",
    )
    .await
    .map(|_| ())
}
