//! The account lists' read model, kept equal to the database.
//!
//! A list page read from SurrealDB costs milliseconds of CPU (every row is a
//! record fetched and decoded), which caps a two-core server at a few hundred
//! pages a second. The model holds every account's list row in memory instead:
//! it is loaded at start-up and then follows the change stream
//! (`service::stream`): the rows a committed change names are re-read. Re-reads
//! run one at a time, each reading the rows as they are when it runs, so the
//! model never goes back to an older state; rows are kept by record id, so
//! re-reads of different accounts may be applied in either order. If a re-read
//! fails, the model is marked stale and rebuilt before the next list is served.

use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::accounts::AccountRow;
use super::list_index::ListIndex;
use super::listing::{self, ListSpec};
use super::{Db, DbError};

/// Rows read per query when the model is built.
const LOAD_CHUNK: usize = 5000;

#[derive(Debug, Default)]
pub struct Lists {
    index: RwLock<ListIndex>,
    /// Serialises re-reads: each one reads after the ones before it applied.
    writer: tokio::sync::Mutex<()>,
    stale: AtomicBool,
}

impl Lists {
    /// Builds the model from the database.
    pub async fn load(db: &Db) -> Result<Self, DbError> {
        let lists = Lists::default();
        lists.reload(db).await?;
        Ok(lists)
    }

    /// Rebuilds the model from the whole table; lists keep being served from
    /// the previous model until the new one is complete.
    pub async fn reload(&self, db: &Db) -> Result<(), DbError> {
        let _writer = self.writer.lock().await;
        self.rebuild(db).await
    }

    /// Builds a new index and swaps it in; the caller holds the writer lock.
    async fn rebuild(&self, db: &Db) -> Result<(), DbError> {
        let mut index = ListIndex::default();
        let mut after = String::new();
        loop {
            let rows = listing::rows_after(db, &after, LOAD_CHUNK).await?;
            let Some(last) = rows.last() else { break };
            after = last.login.clone();
            let full = rows.len() == LOAD_CHUNK;
            for row in rows {
                index.upsert(row);
            }
            if !full {
                break;
            }
        }
        *self.write() = index;
        self.index.clear_poison();
        self.stale.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// Re-reads these accounts after a committed write (a deleted one leaves
    /// the model).
    pub async fn refresh(&self, db: &Db, ids: &[String]) {
        let _writer = self.writer.lock().await;
        match listing::rows_of(db, ids).await {
            Ok(rows) => {
                let mut index = self.write();
                for id in ids {
                    index.remove(id);
                }
                for row in rows {
                    index.upsert(row);
                }
            }
            Err(error) => self.mark_stale(error),
        }
    }

    /// Re-reads an account and all of its users, after a write that changed
    /// them together.
    pub async fn refresh_with_users(&self, db: &Db, owner_id: &str) {
        let _writer = self.writer.lock().await;
        let owner = [owner_id.to_owned()];
        match (
            listing::rows_of(db, &owner).await,
            listing::users_of(db, owner_id).await,
        ) {
            (Ok(rows), Ok(users)) => {
                let mut index = self.write();
                index.remove(owner_id);
                for row in rows {
                    index.upsert(row);
                }
                index.replace_users_of(owner_id, users);
            }
            (Err(error), _) | (_, Err(error)) => self.mark_stale(error),
        }
    }

    /// Holds back every re-read until the guard is dropped, to stop a write
    /// between its commit and its re-read.
    #[cfg(test)]
    pub(crate) async fn hold_rereads(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writer.lock().await
    }

    fn mark_stale(&self, error: DbError) {
        tracing::error!(%error, "list model re-read failed; it is rebuilt before the next list");
        self.stale.store(true, Ordering::SeqCst);
    }

    async fn fresh(&self, db: &Db) -> Result<(), DbError> {
        if self.stale.load(Ordering::SeqCst) {
            let _writer = self.writer.lock().await;
            // Requests that waited for the same rebuild do not repeat it.
            if self.stale.load(Ordering::SeqCst) {
                self.rebuild(db).await?;
            }
        }
        Ok(())
    }

    pub async fn page(&self, db: &Db, spec: &ListSpec) -> Result<Vec<AccountRow>, DbError> {
        self.fresh(db).await?;
        Ok(self.read().page(spec))
    }

    pub async fn count(&self, db: &Db, spec: &ListSpec) -> Result<u64, DbError> {
        self.fresh(db).await?;
        Ok(self.read().count(spec))
    }

    /// How many accounts the model holds.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Every row the model holds, in login order.
    pub fn snapshot(&self) -> Vec<AccountRow> {
        self.read().snapshot()
    }

    // A panic while the lock was held may have left the index half-changed:
    // keep serving it, but rebuild it before the next list.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, ListIndex> {
        self.index.read().unwrap_or_else(|poisoned| {
            self.stale.store(true, Ordering::SeqCst);
            poisoned.into_inner()
        })
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, ListIndex> {
        self.index.write().unwrap_or_else(|poisoned| {
            self.stale.store(true, Ordering::SeqCst);
            poisoned.into_inner()
        })
    }
}
