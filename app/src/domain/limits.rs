use std::fmt;

use super::locale::Locale;
use serde::{Deserialize, Serialize};

/// One resource limit: a finite amount, or unlimited (shown as ∞).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Limit {
    Unlimited,
    Finite(u64),
}

/// The largest amount we accept for any limit: 2^50 MiB is a zebibyte, far
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

/// Formats an amount of MiB for people, the same way everywhere: in the
/// largest binary unit it reaches, to one decimal where that matters
/// ("464.5 GiB", "2 GiB", "500 MiB"). Rounded: where the exact figure
/// counts (a tooltip, a refusal), [`exact_mib`] says it.
pub fn format_mib(mib: u64) -> String {
    format_mib_in(Locale::En, mib)
}

/// [`format_mib`] in a language: its decimal mark and unit names
/// ("464,5 ГиБ").
pub fn format_mib_in(locale: Locale, mib: u64) -> String {
    let (tenths, unit) = readable(mib);
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let unit = units(locale)[unit];
    if tenth == 0 {
        format!("{whole} {unit}")
    } else {
        format!("{whole}{}{tenth} {unit}", locale.decimal_mark())
    }
}

const UNITS: [&str; 5] = ["MiB", "GiB", "TiB", "PiB", "EiB"];

fn units(locale: Locale) -> [&'static str; 5] {
    match locale {
        Locale::En => UNITS,
        Locale::Ru => ["МиБ", "ГиБ", "ТиБ", "ПиБ", "ЭиБ"],
    }
}

fn unit_size(unit: usize) -> u128 {
    1u128 << (10 * unit)
}

/// The amount in tenths of the largest unit it reaches, rounded to nearest.
fn readable(mib: u64) -> (u128, usize) {
    let mut unit = 0;
    while unit + 1 < UNITS.len() && u128::from(mib) >= unit_size(unit + 1) {
        unit += 1;
    }
    let tenths = |unit: usize| (u128::from(mib) * 10 + unit_size(unit) / 2) / unit_size(unit);
    let rounded = tenths(unit);
    // 1 048 575 MiB rounds to 1024.0 GiB: say 1 TiB instead.
    if rounded >= 10_240 && unit + 1 < UNITS.len() {
        (tenths(unit + 1), unit + 1)
    } else {
        (rounded, unit)
    }
}

/// The exact amount, digits grouped by three: "475 648 MiB".
pub fn exact_mib(mib: u64) -> String {
    exact_mib_in(Locale::En, mib)
}

/// [`exact_mib`] in a language ("475 648 МиБ").
pub fn exact_mib_in(locale: Locale, mib: u64) -> String {
    let grouped = super::locale::group_digits(&mib.to_string(), '\u{202f}');
    format!("{grouped} {}", units(locale)[0])
}

/// Whether [`format_mib`] rounded the amount, so that the exact one is worth saying.
pub fn is_rounded(mib: u64) -> bool {
    let (tenths, unit) = readable(mib);
    tenths * unit_size(unit) != u128::from(mib) * 10
}

/// For messages a person acts on (they type MiB): the readable amount, and
/// the exact one beside it when the readable one is rounded —
/// "35.5 GiB (36 352 MiB)".
pub fn format_mib_exactly(mib: u64) -> String {
    format_mib_exactly_in(Locale::En, mib)
}

/// [`format_mib_exactly`] in a language.
pub fn format_mib_exactly_in(locale: Locale, mib: u64) -> String {
    if is_rounded(mib) {
        format!(
            "{} ({})",
            format_mib_in(locale, mib),
            exact_mib_in(locale, mib)
        )
    } else {
        format_mib_in(locale, mib)
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
    fn amounts_are_written_in_the_reader_s_language() {
        assert_eq!(format_mib_in(Locale::Ru, 475_648), "464,5 ГиБ");
        assert_eq!(format_mib_in(Locale::Ru, 2048), "2 ГиБ");
        assert_eq!(format_mib_in(Locale::Ru, 500), "500 МиБ");
        assert_eq!(format_mib_in(Locale::En, 475_648), "464.5 GiB");
        assert_eq!(exact_mib_in(Locale::Ru, 475_648), "475\u{202f}648 МиБ");
    }

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
    fn mib_are_shown_in_the_largest_unit_they_reach_to_one_decimal() {
        assert_eq!(format_mib(0), "0 MiB");
        assert_eq!(format_mib(500), "500 MiB");
        assert_eq!(format_mib(1023), "1023 MiB");
        assert_eq!(format_mib(2048), "2 GiB");
        assert_eq!(format_mib(475_648), "464.5 GiB");
        assert_eq!(format_mib(1536), "1.5 GiB");
        // 1025 MiB is 1.0009 GiB: one decimal rounds it to a whole GiB.
        assert_eq!(format_mib(1025), "1 GiB");
        assert_eq!(format_mib(1024 * 1024), "1 TiB");
        assert_eq!(format_mib(1024 * 1024 - 1), "1 TiB");
        assert_eq!(format_mib(1_572_864), "1.5 TiB");
        // 2^50 MiB is 2^70 bytes: 1024 EiB, the largest unit we name.
        assert_eq!(format_mib(LIMIT_MAX), "1024 EiB");
        assert_eq!(format_mib(u64::MAX), "16777216 EiB");
        assert_eq!(format_limit_mib(Limit::Unlimited), "∞");
    }

    #[test]
    fn the_exact_amount_is_added_only_where_the_readable_one_is_rounded() {
        assert_eq!(exact_mib(475_648), "475\u{202f}648 MiB");
        assert_eq!(exact_mib(999), "999 MiB");
        assert_eq!(exact_mib(1_000_000), "1\u{202f}000\u{202f}000 MiB");
        assert_eq!(format_mib_exactly(475_648), "464.5 GiB");
        assert_eq!(
            format_mib_exactly(475_700),
            "464.6 GiB (475\u{202f}700 MiB)"
        );
        assert_eq!(format_mib_exactly(1025), "1 GiB (1\u{202f}025 MiB)");
        assert_eq!(format_mib_exactly(2048), "2 GiB");
        assert_eq!(format_mib_exactly(500), "500 MiB");
        assert!(!is_rounded(3 * 1024 * 1024));
        assert!(is_rounded(3 * 1024 * 1024 + 1));
    }
}
