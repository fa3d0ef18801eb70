//! The account lists' read model: every account's list row, held in memory in
//! each order a list can show, per scope (all resellers, all users, one
//! owner's users). A page is a walk of an ordered set from its cursor and a
//! count is arithmetic on maintained tallies, so neither touches the database
//! nor grows with the table (`lists::Lists` keeps it equal to the database).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;

use super::accounts::AccountRow;
use super::list_row::{ListRow, Shared};
use super::listing::{ListSpec, Scope, position_value};
use crate::domain::AccountState;
use crate::domain::account::StateFilter;
use crate::domain::listing::{SortKey, list_order, prefix_end};

const ORDERS: [SortKey; 5] = [
    SortKey::Login,
    SortKey::State,
    SortKey::Users,
    SortKey::Disk,
    SortKey::Traffic,
];

/// A filtered list sorts its matches directly when the name filter leaves at
/// most this many; beyond it, walking the sorted order and skipping is cheaper.
const SORT_IN_PLACE_MAX: usize = 4096;

/// One position in an order: the sort value, then the login. A login is
/// unique among live accounts, so it names one row (`ListIndex::id_of_login`).
type Entry = (i64, Arc<str>);

fn order_index(sort: SortKey) -> usize {
    ORDERS.iter().position(|s| *s == sort).unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ScopeKey {
    Role(String),
    /// The users (never resellers) an account owns.
    OwnedUsers(String),
}

impl ScopeKey {
    fn of(scope: &Scope) -> Self {
        match scope {
            Scope::Role(role) => ScopeKey::Role((*role).to_owned()),
            Scope::Owner(owner) => ScopeKey::OwnedUsers(owner.clone()),
        }
    }

    fn of_row(row: &ListRow) -> Vec<Self> {
        let mut keys = vec![ScopeKey::Role(row.role.to_string())];
        if let (Some(owner), "user") = (&row.owner_id, &*row.role) {
            keys.push(ScopeKey::OwnedUsers(owner.to_string()));
        }
        keys
    }
}

#[derive(Debug, Default)]
struct ScopeIndex {
    orders: [BTreeSet<Entry>; 5],
    /// How many accounts of the scope are enabled on their own.
    enabled: usize,
}

/// Rows are kept by record id, never by login: a deleted account and a new
/// one with the same login are two accounts, and the re-read of one must not
/// touch the other, whichever is applied first.
#[derive(Debug, Default)]
pub struct ListIndex {
    /// Packed (`list_row`): the model holds every account.
    rows: HashMap<Arc<str>, Box<ListRow>>,
    /// The id of the account holding each login, for walking the orders.
    id_of_login: HashMap<Arc<str>, Arc<str>>,
    /// The accounts each account owns (by id, whether or not the owner is
    /// known yet): their position in the state order follows the owner's flag.
    owned: HashMap<Arc<str>, HashSet<Arc<str>>>,
    scopes: HashMap<ScopeKey, ScopeIndex>,
    shared: Shared,
}

impl ListIndex {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds an account, or replaces what was known of it.
    pub fn upsert(&mut self, row: AccountRow) {
        let id: Arc<str> = Arc::from(row.id.as_str());
        let flag_before = self.detach(&id).map(|old| old.enabled());
        // Logins are unique and never change hands while their account lives:
        // a row read with this login proves that an earlier holder has been
        // deleted, even if the re-read that saw the deletion comes later.
        if let Some(holder) = self.id_of_login.get(row.login.as_str()).cloned() {
            self.remove(&holder);
        }
        let flag_after = Some(row.enabled);
        self.attach(id.clone(), row);
        self.owner_flag_changed(&id, flag_before, flag_after);
    }

    pub fn remove(&mut self, id: &str) {
        if let Some(row) = self.detach(id) {
            self.owner_flag_changed(id, Some(row.enabled()), None);
        }
    }

    /// Puts a row (not yet held) into every order of its scopes.
    fn attach(&mut self, id: Arc<str>, row: AccountRow) {
        let login: Arc<str> = Arc::from(row.login.as_str());
        let owner_id = row.owner_id.as_deref().map(|owner| self.shared_id(owner));
        let row = ListRow::pack(row, id.clone(), login.clone(), owner_id, &mut self.shared);
        for key in ScopeKey::of_row(&row) {
            let values = ORDERS.map(|sort| self.value(&row, sort));
            let scope = self.scopes.entry(key).or_default();
            for (order, value) in scope.orders.iter_mut().zip(values) {
                order.insert((value, login.clone()));
            }
            scope.enabled += usize::from(row.enabled());
        }
        if let Some(owner) = &row.owner_id {
            self.owned
                .entry(owner.clone())
                .or_default()
                .insert(id.clone());
        }
        self.id_of_login.insert(login, id.clone());
        self.rows.insert(id, Box::new(row));
    }

    /// The model's copy of an account id, so that the rows an account owns
    /// share one allocation of it.
    fn shared_id(&self, id: &str) -> Arc<str> {
        if let Some((key, _)) = self.owned.get_key_value(id) {
            return key.clone();
        }
        if let Some((key, _)) = self.rows.get_key_value(id) {
            return key.clone();
        }
        Arc::from(id)
    }

    /// Takes a row out of every order, leaving the rows it owns in place.
    fn detach(&mut self, id: &str) -> Option<Box<ListRow>> {
        let row = self.rows.remove(id)?;
        let login = row.login.clone();
        if self
            .id_of_login
            .get(&login)
            .is_some_and(|holder| **holder == *id)
        {
            self.id_of_login.remove(&login);
        }
        if let Some(owner) = &row.owner_id
            && let Some(siblings) = self.owned.get_mut(owner)
        {
            siblings.remove(id);
            if siblings.is_empty() {
                self.owned.remove(owner);
            }
        }
        for key in ScopeKey::of_row(&row) {
            let values = ORDERS.map(|sort| self.value(&row, sort));
            let Some(scope) = self.scopes.get_mut(&key) else {
                continue;
            };
            for (order, value) in scope.orders.iter_mut().zip(values) {
                order.remove(&(value, login.clone()));
            }
            scope.enabled -= usize::from(row.enabled());
            if scope.orders[0].is_empty() {
                self.scopes.remove(&key);
            }
        }
        Some(row)
    }

    /// Moves the accounts `owner_id` owns in the state order when the owner's
    /// own flag changed (`None`: the owner is not in the model, which counts
    /// as enabled).
    fn owner_flag_changed(&mut self, owner_id: &str, before: Option<bool>, after: Option<bool>) {
        if before.unwrap_or(true) == after.unwrap_or(true) {
            return;
        }
        let Some(owned) = self.owned.get(owner_id) else {
            return;
        };
        let state = order_index(SortKey::State);
        for row in owned.iter().filter_map(|id| self.rows.get(id)) {
            let login = row.login.clone();
            let was = position_value(row.sort_fields(), before, SortKey::State);
            let now = position_value(row.sort_fields(), after, SortKey::State);
            for key in ScopeKey::of_row(row) {
                if let Some(scope) = self.scopes.get_mut(&key) {
                    scope.orders[state].remove(&(was, login.clone()));
                    scope.orders[state].insert((now, login.clone()));
                }
            }
        }
    }

    /// Replaces the users of `owner` with `users` (after a write that touched
    /// all of them at once).
    pub fn replace_users_of(&mut self, owner: &str, users: Vec<AccountRow>) {
        let known: Vec<Arc<str>> = self
            .owned
            .get(owner)
            .into_iter()
            .flatten()
            .filter(|id| self.rows.get(*id).is_some_and(|row| &*row.role == "user"))
            .cloned()
            .collect();
        for id in known {
            self.remove(&id);
        }
        for user in users {
            self.upsert(user);
        }
    }

    /// The own flag of a row's owner, if the model holds the owner.
    fn owner_flag(&self, row: &ListRow) -> Option<bool> {
        row.owner_id
            .as_deref()
            .and_then(|id| self.rows.get(id))
            .map(|owner| owner.enabled())
    }

    /// A row's value in a sort order, its owner's flag taken from the model.
    fn value(&self, row: &ListRow, sort: SortKey) -> i64 {
        position_value(row.sort_fields(), self.owner_flag(row), sort)
    }

    fn row_of_login(&self, login: &str) -> Option<&ListRow> {
        self.id_of_login
            .get(login)
            .and_then(|id| self.rows.get(id))
            .map(|row| &**row)
    }

    fn active(&self, row: &ListRow) -> bool {
        AccountState::derive(row.enabled(), self.owner_flag(row).as_slice()).is_active()
    }

    fn matches(&self, row: &ListRow, spec: &ListSpec) -> bool {
        row.login.starts_with(&spec.login_prefix)
            && match spec.state {
                StateFilter::Any => true,
                StateFilter::Active => self.active(row),
                StateFilter::Inactive => !self.active(row),
            }
    }

    /// A row as a page shows it, with its owner's login and state.
    fn shown(&self, row: &ListRow) -> AccountRow {
        let mut shown = row.unpack();
        if let Some(owner) = row.owner_id.as_deref().and_then(|id| self.rows.get(id)) {
            shown.owner_login = Some(owner.login.to_string());
            shown.owner_enabled = Some(owner.enabled());
        }
        shown
    }

    /// One page of `spec.limit` rows after `spec.after`, in the spec's order
    /// (see [`in_order`]).
    pub fn page(&self, spec: &ListSpec) -> Vec<AccountRow> {
        let Some(scope) = self.scopes.get(&ScopeKey::of(&spec.scope)) else {
            return Vec::new();
        };
        let after = spec
            .after
            .as_ref()
            .map(|c| (c.value, Arc::<str>::from(c.login.as_str())));
        let logins: Vec<Arc<str>> = if spec.sort != SortKey::Login
            && !spec.login_prefix.is_empty()
            && let Some(mut found) = self.prefix_matches(scope, spec)
        {
            let order = |a: &Entry, b: &Entry| in_order(a, b, spec.sort, spec.descending);
            found.sort_by(order);
            found
                .into_iter()
                .filter(|entry| after.as_ref().is_none_or(|a| order(entry, a).is_gt()))
                .take(spec.limit)
                .map(|(_, login)| login)
                .collect()
        } else {
            let order = &scope.orders[order_index(spec.sort)];
            let prefix = (spec.sort == SortKey::Login && !spec.login_prefix.is_empty())
                .then(|| prefix_bounds(&spec.login_prefix));
            let walked = if spec.descending && spec.sort != SortKey::Login {
                walk_descending_values(order, after)
            } else {
                walk(order, after, prefix, spec.descending)
            };
            walked
                .filter(|(_, login)| {
                    self.row_of_login(login)
                        .is_some_and(|row| self.matches(row, spec))
                })
                .take(spec.limit)
                .map(|(_, login)| login.clone())
                .collect()
        };
        logins
            .iter()
            .filter_map(|login| self.row_of_login(login))
            .map(|row| self.shown(row))
            .collect()
    }

    /// The matches of a name filter with their sort values, when there are
    /// few enough to sort directly.
    fn prefix_matches(&self, scope: &ScopeIndex, spec: &ListSpec) -> Option<Vec<Entry>> {
        let by_login = &scope.orders[order_index(SortKey::Login)];
        let mut found = Vec::new();
        for (_, login) in walk(
            by_login,
            None,
            Some(prefix_bounds(&spec.login_prefix)),
            false,
        ) {
            if found.len() == SORT_IN_PLACE_MAX {
                return None;
            }
            if let Some(row) = self.row_of_login(login)
                && self.matches(row, spec)
            {
                found.push((self.value(row, spec.sort), login.clone()));
            }
        }
        Some(found)
    }

    /// How many accounts match the spec's filters (its cursor is ignored).
    pub fn count(&self, spec: &ListSpec) -> u64 {
        let Some(scope) = self.scopes.get(&ScopeKey::of(&spec.scope)) else {
            return 0;
        };
        let total = scope.orders[0].len();
        let counted = if spec.login_prefix.is_empty() {
            match spec.state {
                StateFilter::Any => total,
                StateFilter::Active => self.active_in(&spec.scope, scope),
                StateFilter::Inactive => total - self.active_in(&spec.scope, scope),
            }
        } else {
            let by_login = &scope.orders[order_index(SortKey::Login)];
            walk(
                by_login,
                None,
                Some(prefix_bounds(&spec.login_prefix)),
                false,
            )
            .filter(|(_, login)| {
                self.row_of_login(login)
                    .is_some_and(|row| self.matches(row, spec))
            })
            .count()
        };
        counted as u64
    }

    /// Active accounts of a scope, from the tallies: a user is active when it
    /// and its owner are enabled.
    fn active_in(&self, scope: &Scope, index: &ScopeIndex) -> usize {
        let owner_enabled = |owner: &str| self.rows.get(owner).is_none_or(|row| row.enabled());
        match scope {
            Scope::Role("user") => self
                .scopes
                .iter()
                .filter_map(|(key, owned)| match key {
                    ScopeKey::OwnedUsers(owner) if owner_enabled(owner) => Some(owned.enabled),
                    _ => None,
                })
                .sum(),
            Scope::Role(_) => index.enabled,
            Scope::Owner(owner) if owner_enabled(owner) => index.enabled,
            Scope::Owner(_) => 0,
        }
    }

    /// Every row, for comparing the model with the database.
    pub fn snapshot(&self) -> Vec<AccountRow> {
        let mut rows: Vec<AccountRow> = self.rows.values().map(|r| r.unpack()).collect();
        rows.sort_by(|a, b| a.login.cmp(&b.login).then_with(|| a.id.cmp(&b.id)));
        rows
    }
}

/// Two positions in a list's order (`domain::listing::list_order`).
fn in_order(a: &Entry, b: &Entry, sort: SortKey, descending: bool) -> std::cmp::Ordering {
    list_order((a.0, &a.1), (b.0, &b.1), sort, descending)
}

/// Above every login (logins sort below '{').
const LOGIN_END: &str = "{";

/// Walks an order by descending value, each value's logins A–Z, from just
/// after `after`: one short range per value, opened as the walk reaches it.
fn walk_descending_values<'a>(
    order: &'a BTreeSet<Entry>,
    after: Option<Entry>,
) -> Box<dyn Iterator<Item = &'a Entry> + 'a> {
    let group = |value: i64, from: Bound<Entry>| {
        let end: Entry = (value, Arc::from(LOGIN_END));
        // A cursor from an address bar may lie beyond the group: walk nothing.
        let from = if empty_range(&from, &Bound::Excluded(end.clone())) {
            Bound::Included(end.clone())
        } else {
            from
        };
        order.range((from, Bound::Excluded(end)))
    };
    let (mut value, mut current) = match after {
        Some((value, login)) => (value, group(value, Bound::Excluded((value, login)))),
        None => match order.last() {
            Some((top, _)) => (*top, group(*top, Bound::Included((*top, Arc::from(""))))),
            None => return Box::new(std::iter::empty()),
        },
    };
    Box::new(std::iter::from_fn(move || {
        loop {
            if let Some(entry) = current.next() {
                return Some(entry);
            }
            // The largest value below the one just walked.
            let (lower, _) = order.range(..(value, Arc::<str>::from(""))).next_back()?;
            value = *lower;
            current = group(value, Bound::Included((value, Arc::from(""))));
        }
    }))
}

/// The login range of a name filter, as entries of the login order (whose
/// sort value is always 0).
fn prefix_bounds(prefix: &str) -> (Entry, Entry) {
    (
        (0, Arc::from(prefix)),
        (0, Arc::from(prefix_end(prefix).as_str())),
    )
}

/// The entries of `order` after `after` (in the walk's direction), within
/// `prefix` when given.
fn walk<'a>(
    order: &'a BTreeSet<Entry>,
    after: Option<Entry>,
    prefix: Option<(Entry, Entry)>,
    descending: bool,
) -> Box<dyn Iterator<Item = &'a Entry> + 'a> {
    let (prefix_start, prefix_end) = match prefix {
        Some((start, end)) => (Bound::Included(start), Bound::Excluded(end)),
        None => (Bound::Unbounded, Bound::Unbounded),
    };
    let (start, end) = match (after, descending) {
        (None, _) => (prefix_start, prefix_end),
        (Some(a), false) => (tighter_start(prefix_start, a), prefix_end),
        (Some(a), true) => (prefix_start, tighter_end(prefix_end, a)),
    };
    if empty_range(&start, &end) {
        return Box::new(std::iter::empty());
    }
    let range = order.range((start, end));
    if descending {
        Box::new(range.rev())
    } else {
        Box::new(range)
    }
}

fn tighter_start(bound: Bound<Entry>, after: Entry) -> Bound<Entry> {
    match bound {
        Bound::Included(start) if start > after => Bound::Included(start),
        _ => Bound::Excluded(after),
    }
}

fn tighter_end(bound: Bound<Entry>, before: Entry) -> Bound<Entry> {
    match bound {
        Bound::Excluded(end) if end < before => Bound::Excluded(end),
        _ => Bound::Excluded(before),
    }
}

/// `BTreeSet::range` panics on an inverted range; such a walk is simply empty.
fn empty_range(start: &Bound<Entry>, end: &Bound<Entry>) -> bool {
    match (start, end) {
        (Bound::Included(s), Bound::Excluded(e))
        | (Bound::Excluded(s), Bound::Included(e))
        | (Bound::Excluded(s), Bound::Excluded(e)) => s >= e,
        (Bound::Included(s), Bound::Included(e)) => s > e,
        _ => false,
    }
}

#[cfg(test)]
#[path = "list_index_tests.rs"]
mod tests;
