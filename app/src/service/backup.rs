//! `server backup` / `server restore`, and the daily backup while serving.

use std::path::{Path, PathBuf};

use crate::db::{self, Db, backup};

/// Why a restore was refused. Each leaves the target database as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// The target already holds tables: a restore never merges.
    NotEmpty(Vec<String>),
    /// The file is missing or unreadable.
    Unreadable(String),
    /// The file did not load; whatever part of it ran was removed again.
    DidNotLoad(String),
    /// The database failed while checking or cleaning up.
    Database(String),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::NotEmpty(tables) => write!(
                f,
                "the database is not empty (it has {} tables, e.g. {}): restore into a new one",
                tables.len(),
                tables.first().map_or("", String::as_str)
            ),
            RestoreError::Unreadable(why) => write!(f, "cannot read the backup: {why}"),
            RestoreError::DidNotLoad(why) => {
                write!(f, "the backup did not load ({why}); nothing of it was kept")
            }
            RestoreError::Database(why) => write!(f, "database error: {why}"),
        }
    }
}

/// Writes a backup to `path`: to a temporary file first, renamed when whole,
/// so that a crash never leaves a half-written file under a backup's name.
pub async fn write(db: &Db, path: &Path) -> Result<(), String> {
    let partial = path.with_extension("partial");
    backup::export(db, &partial)
        .await
        .map_err(|e| e.to_string())?;
    std::fs::rename(&partial, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Loads the backup at `path` into `db`, which must be empty. A file that
/// fails part-way is undone: the tables it created are removed again.
pub async fn restore(db: &Db, path: &Path) -> Result<(), RestoreError> {
    let existing = backup::tables(db)
        .await
        .map_err(|e| RestoreError::Database(e.to_string()))?;
    if !existing.is_empty() {
        return Err(RestoreError::NotEmpty(existing));
    }
    std::fs::metadata(path)
        .map_err(|e| RestoreError::Unreadable(format!("{}: {e}", path.display())))?;
    if let Err(failure) = backup::import(db, path).await {
        let created = backup::tables(db)
            .await
            .map_err(|e| RestoreError::Database(e.to_string()))?;
        backup::remove_tables(db, &created)
            .await
            .map_err(|e| RestoreError::Database(e.to_string()))?;
        return Err(RestoreError::DidNotLoad(failure.to_string()));
    }
    // A backup from an older release is brought up to this one's schema.
    db::migrate(db)
        .await
        .map_err(|e| RestoreError::DidNotLoad(format!("after loading: {e}")))?;
    Ok(())
}

/// Backups kept by the daily backup.
pub const KEEP: usize = 8;
const PREFIX: &str = "trellis-";
const SUFFIX: &str = ".surql";

/// The name of a backup taken at `unix_seconds`: names sort by time.
pub fn file_name(unix_seconds: i64) -> String {
    format!("{PREFIX}{unix_seconds:012}{SUFFIX}")
}

/// Deletes all but the newest `keep` backups in `dir` (only files this
/// module named; anything else there is left alone).
pub fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, String> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = backups.drain(..excess).collect();
    for path in &removed {
        std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(removed)
}

/// Takes one backup into `dir` now and prunes the old ones.
pub async fn take_daily(db: &Db, dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(file_name(db::now()));
    write(db, &path).await?;
    prune(dir, KEEP)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time() {
        assert!(file_name(999) < file_name(1000));
        assert_eq!(file_name(1_700_000_000), "trellis-001700000000.surql");
    }

    #[test]
    fn prune_keeps_the_newest_and_touches_nothing_else() {
        let dir = std::env::temp_dir().join(format!("trellis-prune-{}", db::accounts::new_id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        for t in 1..=10 {
            std::fs::write(dir.join(file_name(t)), "x").unwrap_or_default();
        }
        std::fs::write(dir.join("notes.txt"), "mine").unwrap_or_default();
        let removed = prune(&dir, 8).unwrap_or_default();
        assert_eq!(removed.len(), 2);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        left.sort();
        let expected: Vec<String> = std::iter::once("notes.txt".to_owned())
            .chain((3..=10).map(file_name))
            .collect();
        assert_eq!(left, expected);
        std::fs::remove_dir_all(&dir).unwrap_or_default();
    }
}
