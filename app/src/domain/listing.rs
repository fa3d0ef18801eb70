//! Account lists: sorting, filtering and keyset pagination, as pure values.

use serde::{Deserialize, Serialize};

use super::account::StateFilter;

pub const PAGE_SIZE: usize = 50;
pub const FILTER_MAX_LEN: usize = 32;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Login,
    /// Inactive first, by the derived state (`AccountState::derive`): a user
    /// of a disabled reseller is inactive whatever its own flag says.
    State,
    Users,
    Disk,
    Traffic,
}

impl SortKey {
    pub fn parse(value: &str) -> Self {
        match value {
            "state" => SortKey::State,
            "users" => SortKey::Users,
            "disk" => SortKey::Disk,
            "traffic" => SortKey::Traffic,
            _ => SortKey::Login,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Login => "login",
            SortKey::State => "state",
            SortKey::Users => "users",
            SortKey::Disk => "disk",
            SortKey::Traffic => "traffic",
        }
    }
}

/// Where a page starts: just after the row with this sort value and login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub value: i64,
    pub login: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}~{}", self.value, self.login)
    }

    /// A cursor that does not parse starts from the beginning: it came from
    /// an address bar, not from us.
    pub fn decode(text: &str) -> Option<Self> {
        let (value, login) = text.split_once('~')?;
        let value = value.parse().ok()?;
        if login.is_empty() || login.len() > 32 {
            return None;
        }
        Some(Cursor {
            value,
            login: login.to_owned(),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub filter: String,
    #[serde(default)]
    pub state: StateFilter,
    #[serde(default)]
    pub sort: SortKey,
    #[serde(default)]
    pub descending: bool,
    #[serde(default)]
    pub after: Option<String>,
    /// Only for the admin's list of all users: one owner's users.
    #[serde(default)]
    pub owner: Option<String>,
}

impl ListQuery {
    /// The name filter reduced to what a login can contain: a prefix search on
    /// the login index.
    pub fn login_prefix(&self) -> String {
        self.filter
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
            .take(FILTER_MAX_LEN)
            .collect()
    }

    pub fn cursor(&self) -> Option<Cursor> {
        self.after.as_deref().and_then(Cursor::decode)
    }
}

/// The upper bound of a prefix range over logins: every login character sorts
/// below '{'.
pub fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{{")
}

/// The order of a list over (sort value, login): ascending by value then
/// login; descending by login is Z–A, and descending by anything else puts the
/// largest value first with ties still A–Z, which is how people read a sorted
/// column.
pub fn list_order(
    a: (i64, &str),
    b: (i64, &str),
    sort: SortKey,
    descending: bool,
) -> std::cmp::Ordering {
    match (descending, sort) {
        (false, _) => a.cmp(&b),
        (true, SortKey::Login) => b.cmp(&a),
        (true, _) => b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_junk_is_ignored() {
        let cursor = Cursor {
            value: -5,
            login: "acme".into(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        for junk in ["", "x", "12", "a~b", "1~"] {
            assert_eq!(Cursor::decode(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_filter_keeps_only_login_characters() {
        let query = ListQuery {
            filter: "  Ac'me; DROP ".into(),
            ..Default::default()
        };
        assert_eq!(query.login_prefix(), "acmedrop");
    }

    #[test]
    fn a_prefix_range_covers_every_login_with_that_prefix() {
        let end = prefix_end("ac");
        for login in ["ac", "ac-", "ac_", "ac0", "acz", "aczzzz"] {
            assert!(login >= "ac" && login < end.as_str(), "{login}");
        }
        assert!("ad" >= end.as_str());
    }

    #[test]
    fn descending_puts_the_largest_first_and_keeps_ties_a_to_z() {
        let mut rows = [(10, "b"), (20, "a"), (10, "a"), (0, "c")];
        rows.sort_by(|a, b| list_order(*a, *b, SortKey::Disk, true));
        assert_eq!(rows, [(20, "a"), (10, "a"), (10, "b"), (0, "c")]);
        rows.sort_by(|a, b| list_order(*a, *b, SortKey::Disk, false));
        assert_eq!(rows, [(0, "c"), (10, "a"), (10, "b"), (20, "a")]);
        let mut logins = [(0, "a"), (0, "c"), (0, "b")];
        logins.sort_by(|a, b| list_order(*a, *b, SortKey::Login, true));
        assert_eq!(logins, [(0, "c"), (0, "b"), (0, "a")]);
    }

    #[test]
    fn unknown_sort_keys_fall_back_to_login() {
        assert_eq!(SortKey::parse("disk"), SortKey::Disk);
        assert_eq!(SortKey::parse("'; --"), SortKey::Login);
    }
}
