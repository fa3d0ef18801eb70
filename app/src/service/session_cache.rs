//! Resolved sessions, kept in memory so that a request does not read its
//! session and every account of its chain from the database.
//!
//! An entry is only as good as what it was read from, so every change to an
//! account and every ended session — on any instance — clears the cache
//! when this instance applies it from the change stream
//! (`service::stream`). A resolution that read the database before such a
//! clear must not be stored after it: each one carries the generation it
//! started in, and is stored only if no clear happened since. While the
//! instance cannot tell that it follows the stream, entries are not used.

use std::collections::HashMap;
use std::sync::Mutex;

use super::Actor;

/// Above this many live sessions the cache starts over rather than grow.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone)]
pub struct CachedSession {
    pub actor: Actor,
    pub created_at: i64,
    pub last_seen: i64,
}

#[derive(Debug, Default)]
struct Entries {
    generation: u64,
    by_token_hash: HashMap<String, CachedSession>,
}

#[derive(Debug, Default)]
pub struct SessionCache {
    entries: Mutex<Entries>,
    /// One resolution at a time per token: a page's many requests with a
    /// session not remembered yet wait for the first one's reads.
    resolving: super::one_at_a_time::OneAtATime<String>,
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic elsewhere cannot leave a map half-written in a way that
        // matters: start over.
        self.entries.lock().unwrap_or_else(|poisoned| {
            let mut entries = poisoned.into_inner();
            entries.generation += 1;
            entries.by_token_hash.clear();
            entries
        })
    }

    /// The remembered session, if any, and the generation to pass to
    /// [`SessionCache::put`] for what is worked out from here on — read
    /// together, so that a clear cannot fall between them.
    pub fn get(&self, token_hash: &str) -> (Option<CachedSession>, u64) {
        let entries = self.lock();
        (
            entries.by_token_hash.get(token_hash).cloned(),
            entries.generation,
        )
    }

    /// Stores a resolution, unless the cache was cleared since it started.
    pub fn put(&self, token_hash: &str, generation: u64, session: CachedSession) {
        let mut entries = self.lock();
        if entries.generation != generation {
            return;
        }
        if entries.by_token_hash.len() >= MAX_ENTRIES {
            entries.by_token_hash.clear();
        }
        entries.by_token_hash.insert(token_hash.to_owned(), session);
    }

    /// The turn to resolve `token_hash` from the database, or a wait for
    /// the request already resolving it.
    pub async fn resolving(&self, token_hash: &str) -> super::one_at_a_time::Turn<'_, String> {
        self.resolving.turn(&token_hash.to_owned()).await
    }

    pub fn forget(&self, token_hash: &str) {
        self.lock().by_token_hash.remove(token_hash);
    }

    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_token_hash.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(last_seen: i64) -> CachedSession {
        CachedSession {
            actor: Actor::new("s".into(), Vec::new()),
            created_at: 0,
            last_seen,
        }
    }

    #[test]
    fn a_resolution_that_started_before_a_clear_is_not_stored() {
        let cache = SessionCache::default();
        let (_, before) = cache.get("hash");
        cache.clear();
        cache.put("hash", before, session(1));
        assert!(cache.get("hash").0.is_none());
        let (_, now) = cache.get("hash");
        cache.put("hash", now, session(2));
        assert_eq!(cache.get("hash").0.map(|s| s.last_seen), Some(2));
        cache.forget("hash");
        assert!(cache.get("hash").0.is_none());
    }

    #[test]
    fn a_refresh_of_a_remembered_session_read_before_a_clear_is_not_stored() {
        let cache = SessionCache::default();
        let (_, generation) = cache.get("hash");
        cache.put("hash", generation, session(1));
        // A request reads the entry; a disable clears the cache; the request
        // then stores its refreshed copy, which must not bring it back.
        let (entry, generation) = cache.get("hash");
        assert!(entry.is_some());
        cache.clear();
        cache.put("hash", generation, session(2));
        assert!(cache.get("hash").0.is_none());
    }
}
