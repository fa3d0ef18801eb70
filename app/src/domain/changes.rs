//! "What changed" for the audit log: old → new, one clause per changed
//! value, so that a reader sees the change itself rather than the new state.

use super::{Features, Limit, Limits};

/// The settings an audit entry compares: limits, properties, own flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub limits: Limits,
    pub features: Features,
    pub oversell: bool,
    pub enabled: bool,
}

/// The clauses of a change, joined by "; ".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes(Vec<String>);

fn amount(limit: Limit, unit: &str) -> String {
    match limit {
        Limit::Unlimited => "unlimited".into(),
        Limit::Finite(n) if unit.is_empty() => n.to_string(),
        Limit::Finite(n) => format!("{n} {unit}"),
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

pub fn state_word(enabled: bool) -> &'static str {
    if enabled { "enabled" } else { "disabled" }
}

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    /// "disk 1000 → 2000 MiB"; the unit is said once when both sides have it.
    pub fn limit(&mut self, name: &str, old: Limit, new: Limit, unit: &str) -> &mut Self {
        if old != new {
            let clause = match (old, new) {
                (Limit::Finite(a), Limit::Finite(b)) if !unit.is_empty() => {
                    format!("{name} {a} → {b} {unit}")
                }
                _ => format!("{name} {} → {}", amount(old, unit), amount(new, unit)),
            };
            self.0.push(clause);
        }
        self
    }

    /// "php on → off".
    pub fn flag(&mut self, name: &str, old: bool, new: bool) -> &mut Self {
        if old != new {
            self.0
                .push(format!("{name} {} → {}", on_off(old), on_off(new)));
        }
        self
    }

    /// "enabled → disabled".
    pub fn state(&mut self, old: bool, new: bool) -> &mut Self {
        if old != new {
            self.0
                .push(format!("{} → {}", state_word(old), state_word(new)));
        }
        self
    }

    /// A clause said as it is ("password changed").
    pub fn note(&mut self, clause: impl Into<String>) -> &mut Self {
        let clause = clause.into();
        if !clause.is_empty() {
            self.0.push(clause);
        }
        self
    }

    /// Every difference between two settings; `with_pool` adds what only a
    /// reseller has (its user limit and overselling).
    pub fn settings(&mut self, old: &Settings, new: &Settings, with_pool: bool) -> &mut Self {
        if with_pool {
            self.limit("users", old.limits.users, new.limits.users, "");
        }
        self.limit("disk", old.limits.disk_mib, new.limits.disk_mib, "MiB")
            .limit(
                "traffic",
                old.limits.traffic_mib,
                new.limits.traffic_mib,
                "MiB",
            );
        for feature in super::Feature::ALL {
            self.flag(
                feature.key(),
                old.features.has(feature),
                new.features.has(feature),
            );
        }
        if with_pool {
            self.flag("oversell", old.oversell, new.oversell);
        }
        self.state(old.enabled, new.enabled)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The clauses, or `unchanged` when there are none.
    pub fn finish(&self, unchanged: &str) -> String {
        if self.0.is_empty() {
            unchanged.to_owned()
        } else {
            self.0.join("; ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(disk: Limit, php: bool, enabled: bool) -> Settings {
        Settings {
            limits: Limits {
                users: Limit::Finite(10),
                disk_mib: disk,
                traffic_mib: Limit::Finite(5000),
            },
            features: Features {
                php,
                ..Default::default()
            },
            oversell: false,
            enabled,
        }
    }

    #[test]
    fn a_change_says_old_and_new_for_each_changed_value() {
        let old = settings(Limit::Finite(1000), true, true);
        let new = settings(Limit::Finite(2000), false, false);
        let text = Changes::new().settings(&old, &new, false).finish("");
        assert_eq!(
            text,
            "disk 1000 → 2000 MiB; php on → off; enabled → disabled"
        );
    }

    #[test]
    fn unchanged_values_are_not_mentioned() {
        let same = settings(Limit::Finite(1000), true, true);
        let changes = Changes::new().settings(&same, &same, true).clone();
        assert!(changes.is_empty());
        assert_eq!(changes.finish("no change"), "no change");
    }

    #[test]
    fn unlimited_is_named_on_either_side() {
        let text = Changes::new()
            .limit("disk", Limit::Finite(10), Limit::Unlimited, "MiB")
            .limit("traffic", Limit::Unlimited, Limit::Finite(5), "MiB")
            .finish("");
        assert_eq!(text, "disk 10 MiB → unlimited; traffic unlimited → 5 MiB");
    }

    #[test]
    fn pool_values_only_for_resellers() {
        let mut old = settings(Limit::Finite(1), false, true);
        let mut new = old;
        old.oversell = false;
        new.oversell = true;
        new.limits.users = Limit::Finite(20);
        assert_eq!(Changes::new().settings(&old, &new, false).finish("-"), "-");
        assert_eq!(
            Changes::new().settings(&old, &new, true).finish("-"),
            "users 10 → 20; oversell off → on"
        );
    }

    #[test]
    fn notes_follow_in_order_and_empty_ones_are_dropped() {
        let text = Changes::new()
            .state(false, true)
            .note("")
            .note("password changed")
            .finish("");
        assert_eq!(text, "disabled → enabled; password changed");
    }
}
