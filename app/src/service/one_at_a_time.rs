//! One piece of work at a time per key: requests that miss the same
//! remembered value together (a page, a session) wait for the first one's
//! database read instead of all repeating it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Keys kept before those nobody holds or waits for are dropped.
const PRUNE_ABOVE: usize = 1024;

#[derive(Debug)]
pub struct OneAtATime<K> {
    locks: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

impl<K> Default for OneAtATime<K> {
    fn default() -> Self {
        OneAtATime {
            locks: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash + Clone> OneAtATime<K> {
    /// The lock to hold while working out `key`.
    pub fn lock_for(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        // A map left by a panic is whole either way.
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        if locks.len() >= PRUNE_ABOVE {
            locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        locks.entry(key.clone()).or_default().clone()
    }
}
