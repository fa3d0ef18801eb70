//! Audit entries kept in memory once read, so that a page costs one range
//! read of its places and the entries of the last pages viewed are not
//! fetched again.
//!
//! An entry is written once and never changed: a copy of it cannot go stale,
//! on this instance or any other, so this needs none of the revision
//! tracking that projections of changing data need (DESIGN.md §3).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::db::audit::AuditEntry;
use crate::domain::audit::Cursor;

/// About 300 bytes an entry: a few megabytes, and hundreds of pages.
pub const DEFAULT_CAPACITY: usize = 20_000;

pub struct EntryCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<Cursor, Arc<AuditEntry>>,
    /// Places in the order they were stored: the oldest goes first.
    order: VecDeque<Cursor>,
}

impl Default for EntryCache {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl EntryCache {
    pub fn with_capacity(capacity: usize) -> Self {
        EntryCache {
            capacity: capacity.max(1),
            inner: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing here can be left half-done by a panic: use it anyway.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The entry at each place, where it is kept.
    pub fn get_many(&self, places: &[Cursor]) -> Vec<Option<Arc<AuditEntry>>> {
        let inner = self.lock();
        places
            .iter()
            .map(|p| inner.entries.get(p).cloned())
            .collect()
    }

    /// Keeps `entry`, forgetting the longest-kept ones beyond the capacity.
    pub fn insert(&self, place: Cursor, entry: AuditEntry) -> Arc<AuditEntry> {
        let entry = Arc::new(entry);
        let mut inner = self.lock();
        if inner.entries.insert(place, entry.clone()).is_none() {
            inner.order.push_back(place);
        }
        while inner.order.len() > self.capacity {
            if let Some(oldest) = inner.order.pop_front() {
                inner.entries.remove(&oldest);
            }
        }
        entry
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(n: i64) -> Cursor {
        Cursor { rank: n, nonce: n }
    }

    fn entry(detail: &str) -> AuditEntry {
        AuditEntry {
            at: 1,
            chain: vec!["admin".into()],
            action: "login".into(),
            target: "admin".into(),
            target_owner: None,
            detail: detail.into(),
            target_id: None,
            owner_id: None,
        }
    }

    #[test]
    fn keeps_what_it_was_given_and_nothing_else() {
        let cache = EntryCache::with_capacity(10);
        cache.insert(place(1), entry("one"));
        let found = cache.get_many(&[place(1), place(2)]);
        assert_eq!(found[0].as_ref().map(|e| e.detail.as_str()), Some("one"));
        assert!(found[1].is_none());
    }

    #[test]
    fn forgets_the_longest_kept_beyond_its_capacity() {
        let cache = EntryCache::with_capacity(3);
        for n in 1..=5 {
            cache.insert(place(n), entry(&n.to_string()));
        }
        assert_eq!(cache.len(), 3);
        let found = cache.get_many(&[place(1), place(2), place(3), place(4), place(5)]);
        let kept: Vec<bool> = found.iter().map(Option::is_some).collect();
        assert_eq!(kept, [false, false, true, true, true]);
    }

    #[test]
    fn storing_a_place_twice_takes_one_slot() {
        let cache = EntryCache::with_capacity(2);
        cache.insert(place(1), entry("a"));
        cache.insert(place(1), entry("a"));
        cache.insert(place(2), entry("b"));
        let found = cache.get_many(&[place(1), place(2)]);
        assert!(found.iter().all(Option::is_some));
    }
}
