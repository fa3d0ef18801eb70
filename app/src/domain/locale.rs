//! The panel's languages and the rules that differ between them: which one a
//! browser asks for, plural forms, and how numbers are written.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Ru,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ru];

    /// The language tag: `<html lang>`, the stored setting.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
        }
    }

    /// The language's own name, as a chooser lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ru => "Русский",
        }
    }

    /// A stored or chosen tag; anything else is no language of ours.
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language an `Accept-Language` header prefers among ours: the
    /// highest weight wins, the earlier on a tie, English when none fits.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let primary = tag.split('-').next().unwrap_or("");
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_weight);
            let (Some(locale), Some(weight)) = (Locale::from_code(primary), weight) else {
                continue;
            };
            if weight > 0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((locale, weight));
            }
        }
        best.map_or(Locale::En, |(locale, _)| locale)
    }

    /// Which plural form `n` takes (CLDR cardinal rules for integers).
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Locale::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Many
                }
            }
            Locale::Ru => match (n % 10, n % 100) {
                (1, m) if m != 11 => Plural::One,
                (2..=4, m) if !(12..=14).contains(&m) => Plural::Few,
                _ => Plural::Many,
            },
        }
    }

    /// A whole number with the language's digit grouping: "12,345" or
    /// "12 345" (a narrow no-break space, so it never wraps).
    pub fn count(self, n: u64) -> String {
        let separator = match self {
            Locale::En => ',',
            Locale::Ru => '\u{202F}',
        };
        group_digits(&n.to_string(), separator)
    }

    /// The decimal mark: "464.5" or "464,5".
    pub fn decimal_mark(self) -> char {
        match self {
            Locale::En => '.',
            Locale::Ru => ',',
        }
    }
}

/// A plural form. English uses One and Many; Russian all three
/// ("1 пользователь", "2 пользователя", "5 пользователей").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
}

/// The words for one noun in each form; English repeats Many as Few.
#[derive(Debug, Clone, Copy)]
pub struct Forms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

impl Forms {
    /// "5 users", "2 пользователя".
    pub fn of(&self, locale: Locale, n: u64) -> String {
        let word = match locale.plural(n) {
            Plural::One => self.one,
            Plural::Few => self.few,
            Plural::Many => self.many,
        };
        format!("{} {word}", locale.count(n))
    }
}

/// `q=0.8` as thousandths; a malformed weight makes the item count for nothing.
fn parse_weight(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// "475648" → "475 648" with `separator` between groups of three.
pub(crate) fn group_digits(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_first_language_of_ours_wins() {
        assert_eq!(
            Locale::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
            Locale::Ru
        );
        assert_eq!(Locale::negotiate("en-GB,en;q=0.9,ru;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("de-DE,de;q=0.9,ru;q=0.5"), Locale::Ru);
        assert_eq!(Locale::negotiate("en;q=0.5, ru;q=0.9"), Locale::Ru);
        assert_eq!(Locale::negotiate("RU"), Locale::Ru);
    }

    #[test]
    fn nothing_of_ours_or_nonsense_means_english() {
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("de,fr;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("ru;q=0"), Locale::En);
        assert_eq!(Locale::negotiate("ru;q=banana"), Locale::En);
        assert_eq!(Locale::negotiate("ru;q=7"), Locale::En);
        assert_eq!(Locale::negotiate(";;,,"), Locale::En);
    }

    #[test]
    fn russian_plurals_follow_the_last_digits() {
        let users = Forms {
            one: "пользователь",
            few: "пользователя",
            many: "пользователей",
        };
        let said = |n| users.of(Locale::Ru, n);
        assert_eq!(said(1), "1 пользователь");
        assert_eq!(said(2), "2 пользователя");
        assert_eq!(said(4), "4 пользователя");
        assert_eq!(said(5), "5 пользователей");
        assert_eq!(said(11), "11 пользователей");
        assert_eq!(said(12), "12 пользователей");
        assert_eq!(said(21), "21 пользователь");
        assert_eq!(said(22), "22 пользователя");
        assert_eq!(said(111), "111 пользователей");
        assert_eq!(said(0), "0 пользователей");
    }

    #[test]
    fn english_has_one_and_the_rest() {
        let users = Forms {
            one: "user",
            few: "users",
            many: "users",
        };
        assert_eq!(users.of(Locale::En, 1), "1 user");
        assert_eq!(users.of(Locale::En, 2), "2 users");
        assert_eq!(users.of(Locale::En, 0), "0 users");
        assert_eq!(users.of(Locale::En, 1_001), "1,001 users");
    }

    #[test]
    fn digits_are_grouped_in_threes_per_language() {
        assert_eq!(Locale::En.count(0), "0");
        assert_eq!(Locale::En.count(999), "999");
        assert_eq!(Locale::En.count(1_000), "1,000");
        assert_eq!(Locale::En.count(475_648), "475,648");
        assert_eq!(Locale::En.count(1_234_567), "1,234,567");
        assert_eq!(Locale::Ru.count(475_648), "475\u{202F}648");
        assert_eq!(
            (Locale::En.decimal_mark(), Locale::Ru.decimal_mark()),
            ('.', ',')
        );
    }

    #[test]
    fn stored_codes_read_back() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("xx"), None);
    }
}
