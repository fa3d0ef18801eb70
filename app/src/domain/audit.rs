//! The audit log's rules: what each viewer may see, the keys that make each
//! view and filter one ordered range, the known actions, and the filters.

use super::FieldError;
use super::login::Login;

/// Every action the log records, with the label the Audit page shows.
pub const ACTIONS: &[(&str, &str)] = &[
    ("login", "Logged in"),
    ("login.failed", "Failed login"),
    ("panel.enter", "Entered a panel"),
    ("panel.return", "Returned from a panel"),
    ("account.password", "Changed own password"),
    ("account.email", "Changed own e-mail"),
    ("admin.password_reset", "Admin password reset"),
    ("reseller.create", "Created a reseller"),
    ("reseller.update", "Edited a reseller"),
    ("reseller.delete", "Deleted a reseller"),
    ("reseller.enable", "Enabled a reseller"),
    ("reseller.disable", "Disabled a reseller"),
    ("user.create", "Created a user"),
    ("user.update", "Edited a user"),
    ("user.delete", "Deleted a user"),
    ("user.enable", "Enabled a user"),
    ("user.disable", "Disabled a user"),
    ("reseller.access", "Changed a reseller's access"),
    ("user.access", "Changed a user's access"),
    ("access.defaults", "Changed default access"),
    ("support.ticket", "Opened a ticket"),
    ("support.categories", "Changed ticket categories"),
    ("branding.change", "Changed a brand"),
];

/// The label of an action; an action this build does not know shows as is.
pub fn action_label(action: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(key, _)| *key == action)
        .map_or(action, |(_, label)| label)
}

/// Whose entries a viewer sees, decided by account ids (a login can be
/// reused by a new account, which must not see its predecessor's entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The admin: every entry.
    All,
    /// A reseller (entries about itself and the accounts it owns) or a user
    /// (entries about itself): the entries "visible to" this account id.
    Of(String),
}

impl View {
    fn prefix(&self) -> String {
        match self {
            View::All => "*".into(),
            View::Of(id) => format!("v:{id}"),
        }
    }

    /// The key of this view with the filters that select a range of it.
    pub fn key(&self, login: Option<&str>, action: Option<&str>) -> String {
        let mut key = self.prefix();
        if let Some(login) = login {
            key.push_str("|l:");
            key.push_str(login);
        }
        if let Some(action) = action {
            key.push_str("|a:");
            key.push_str(action);
        }
        key
    }
}

/// The views an entry belongs to: everyone's (the admin), its target's, and
/// its target's owner's. An entry without a known target id (a failed login
/// for no account, or one written before ids were recorded) is the admin's.
pub fn views_of(target_id: Option<&str>, owner_id: Option<&str>) -> Vec<View> {
    let mut views = vec![View::All];
    views.extend(target_id.map(|id| View::Of(id.to_owned())));
    if target_id.is_some() {
        views.extend(owner_id.map(|id| View::Of(id.to_owned())));
    }
    views
}

/// Every key an entry is stored under: each of its views, bare and narrowed
/// by its target login, its action, and both, so that any filter a viewer
/// can set is one key range read newest first. A target that is no valid
/// login (what someone typed at a failed login) gets no login keys: it could
/// otherwise spell another entry's key, and no filter can ask for it.
pub fn keys_of(
    target_id: Option<&str>,
    owner_id: Option<&str>,
    login: &str,
    action: &str,
) -> Vec<String> {
    let login = Login::parse(login).ok();
    let login = login.as_ref().map(Login::as_str);
    views_of(target_id, owner_id)
        .iter()
        .flat_map(|view| {
            let mut keys = vec![view.key(None, None), view.key(None, Some(action))];
            if login.is_some() {
                keys.insert(1, view.key(login, None));
                keys.push(view.key(login, Some(action)));
            }
            keys
        })
        .collect()
}

/// Entries are read in ascending key order, and the embedded store walks
/// forwards far faster than backwards, so the time is stored inverted:
/// the newest entry has the smallest rank.
pub fn rank_of(nanos: i64) -> i64 {
    i64::MAX - nanos.max(0)
}

pub const NANOS: i64 = 1_000_000_000;

/// Where a page starts: after the (rank, nonce) of the last row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub rank: i64,
    pub nonce: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}.{}", self.rank, self.nonce)
    }

    pub fn decode(text: &str) -> Option<Self> {
        let (rank, nonce) = text.split_once('.')?;
        Some(Cursor {
            rank: rank.parse().ok()?,
            nonce: nonce.parse().ok()?,
        })
    }
}

/// A filter the viewer asked for, checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub login: Option<String>,
    pub action: Option<String>,
    /// Seconds since the epoch, both inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub after: Option<Cursor>,
}

impl Filter {
    /// Parses the form's fields; a blank field filters nothing. Dates are
    /// `YYYY-MM-DD` (the whole day, UTC) or `YYYY-MM-DDTHH:MM[:SS]`.
    pub fn parse(
        login: &str,
        action: &str,
        from: &str,
        to: &str,
        after: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let login = match login.trim() {
            "" => None,
            text => match Login::parse(text) {
                Ok(login) => Some(login.as_str().to_owned()),
                Err(_) => {
                    errors.push(FieldError::new(
                        "login",
                        "Enter an account's login, e.g. acme.",
                    ));
                    None
                }
            },
        };
        let action = match action.trim() {
            "" => None,
            text if ACTIONS.iter().any(|(key, _)| *key == text) => Some(text.to_owned()),
            _ => {
                errors.push(FieldError::new("action", "Choose an action from the list."));
                None
            }
        };
        let mut bound = |field: &'static str, text: &str, end: bool| match text.trim() {
            "" => None,
            text => match parse_time(text, end) {
                Some(t) => Some(t),
                None => {
                    errors.push(FieldError::new(
                        field,
                        "Enter a date as YYYY-MM-DD, optionally with a time (HH:MM), in UTC.",
                    ));
                    None
                }
            },
        };
        let from = bound("from", from, false);
        let to = bound("to", to, true);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.push(FieldError::new(
                "to",
                "The end must not be before the start.",
            ));
        }
        let after = match after {
            None => None,
            Some(text) => match Cursor::decode(text) {
                Some(cursor) => Some(cursor),
                None => {
                    errors.push(FieldError::new("after", "This page link is not valid."));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(Filter {
                login,
                action,
                from,
                to,
                after,
            })
        } else {
            Err(errors)
        }
    }

    /// The inclusive range of ranks this filter reads: from the newest it
    /// allows (or the cursor) to the oldest.
    pub fn ranks(&self) -> (i64, i64) {
        let newest = self.to.map_or(0, |to| {
            rank_of(to.saturating_add(1).saturating_mul(NANOS) - 1)
        });
        let oldest = self
            .from
            .map_or(i64::MAX, |from| rank_of(from.saturating_mul(NANOS)));
        (newest, oldest)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm), so that no calendar library is needed in the browser.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn number(text: &str, digits: usize, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| range.contains(n))
}

/// A UTC time in seconds; a bare date means its first second, or with
/// `end` its last.
pub fn parse_time(text: &str, end: bool) -> Option<i64> {
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let y = number(parts.next()?, 4, 1970..=9999)?;
    let m = number(parts.next()?, 2, 1..=12)?;
    let d = number(parts.next()?, 2, 1..=31)?;
    if parts.next().is_some() {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 2023-02-30 would quietly become 2023-03-02.
    if civil_from_days(days) != (y, m, d) {
        return None;
    }
    let seconds = match time {
        None => {
            if end {
                86_399
            } else {
                0
            }
        }
        Some(time) => {
            let mut parts = time.split(':');
            let h = number(parts.next()?, 2, 0..=23)?;
            let min = number(parts.next()?, 2, 0..=59)?;
            let s = match parts.next() {
                Some(s) => number(s, 2, 0..=59)?,
                None if end => 59,
                None => 0,
            };
            if parts.next().is_some() {
                return None;
            }
            h * 3600 + min * 60 + s
        }
    };
    Some(days * 86_400 + seconds)
}

/// "2025-11-28 06:37:12 UTC".
pub fn format_time(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// The acting chain as people say it: "admin as acme as web1".
pub fn describe_chain(chain: &[String]) -> String {
    chain.join(" as ")
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
