//! Failed-login throttling, per login (or per remembered browser) and per
//! client address.
//!
//! An attempt is *reserved* before its password is checked, in one atomic
//! write: a burst of concurrent guesses cannot all pass the check before the
//! first failure is counted, so at most [`MAX_FAILURES`] guesses per window are
//! ever evaluated. A successful attempt gives its reservation back.
//!
//! A lock is a back-off: one minute after the first series of failures,
//! doubling with each further series up to [`LOCK_MAX_SECS`], forgotten after
//! a quiet day. The account owner's own browser is not held by it (see
//! `service::auth`): it logs in under its own key.

use serde::{Deserialize, Serialize};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW_SECS: i64 = 5 * 60;
pub const LOCK_BASE_SECS: i64 = 60;
pub const LOCK_MAX_SECS: i64 = 15 * 60;
/// After this long without a lock, earlier lockouts no longer lengthen the next.
pub const LOCKOUTS_FORGOTTEN_AFTER_SECS: i64 = 24 * 60 * 60;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throttle {
    /// Attempts reserved in the current window: failures, and attempts whose
    /// password is still being checked.
    pub attempts: u32,
    pub window_start: i64,
    pub locked_until: i64,
    /// Locks so far, for the back-off.
    pub lockouts: u32,
    /// Attempts refused without being evaluated, ever (for the record).
    pub refused: u64,
}

/// What a reservation decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// The attempt may be evaluated.
    Granted,
    /// Refused without looking at the password, for this many seconds.
    Refused { retry_after_secs: i64 },
}

impl Throttle {
    /// Seconds until another attempt is allowed, if it is locked now.
    pub fn locked_for(&self, now: i64) -> Option<i64> {
        (self.locked_until > now).then(|| self.locked_until - now)
    }

    /// Counts an attempt before its password is checked.
    pub fn reserve(self, now: i64) -> (Self, Reservation) {
        let mut next = self.fresh(now);
        if let Some(seconds) = next.locked_for(now) {
            next.refused += 1;
            return (
                next,
                Reservation::Refused {
                    retry_after_secs: seconds,
                },
            );
        }
        if next.attempts >= MAX_FAILURES {
            // Enough guesses are already failed or in flight for this window.
            next.refused += 1;
            let retry_after_secs = (next.window_start + WINDOW_SECS - now).max(1);
            return (next, Reservation::Refused { retry_after_secs });
        }
        next.attempts += 1;
        (next, Reservation::Granted)
    }

    /// A reserved attempt failed: it stays counted, and the series that
    /// reaches [`MAX_FAILURES`] starts a lock.
    pub fn failed(self, now: i64) -> Self {
        let mut next = self;
        if next.attempts >= MAX_FAILURES && next.locked_for(now).is_none() {
            next.locked_until = now + lock_secs(next.lockouts);
            next.lockouts = next.lockouts.saturating_add(1);
            next.attempts = 0;
            next.window_start = now;
        }
        next
    }

    /// A reserved attempt succeeded or was never evaluated: its reservation
    /// is given back.
    pub fn released(self) -> Self {
        Throttle {
            attempts: self.attempts.saturating_sub(1),
            ..self
        }
    }

    /// A new window when the last one has passed; old lockouts forgotten
    /// after a quiet day.
    fn fresh(self, now: i64) -> Self {
        let mut next = self;
        if now - next.window_start > WINDOW_SECS {
            next.attempts = 0;
            next.window_start = now;
        }
        if next.lockouts > 0 && now - next.locked_until > LOCKOUTS_FORGOTTEN_AFTER_SECS {
            next.lockouts = 0;
        }
        next
    }
}

/// Reserves one attempt under every key that holds it (the login and the
/// address): granted only if each key grants it. A refusal reserves nothing,
/// but every key records it.
pub fn reserve_all(throttles: &[Throttle], now: i64) -> (Vec<Throttle>, Reservation) {
    let reserved: Vec<(Throttle, Reservation)> = throttles.iter().map(|t| t.reserve(now)).collect();
    let longest_refusal = reserved
        .iter()
        .filter_map(|(_, outcome)| match outcome {
            Reservation::Refused { retry_after_secs } => Some(*retry_after_secs),
            Reservation::Granted => None,
        })
        .max();
    match longest_refusal {
        None => (
            reserved.into_iter().map(|(t, _)| t).collect(),
            Reservation::Granted,
        ),
        Some(retry_after_secs) => (
            throttles
                .iter()
                .map(|t| {
                    let mut refused = t.fresh(now);
                    refused.refused += 1;
                    refused
                })
                .collect(),
            Reservation::Refused { retry_after_secs },
        ),
    }
}

/// One minute, doubling with every earlier lockout, at most a quarter hour.
pub fn lock_secs(earlier_lockouts: u32) -> i64 {
    let factor = 1i64 << earlier_lockouts.min(10);
    (LOCK_BASE_SECS * factor).min(LOCK_MAX_SECS)
}

/// The message shown for a locked login, in whole minutes rounded up.
pub fn locked_message(seconds: i64) -> String {
    let minutes = (seconds + 59) / 60;
    format!(
        "Too many failed attempts. Try again in {minutes} minute{}.",
        if minutes == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(t: Throttle, now: i64) -> (Throttle, Reservation) {
        let (reserved, outcome) = t.reserve(now);
        match outcome {
            Reservation::Granted => (reserved.failed(now), outcome),
            Reservation::Refused { .. } => (reserved, outcome),
        }
    }

    #[test]
    fn five_failures_in_the_window_lock_for_a_minute_first() {
        let mut t = Throttle::default();
        for i in 0..5 {
            let (next, outcome) = fail(t, 1000 + i);
            assert_eq!(outcome, Reservation::Granted, "attempt {i}");
            t = next;
        }
        assert_eq!(t.locked_for(1004), Some(60));
        let (_, outcome) = t.reserve(1010);
        assert_eq!(
            outcome,
            Reservation::Refused {
                retry_after_secs: 54
            }
        );
        assert_eq!(t.locked_for(1004 + 60), None);
    }

    #[test]
    fn concurrent_reservations_stop_at_the_limit_before_any_failure_is_known() {
        let mut t = Throttle::default();
        let mut granted = 0;
        for _ in 0..200 {
            let (next, outcome) = t.reserve(50);
            t = next;
            if outcome == Reservation::Granted {
                granted += 1;
            }
        }
        assert_eq!(granted, MAX_FAILURES);
        assert_eq!(t.refused, 195);
        // When the five evaluated guesses fail, the lock starts.
        for _ in 0..5 {
            t = t.failed(51);
        }
        assert_eq!(t.locked_for(51), Some(LOCK_BASE_SECS));
    }

    #[test]
    fn each_further_lock_lasts_twice_as_long_up_to_a_quarter_hour() {
        assert_eq!(
            (0..6).map(lock_secs).collect::<Vec<_>>(),
            vec![60, 120, 240, 480, 900, 900]
        );
        let mut t = Throttle::default();
        let mut now = 0;
        for expected in [60, 120, 240] {
            for _ in 0..5 {
                t = fail(t, now).0;
            }
            assert_eq!(t.locked_for(now), Some(expected));
            now += expected;
        }
    }

    #[test]
    fn a_quiet_day_forgets_earlier_lockouts() {
        let mut t = Throttle {
            lockouts: 4,
            locked_until: 100,
            ..Throttle::default()
        };
        let later = 100 + LOCKOUTS_FORGOTTEN_AFTER_SECS + 1;
        for _ in 0..5 {
            t = fail(t, later).0;
        }
        assert_eq!(t.locked_for(later), Some(LOCK_BASE_SECS));
    }

    #[test]
    fn a_success_gives_its_reservation_back() {
        let mut t = Throttle::default();
        for _ in 0..20 {
            let (reserved, outcome) = t.reserve(7);
            assert_eq!(outcome, Reservation::Granted);
            t = reserved.released();
        }
        assert_eq!(t.attempts, 0);
        assert_eq!(t.locked_for(7), None);
    }

    #[test]
    fn failures_spread_over_time_do_not_lock() {
        let mut t = Throttle::default();
        for i in 0..10 {
            let now = i * (WINDOW_SECS / 2 + 1);
            let (next, outcome) = fail(t, now);
            assert_eq!(outcome, Reservation::Granted, "attempt {i}");
            t = next;
            assert_eq!(t.locked_for(now), None, "attempt {i}");
        }
    }

    #[test]
    fn a_refusal_by_one_key_reserves_nothing_under_the_other() {
        let locked_address = Throttle {
            locked_until: 500,
            ..Throttle::default()
        };
        let login = Throttle::default();
        let (next, outcome) = reserve_all(&[login, locked_address], 100);
        assert_eq!(
            outcome,
            Reservation::Refused {
                retry_after_secs: 400
            }
        );
        assert_eq!(next[0].attempts, 0, "the login keeps its allowance");
        assert_eq!((next[0].refused, next[1].refused), (1, 1));
        let (next, outcome) = reserve_all(&[login, login], 100);
        assert_eq!(outcome, Reservation::Granted);
        assert_eq!((next[0].attempts, next[1].attempts), (1, 1));
    }

    #[test]
    fn message_says_how_long() {
        assert_eq!(
            locked_message(61),
            "Too many failed attempts. Try again in 2 minutes."
        );
        assert_eq!(
            locked_message(60),
            "Too many failed attempts. Try again in 1 minute."
        );
    }
}
