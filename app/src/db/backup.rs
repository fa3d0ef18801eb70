//! Backups: SurrealDB's own export of the database (schema and records, read
//! in one transaction, so consistent), and loading one into an empty database.

use std::path::Path;

use super::{Context, Db, DbError, run};

/// Writes the whole database to `path` as SurrealQL.
pub async fn export(db: &Db, path: &Path) -> Result<(), DbError> {
    db.export(path).await.context("exporting the database")
}

/// Runs the SurrealQL of an export. A file that fails to parse runs nothing;
/// one that fails part-way may have run its first statements.
pub async fn import(db: &Db, path: &Path) -> Result<(), DbError> {
    db.import(path).await.context("loading the backup")
}

/// The tables defined in the database: none in an empty one.
pub async fn tables(db: &Db) -> Result<Vec<String>, DbError> {
    run(
        db.query("RETURN object::keys((INFO FOR DB).tables)"),
        "listing the tables",
    )
    .await?
    .take(0)
    .context("listing the tables")
}

/// Removes these tables with their records, fields and indexes. A name that
/// is not a plain identifier (none of ours is) is left alone rather than
/// quoted into a statement.
pub async fn remove_tables(db: &Db, names: &[String]) -> Result<(), DbError> {
    for name in names {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        run(
            db.query(format!("REMOVE TABLE IF EXISTS {name}")),
            "removing a table",
        )
        .await?;
    }
    Ok(())
}
