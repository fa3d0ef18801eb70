//! Inbox pages, threads and unread counts kept in memory until their
//! tickets change.
//!
//! Each is kept with the stream revision this instance had applied before
//! it was read, and served again while no ticket of the account it was read
//! for changed since ([`super::stream::ChangeStream::tickets_unchanged_since`]):
//! every ticket write names its two parties in the change stream, in its own
//! transaction, so every instance learns of it like of any other change.
//! Requests that miss the same value together wait for one read.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use super::one_at_a_time::{OneAtATime, Turn};
use super::stream::ChangeStream;
use crate::api::support::{TicketPage, TicketQuery, TicketThread, UnreadCounts};
use crate::error::AppResult;

/// Values kept at most per kind; beyond, the memory starts over.
const CAPACITY: usize = 4096;

/// An inbox page as one account asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub account: String,
    pub mailbox: String,
    pub status: String,
    pub priority: String,
    pub category: String,
    pub search: String,
    pub after: Option<String>,
}

impl PageKey {
    pub fn new(account: &str, query: &TicketQuery) -> Self {
        PageKey {
            account: account.to_owned(),
            mailbox: query.mailbox.clone(),
            status: query.status.clone(),
            priority: query.priority.clone(),
            category: query.category.clone(),
            search: query.search.clone(),
            after: query.after.clone(),
        }
    }
}

/// A thread as one account reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThreadKey {
    pub account: String,
    pub ticket: String,
    pub before: Option<i64>,
}

/// Values of one kind, each with the revision it was read at.
pub struct Kept<K, V> {
    values: Mutex<HashMap<K, (u64, Arc<V>)>>,
    reading: OneAtATime<K>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept {
            values: Mutex::new(HashMap::new()),
            reading: OneAtATime::default(),
        }
    }
}

impl<K: Eq + Hash + Clone, V> Kept<K, V> {
    fn lock(&self) -> MutexGuard<'_, HashMap<K, (u64, Arc<V>)>> {
        // A map left by a panic is whole either way.
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The value and the revision it was read at, if kept.
    pub fn get(&self, key: &K) -> Option<(u64, Arc<V>)> {
        self.lock().get(key).cloned()
    }

    /// The turn to read `key`'s value, or a wait for the request reading it.
    pub async fn reading(&self, key: &K) -> Turn<'_, K> {
        self.reading.turn(key).await
    }

    pub fn put(&self, key: K, basis: u64, value: V) {
        let mut values = self.lock();
        if values.len() >= CAPACITY {
            values.clear();
        }
        values.insert(key, (basis, Arc::new(value)));
    }

    /// The value at `key`: the one kept, while `current(revision it was
    /// read at, value)`; else `read`'s, kept with the revision `stream`
    /// had applied before the read (whatever the read misses came later).
    /// Requests that miss together wait for one read.
    pub async fn get_or_read<Fut>(
        &self,
        stream: &ChangeStream,
        key: K,
        current: impl Fn(u64, &V) -> bool,
        read: impl FnOnce() -> Fut,
    ) -> AppResult<V>
    where
        V: Clone,
        Fut: Future<Output = AppResult<V>>,
    {
        let kept = || {
            self.get(&key)
                .filter(|(basis, value)| current(*basis, value))
                .map(|(_, value)| V::clone(&value))
        };
        let _reading = loop {
            if let Some(value) = kept() {
                return Ok(value);
            }
            if let Turn::Mine(reading) = self.reading(&key).await {
                // Read just before this request took its turn?
                if let Some(value) = kept() {
                    return Ok(value);
                }
                break reading;
            }
            // Another request read it (or failed to): look again.
        };
        let basis = stream.applied();
        let value = read().await?;
        self.put(key.clone(), basis, value.clone());
        Ok(value)
    }
}

#[derive(Default)]
pub struct SupportCache {
    pub pages: Kept<PageKey, TicketPage>,
    /// With the account whose ticket changes make it stale.
    pub threads: Kept<ThreadKey, (String, TicketThread)>,
    /// By account: the badge every page of the panel shows.
    pub unread: Kept<String, UnreadCounts>,
}
