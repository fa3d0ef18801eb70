//! A reseller's limits are a pool that its users' allocations draw from.

use serde::{Deserialize, Serialize};

use super::features::feature_list;
use super::limits::{format_mib, format_mib_exactly, is_rounded};
use super::{Features, FieldError, Limit, Limits};

/// What an owner has handed out to its users, kept as counters on the owner.
/// Unlimited allocations are counted apart: they cannot be summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub users: u64,
    pub disk_mib: u64,
    pub disk_unlimited: u64,
    pub traffic_mib: u64,
    pub traffic_unlimited: u64,
}

/// One user's share of the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub disk_mib: Limit,
    pub traffic_mib: Limit,
}

/// The largest total an allocation counter can hold: the counters are stored
/// as signed 64-bit integers. Only unlimited owners (or overselling ones) can
/// come near it — 8 192 users of 2^50 MiB each reach it.
pub const ALLOCATION_MAX: u64 = i64::MAX as u64;

/// Adds to a counter, stopping at `ALLOCATION_MAX` instead of wrapping.
fn add_capped(counter: u64, amount: u64) -> u64 {
    counter.saturating_add(amount).min(ALLOCATION_MAX)
}

impl Allocation {
    /// The allocation with one more user holding `share`. A counter stops at
    /// `ALLOCATION_MAX` rather than wrap; `check_share` refuses any share that
    /// would take it there, so a stored counter is always the true sum.
    pub fn with(mut self, share: Share) -> Self {
        self.users = add_capped(self.users, 1);
        match share.disk_mib {
            Limit::Unlimited => self.disk_unlimited = add_capped(self.disk_unlimited, 1),
            Limit::Finite(n) => self.disk_mib = add_capped(self.disk_mib, n),
        }
        match share.traffic_mib {
            Limit::Unlimited => self.traffic_unlimited = add_capped(self.traffic_unlimited, 1),
            Limit::Finite(n) => self.traffic_mib = add_capped(self.traffic_mib, n),
        }
        self
    }

    pub fn without(mut self, share: Share) -> Self {
        self.users = self.users.saturating_sub(1);
        match share.disk_mib {
            Limit::Unlimited => self.disk_unlimited = self.disk_unlimited.saturating_sub(1),
            Limit::Finite(n) => self.disk_mib = self.disk_mib.saturating_sub(n),
        }
        match share.traffic_mib {
            Limit::Unlimited => self.traffic_unlimited = self.traffic_unlimited.saturating_sub(1),
            Limit::Finite(n) => self.traffic_mib = self.traffic_mib.saturating_sub(n),
        }
        self
    }

    /// Whether the allocation exceeds the limits (possible only with overselling).
    pub fn exceeds(&self, limits: &Limits) -> bool {
        !limits.users.admits(self.users)
            || !fits(limits.disk_mib, self.disk_mib, self.disk_unlimited)
            || !fits(limits.traffic_mib, self.traffic_mib, self.traffic_unlimited)
    }
}

fn fits(limit: Limit, allocated: u64, unlimited: u64) -> bool {
    match limit {
        Limit::Unlimited => true,
        Limit::Finite(n) => unlimited == 0 && allocated <= n,
    }
}

/// Refusals for new reseller limits that would fall below what it has already
/// handed out. With overselling allowed the pool may be exceeded on purpose,
/// so only the user count still binds.
pub fn check_new_pool_limits(
    limits: &Limits,
    allocation: &Allocation,
    oversell: bool,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Limit::Finite(max) = limits.users
        && allocation.users > max
        && !oversell
    {
        errors.push(FieldError::new(
            "users",
            format!(
                "It already owns {} users: the limit cannot be lower than that.",
                allocation.users
            ),
        ));
    }
    for (field, name, limit, allocated, unlimited) in [
        (
            "disk_mib",
            "disk",
            limits.disk_mib,
            allocation.disk_mib,
            allocation.disk_unlimited,
        ),
        (
            "traffic_mib",
            "traffic",
            limits.traffic_mib,
            allocation.traffic_mib,
            allocation.traffic_unlimited,
        ),
    ] {
        let Limit::Finite(max) = limit else { continue };
        if unlimited > 0 {
            errors.push(FieldError::new(
                field,
                format!(
                    "{unlimited} of its users have unlimited {name}: make their {name} finite first."
                ),
            ));
        } else if allocated > max && !oversell {
            errors.push(FieldError::new(
                field,
                format!(
                    "{} is allocated to its users: the limit cannot be lower than that.",
                    format_mib_exactly(allocated)
                ),
            ));
        }
    }
    errors
}

/// "400 of 500 MiB": the unit said once when both amounts share it exactly.
fn allocated_of(allocated: u64, max: u64) -> String {
    let (part, whole) = (format_mib(allocated), format_mib(max));
    let same_unit =
        part.rsplit_once(' ').map(|(_, unit)| unit) == whole.rsplit_once(' ').map(|(_, unit)| unit);
    match part.rsplit_once(' ') {
        Some((figure, _)) if same_unit && !is_rounded(allocated) => figure.to_owned(),
        _ => format_mib_exactly(allocated),
    }
}

/// Checks that a user's share fits its owner's pool. `previous` is the user's
/// current share when it is edited, so that its own allocation is not counted twice.
pub fn check_share(
    pool: &Limits,
    oversell: bool,
    allocation: &Allocation,
    previous: Option<Share>,
    share: Share,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let base = match previous {
        Some(old) => allocation.without(old),
        None => *allocation,
    };
    if previous.is_none()
        && let Limit::Finite(max) = pool.users
        && base.users.saturating_add(1) > max
        && !oversell
    {
        errors.push(FieldError::new(
            "login",
            format!("User limit reached: {} of {max} users exist.", base.users),
        ));
    }
    for (field, name, limit, allocated, wanted) in [
        (
            "disk_mib",
            "Disk",
            pool.disk_mib,
            base.disk_mib,
            share.disk_mib,
        ),
        (
            "traffic_mib",
            "Traffic",
            pool.traffic_mib,
            base.traffic_mib,
            share.traffic_mib,
        ),
    ] {
        // Checked before the pool: even an unlimited owner's total must stay
        // countable, or its stored counter would wrap.
        if let Limit::Finite(n) = wanted
            && allocated
                .checked_add(n)
                .is_none_or(|total| total > ALLOCATION_MAX)
        {
            errors.push(FieldError::new(
                field,
                format!(
                    "{name} total too large: its owner's users already hold {}, and {} \
                     more would pass the largest total that can be counted \
                     ({ALLOCATION_MAX} MiB).",
                    format_mib(allocated),
                    format_mib(n)
                ),
            ));
            continue;
        }
        let Limit::Finite(max) = limit else { continue };
        match wanted {
            Limit::Unlimited => errors.push(FieldError::new(
                field,
                format!(
                    "Unlimited {} is possible only where the owner is unlimited (its pool is {}).",
                    name.to_lowercase(),
                    format_mib(max)
                ),
            )),
            Limit::Finite(n) if n > max => errors.push(FieldError::new(
                field,
                format!("At most {} — the whole pool.", format_mib_exactly(max)),
            )),
            Limit::Finite(n) if !oversell && allocated.saturating_add(n) > max => {
                errors.push(FieldError::new(
                    field,
                    format!(
                        "{name} pool exhausted: {} of {} allocated, {} left.",
                        allocated_of(allocated, max),
                        format_mib_exactly(max),
                        format_mib_exactly(max.saturating_sub(allocated))
                    ),
                ))
            }
            Limit::Finite(_) => {}
        }
    }
    errors
}

/// Refuses properties the owner does not have itself: a property can only be
/// granted by an account that has it.
pub fn check_features(wanted: &Features, owner: &Features, owner_login: &str) -> Vec<FieldError> {
    let beyond = wanted.beyond(owner);
    if beyond.is_empty() {
        return Vec::new();
    }
    vec![FieldError::new(
        "features",
        format!(
            "{owner_login} does not have {}: only its own properties can be granted.",
            feature_list(&beyond)
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(users: u64, disk: u64, traffic: u64) -> Limits {
        Limits {
            users: Limit::Finite(users),
            disk_mib: Limit::Finite(disk),
            traffic_mib: Limit::Finite(traffic),
        }
    }

    fn share(disk: u64, traffic: u64) -> Share {
        Share {
            disk_mib: Limit::Finite(disk),
            traffic_mib: Limit::Finite(traffic),
        }
    }

    #[test]
    fn allocations_add_and_remove() {
        let a = Allocation::default()
            .with(share(100, 10))
            .with(share(50, 5));
        assert_eq!((a.users, a.disk_mib, a.traffic_mib), (2, 150, 15));
        let b = a.without(share(100, 10));
        assert_eq!((b.users, b.disk_mib, b.traffic_mib), (1, 50, 5));
    }

    #[test]
    fn a_share_that_overflows_the_pool_is_refused_with_the_figures() {
        let allocation = Allocation::default().with(share(400, 0));
        let errors = check_share(
            &pool(10, 500, 1000),
            false,
            &allocation,
            None,
            share(200, 0),
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "Disk pool exhausted: 400 of 500 MiB allocated, 100 MiB left."
        );
    }

    #[test]
    fn large_pools_are_quoted_readably_with_the_exact_mib_where_rounded() {
        let allocation = Allocation::default().with(share(475_700, 0));
        let errors = check_share(
            &pool(10, 1024 * 1024, 1000),
            false,
            &allocation,
            None,
            share(600_000, 0),
        );
        assert_eq!(
            errors[0].message,
            "Disk pool exhausted: 464.6 GiB (475\u{202f}700 MiB) of 1 TiB allocated, \
             559.4 GiB (572\u{202f}876 MiB) left."
        );
        let whole = Allocation::default().with(share(2048, 0));
        let errors = check_share(&pool(10, 3072, 1000), false, &whole, None, share(2048, 0));
        assert_eq!(
            errors[0].message,
            "Disk pool exhausted: 2 of 3 GiB allocated, 1 GiB left."
        );
    }

    #[test]
    fn editing_does_not_count_the_users_own_share_twice() {
        let allocation = Allocation::default().with(share(400, 0));
        let errors = check_share(
            &pool(10, 500, 1000),
            false,
            &allocation,
            Some(share(400, 0)),
            share(500, 0),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn overselling_lifts_the_sum_but_not_the_per_user_cap() {
        let allocation = Allocation::default().with(share(400, 0));
        assert!(
            check_share(&pool(1, 500, 1000), true, &allocation, None, share(500, 0)).is_empty()
        );
        assert!(
            !check_share(&pool(1, 500, 1000), true, &allocation, None, share(501, 0)).is_empty()
        );
    }

    #[test]
    fn unlimited_only_where_the_owner_is_unlimited() {
        let unlimited = Share {
            disk_mib: Limit::Unlimited,
            traffic_mib: Limit::Finite(0),
        };
        assert!(
            !check_share(
                &pool(10, 500, 0),
                false,
                &Allocation::default(),
                None,
                unlimited
            )
            .is_empty()
        );
        let open = Limits {
            users: Limit::Unlimited,
            disk_mib: Limit::Unlimited,
            traffic_mib: Limit::Finite(0),
        };
        assert!(check_share(&open, false, &Allocation::default(), None, unlimited).is_empty());
    }

    #[test]
    fn the_user_limit_binds_creation() {
        let allocation = Allocation::default().with(share(0, 0));
        let errors = check_share(&pool(1, 500, 500), false, &allocation, None, share(0, 0));
        assert_eq!(errors[0].field, "login");
    }

    #[test]
    fn lowering_a_pool_below_its_allocation_is_refused() {
        let allocation = Allocation::default()
            .with(share(400, 100))
            .with(share(100, 0));
        let errors = check_new_pool_limits(&pool(1, 300, 1000), &allocation, false);
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["users", "disk_mib"]);
        assert!(errors[1].message.contains("500 MiB is allocated"));
        assert!(check_new_pool_limits(&pool(2, 500, 100), &allocation, false).is_empty());
    }

    #[test]
    fn a_finite_pool_cannot_cover_unlimited_users() {
        let allocation = Allocation::default().with(Share {
            disk_mib: Limit::Unlimited,
            traffic_mib: Limit::Finite(0),
        });
        let errors = check_new_pool_limits(&pool(5, 1000, 1000), &allocation, true);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "disk_mib");
    }

    #[test]
    fn an_unlimited_owners_total_that_cannot_be_counted_is_refused() {
        let unlimited = Limits {
            users: Limit::Unlimited,
            disk_mib: Limit::Unlimited,
            traffic_mib: Limit::Unlimited,
        };
        let nearly_full = Allocation {
            users: 8_191,
            disk_mib: ALLOCATION_MAX - 10,
            ..Default::default()
        };
        let errors = check_share(&unlimited, false, &nearly_full, None, share(11, 0));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field, "disk_mib");
        assert!(
            errors[0].message.starts_with("Disk total too large"),
            "{errors:?}"
        );
        // Exactly up to the largest countable total is still fine.
        assert!(check_share(&unlimited, false, &nearly_full, None, share(10, 0)).is_empty());
        // On edit the user's own share is taken out first: 20 → 25 still fits.
        assert!(
            check_share(
                &unlimited,
                false,
                &nearly_full,
                Some(share(20, 0)),
                share(25, 0)
            )
            .is_empty()
        );
    }

    #[test]
    fn an_overselling_pool_cannot_overflow_its_counter_either() {
        let allocation = Allocation {
            users: 1,
            traffic_mib: ALLOCATION_MAX,
            ..Default::default()
        };
        let errors = check_share(&pool(10, 500, 500), true, &allocation, None, share(0, 1));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field, "traffic_mib");
    }

    #[test]
    fn counters_stop_at_the_largest_countable_total_instead_of_wrapping() {
        let full = Allocation {
            users: ALLOCATION_MAX,
            disk_mib: ALLOCATION_MAX - 1,
            disk_unlimited: ALLOCATION_MAX,
            traffic_mib: u64::MAX,
            traffic_unlimited: 0,
        };
        let more = full.with(Share {
            disk_mib: Limit::Finite(5),
            traffic_mib: Limit::Finite(5),
        });
        assert_eq!(more.users, ALLOCATION_MAX);
        assert_eq!(more.disk_mib, ALLOCATION_MAX);
        assert_eq!(more.traffic_mib, ALLOCATION_MAX);
        let unlimited = full.with(Share {
            disk_mib: Limit::Unlimited,
            traffic_mib: Limit::Unlimited,
        });
        assert_eq!(unlimited.disk_unlimited, ALLOCATION_MAX);
        assert_eq!(unlimited.traffic_unlimited, 1);
    }

    #[test]
    fn only_the_owners_properties_can_be_granted() {
        let owner = Features {
            php: true,
            https: true,
            ..Default::default()
        };
        let wanted = Features {
            php: true,
            shell: true,
            ..Default::default()
        };
        let errors = check_features(&wanted, &owner, "acme");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "features");
        assert!(
            errors[0]
                .message
                .contains("acme does not have Shell access")
        );
        assert!(check_features(&owner, &owner, "acme").is_empty());
    }
}
