//! One piece of work at a time per key: requests that miss the same
//! remembered value together (a page, a session) wait for the first one's
//! database read instead of all repeating it.
//!
//! Waiting is not queueing: when the work is done, every request that waited
//! for it is released at once and looks again at what is remembered. A lock
//! handed from waiter to waiter would release them one by one, each behind a
//! full turn of the runtime's queue — under 50 clients that convoy alone took
//! half a second for the last in line.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

use tokio::sync::watch;

#[derive(Debug)]
pub struct OneAtATime<K> {
    /// Work under way, by key: a receiver that learns when it ends.
    working: Mutex<HashMap<K, watch::Receiver<()>>>,
}

impl<K> Default for OneAtATime<K> {
    fn default() -> Self {
        OneAtATime {
            working: Mutex::new(HashMap::new()),
        }
    }
}

/// What [`OneAtATime::turn`] gives.
#[must_use]
pub enum Turn<'a, K: Eq + Hash> {
    /// Nobody else is at this key: do the work while holding this.
    Mine(Working<'a, K>),
    /// Another request did the work (or gave up on it): look again.
    Waited,
}

/// The work under way at a key; dropping it (done, failed or cancelled)
/// releases everyone waiting for it.
pub struct Working<'a, K: Eq + Hash> {
    owner: &'a OneAtATime<K>,
    key: K,
    /// Dropped after `drop` took the key out of the map: a waiter either
    /// found no work under way or hears that it ended.
    _ended: watch::Sender<()>,
}

impl<K: Eq + Hash> Drop for Working<'_, K> {
    fn drop(&mut self) {
        self.owner.lock().remove(&self.key);
    }
}

impl<K: Eq + Hash> OneAtATime<K> {
    fn lock(&self) -> MutexGuard<'_, HashMap<K, watch::Receiver<()>>> {
        // A map left by a panic is whole either way.
        self.working.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<K: Eq + Hash + Clone> OneAtATime<K> {
    /// The turn to work out `key`, or, if another request is at it, a wait
    /// until it ends.
    pub async fn turn(&self, key: &K) -> Turn<'_, K> {
        let mut ended = {
            let mut working = self.lock();
            match working.get(key) {
                Some(ended) => ended.clone(),
                None => {
                    let (sender, receiver) = watch::channel(());
                    working.insert(key.clone(), receiver);
                    return Turn::Mine(Working {
                        owner: self,
                        key: key.clone(),
                        _ended: sender,
                    });
                }
            }
        };
        // Nothing is ever sent: the channel only closes, when the work ends.
        while ended.changed().await.is_ok() {}
        Turn::Waited
    }

    #[cfg(test)]
    fn under_way(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    #[tokio::test]
    async fn the_first_gets_the_turn_and_a_second_waits_for_it() {
        let one = OneAtATime::<u8>::default();
        let first = one.turn(&1).await;
        assert!(matches!(first, Turn::Mine(_)));
        let mut second = Box::pin(one.turn(&1));
        assert!(second.as_mut().now_or_never().is_none(), "must wait");
        drop(first);
        assert!(matches!(second.await, Turn::Waited));
        assert_eq!(one.under_way(), 0);
    }

    #[tokio::test]
    async fn keys_do_not_wait_for_each_other() {
        let one = OneAtATime::<u8>::default();
        let _first = one.turn(&1).await;
        let other = one.turn(&2).now_or_never();
        assert!(matches!(other, Some(Turn::Mine(_))));
    }

    #[tokio::test]
    async fn every_waiter_is_released_at_once_without_taking_a_turn() {
        let one = OneAtATime::<u8>::default();
        let first = one.turn(&1).await;
        let mut waiters: Vec<_> = (0..10).map(|_| Box::pin(one.turn(&1))).collect();
        for waiter in &mut waiters {
            assert!(waiter.as_mut().now_or_never().is_none());
        }
        drop(first);
        // Each is ready now, while the others are still held unawaited: none
        // of them waits for another to finish.
        for waiter in &mut waiters {
            let released = waiter.as_mut().now_or_never();
            assert!(matches!(released, Some(Turn::Waited)));
        }
    }

    #[tokio::test]
    async fn after_the_work_ends_the_next_request_gets_a_turn() {
        let one = OneAtATime::<u8>::default();
        drop(one.turn(&1).await);
        assert!(matches!(one.turn(&1).now_or_never(), Some(Turn::Mine(_))));
    }
}
