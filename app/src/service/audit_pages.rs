//! Audit pages kept in memory until the log changes.
//!
//! A page is the places of its entries (`db::audit::page`), read under a
//! view key that authorisation chose, with the filter's time range and the
//! cursor. Kept with the stream revision this instance had applied before the
//! read, it is served again while no audit entry was written since
//! ([`super::stream::ChangeStream::audit_unchanged_since`]): every audit write
//! tells the change stream in its own transaction, so any instance learns of
//! it like of any other change.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::one_at_a_time::{OneAtATime, Turn};
use crate::domain::audit::Cursor;

/// Pages kept at most; beyond, the memory starts over.
const CAPACITY: usize = 4096;

/// Everything a page read depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub key: String,
    pub newest: i64,
    pub oldest: i64,
    pub after: Option<Cursor>,
    pub limit: usize,
}

#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<PageKey, (u64, Vec<Cursor>)>>,
    /// One read at a time per page: requests that miss the same page
    /// together wait for the first one's read instead of repeating it.
    reading: OneAtATime<PageKey>,
}

impl PageCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<PageKey, (u64, Vec<Cursor>)>> {
        // A map left by a panic is whole either way.
        self.pages.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The page and the revision it was read at, if kept.
    pub fn get(&self, key: &PageKey) -> Option<(u64, Vec<Cursor>)> {
        self.lock().get(key).cloned()
    }

    /// The turn to read `key`'s page from the database, or a wait for the
    /// request already reading it.
    pub async fn reading(&self, key: &PageKey) -> Turn<'_, PageKey> {
        self.reading.turn(key).await
    }

    pub fn put(&self, key: PageKey, basis: u64, places: Vec<Cursor>) {
        let mut pages = self.lock();
        if pages.len() >= CAPACITY {
            pages.clear();
        }
        pages.insert(key, (basis, places));
    }
}
