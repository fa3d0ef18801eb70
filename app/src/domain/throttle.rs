//! Failed-login throttling, per login and per client address.

use serde::{Deserialize, Serialize};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW_SECS: i64 = 5 * 60;
pub const LOCK_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throttle {
    pub failures: u32,
    pub window_start: i64,
    pub locked_until: i64,
}

impl Throttle {
    /// Seconds until another attempt is allowed, if it is locked now.
    pub fn locked_for(&self, now: i64) -> Option<i64> {
        (self.locked_until > now).then(|| self.locked_until - now)
    }

    pub fn after_failure(self, now: i64) -> Self {
        let mut next = if now - self.window_start > WINDOW_SECS {
            Throttle {
                failures: 0,
                window_start: now,
                locked_until: self.locked_until,
            }
        } else {
            self
        };
        next.failures += 1;
        if next.failures >= MAX_FAILURES {
            next.locked_until = now + LOCK_SECS;
            next.failures = 0;
            next.window_start = now;
        }
        next
    }
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

    #[test]
    fn five_failures_in_the_window_lock_for_a_while() {
        let mut t = Throttle::default();
        for i in 0..4 {
            t = t.after_failure(1000 + i);
            assert_eq!(t.locked_for(1000 + i), None);
        }
        t = t.after_failure(1004);
        assert_eq!(t.locked_for(1004), Some(LOCK_SECS));
        assert_eq!(t.locked_for(1004 + LOCK_SECS), None);
    }

    #[test]
    fn failures_spread_over_time_do_not_lock() {
        let mut t = Throttle::default();
        for i in 0..10 {
            t = t.after_failure(i * (WINDOW_SECS / 2 + 1));
            assert_eq!(t.locked_for(i * (WINDOW_SECS / 2 + 1)), None, "attempt {i}");
        }
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
