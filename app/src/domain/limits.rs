use std::fmt;

use serde::{Deserialize, Serialize};

/// One resource limit: a finite amount, or unlimited (shown as ∞).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Limit {
    Unlimited,
    Finite(u64),
}

/// The largest amount we accept for any limit: 2^50 MiB is a exbibyte, far
/// beyond any server, and keeps every sum well inside an i64.
pub const LIMIT_MAX: u64 = 1 << 50;

impl Limit {
    /// Parses a form field: `unlimited` ticked, or a whole number in `value`.
    pub fn parse(unlimited: bool, value: &str, unit: &str) -> Result<Self, String> {
        if unlimited {
            return Ok(Limit::Unlimited);
        }
        let value = value.trim();
        if value.is_empty() {
            return Err("Enter a number, or tick “unlimited”.".into());
        }
        let amount: u64 = value.parse().map_err(|_| {
            format!("Enter a whole number of {unit} (0 or more), or tick “unlimited”.")
        })?;
        if amount > LIMIT_MAX {
            return Err(format!("At most {LIMIT_MAX} {unit}."));
        }
        Ok(Limit::Finite(amount))
    }

    pub fn is_unlimited(self) -> bool {
        matches!(self, Limit::Unlimited)
    }

    pub fn finite(self) -> Option<u64> {
        match self {
            Limit::Finite(n) => Some(n),
            Limit::Unlimited => None,
        }
    }

    /// Whether `amount` fits within this limit.
    pub fn admits(self, amount: u64) -> bool {
        match self {
            Limit::Unlimited => true,
            Limit::Finite(limit) => amount <= limit,
        }
    }

    /// For storage: `None` is unlimited.
    pub fn to_option(self) -> Option<i64> {
        self.finite().map(|n| n.min(LIMIT_MAX) as i64)
    }

    pub fn from_option(value: Option<i64>) -> Self {
        match value {
            Some(n) => Limit::Finite(n.max(0) as u64),
            None => Limit::Unlimited,
        }
    }

    /// The amount as a form shows it: blank when unlimited.
    pub fn input_value(self) -> String {
        self.finite().map(|n| n.to_string()).unwrap_or_default()
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Unlimited => f.write_str("∞"),
            Limit::Finite(n) => write!(f, "{n}"),
        }
    }
}

/// The limits an owner sets for an account. `users` matters only for resellers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub users: Limit,
    pub disk_mib: Limit,
    pub traffic_mib: Limit,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            users: Limit::Finite(0),
            disk_mib: Limit::Finite(0),
            traffic_mib: Limit::Finite(0),
        }
    }
}

/// Formats an amount of MiB for people: whole GiB and TiB read better as such;
/// anything else stays exact in MiB, so that no figure is rounded away.
pub fn format_mib(mib: u64) -> String {
    const GIB: u64 = 1024;
    const TIB: u64 = 1024 * 1024;
    if mib >= TIB && mib.is_multiple_of(TIB) {
        format!("{} TiB", mib / TIB)
    } else if mib >= GIB && mib.is_multiple_of(GIB) {
        format!("{} GiB", mib / GIB)
    } else {
        format!("{mib} MiB")
    }
}

pub fn format_limit_mib(limit: Limit) -> String {
    match limit {
        Limit::Unlimited => "∞".into(),
        Limit::Finite(n) => format_mib(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_finite_and_unlimited() {
        assert_eq!(Limit::parse(false, " 500 ", "MiB"), Ok(Limit::Finite(500)));
        assert_eq!(Limit::parse(true, "", "MiB"), Ok(Limit::Unlimited));
        assert_eq!(Limit::parse(true, "garbage", "MiB"), Ok(Limit::Unlimited));
        assert_eq!(Limit::parse(false, "0", "users"), Ok(Limit::Finite(0)));
    }

    #[test]
    fn refuses_blank_negative_fractional_and_huge_amounts() {
        for bad in [
            "",
            "-1",
            "1.5",
            "ten",
            "99999999999999999999",
            &(LIMIT_MAX + 1).to_string(),
        ] {
            assert!(Limit::parse(false, bad, "MiB").is_err(), "{bad}");
        }
    }

    #[test]
    fn unlimited_shows_as_infinity_and_admits_anything() {
        assert_eq!(Limit::Unlimited.to_string(), "∞");
        assert!(Limit::Unlimited.admits(u64::MAX));
        assert!(Limit::Finite(10).admits(10));
        assert!(!Limit::Finite(10).admits(11));
    }

    #[test]
    fn storage_round_trip() {
        for limit in [Limit::Unlimited, Limit::Finite(0), Limit::Finite(1234)] {
            assert_eq!(Limit::from_option(limit.to_option()), limit);
        }
    }

    #[test]
    fn mib_are_shown_in_readable_units() {
        assert_eq!(format_mib(500), "500 MiB");
        assert_eq!(format_mib(2048), "2 GiB");
        assert_eq!(format_mib(1024 * 1024), "1 TiB");
        assert_eq!(format_limit_mib(Limit::Unlimited), "∞");
    }
}
