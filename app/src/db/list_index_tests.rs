//! The read model against a reference written from the rules alone: filter,
//! sort and page every list shape over a pseudo-random set of accounts.

use super::*;
use crate::db::listing::sort_value;
use crate::domain::listing::Cursor;

fn account(id: &str, login: &str, role: &str, owner: Option<&str>) -> AccountRow {
    AccountRow {
        id: id.into(),
        login: login.into(),
        role: role.into(),
        owner_id: owner.map(Into::into),
        enabled: true,
        users_limit: Some(10),
        disk_limit: Some(100),
        ..AccountRow::default()
    }
}

/// A small deterministic generator: the same accounts on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// An admin, 6 resellers (some disabled) and 150 users among them and the
/// admin, with few distinct quotas so that ties are common.
fn accounts() -> Vec<AccountRow> {
    let mut rng = Lcg(7);
    let mut rows = vec![account("admin", "admin", "admin", None)];
    for r in 0..6 {
        let mut reseller = account(
            &format!("r{r}"),
            &format!("res{r}"),
            "reseller",
            Some("admin"),
        );
        reseller.enabled = r % 3 != 0;
        reseller.alloc_users = rng.next(4) as i64;
        reseller.disk_limit = (r != 2).then(|| rng.next(3) as i64 * 100);
        rows.push(reseller);
    }
    for u in 0..150 {
        let owner = match rng.next(7) {
            6 => "admin".to_owned(),
            r => format!("r{r}"),
        };
        let login = format!("{}{}u{u:03}", ["a", "b", "ab"][u % 3], rng.next(3));
        let mut user = account(&format!("u{u}"), &login, "user", Some(&owner));
        user.enabled = rng.next(4) != 0;
        user.disk_limit = (rng.next(5) != 0).then(|| rng.next(4) as i64 * 10);
        user.traffic_limit = Some(rng.next(2) as i64);
        rows.push(user);
    }
    rows
}

/// Whether an account is active, from the rows themselves: enabled, and its
/// owner (if listed) enabled too.
fn reference_active(rows: &[AccountRow], row: &AccountRow) -> bool {
    let owner_enabled = rows
        .iter()
        .find(|owner| Some(&owner.id) == row.owner_id.as_ref())
        .is_none_or(|owner| owner.enabled);
    row.enabled && owner_enabled
}

/// A row's value in a sort order, worked out from the rule rather than with
/// the index's own functions: inactive before active, unlimited after every
/// amount. It is also how a cursor's value reads.
fn reference_value(rows: &[AccountRow], row: &AccountRow, sort: SortKey) -> i64 {
    match sort {
        SortKey::Login => 0,
        SortKey::State => i64::from(reference_active(rows, row)),
        SortKey::Users => row.alloc_users,
        SortKey::Disk => row.disk_limit.unwrap_or(i64::MAX),
        SortKey::Traffic => row.traffic_limit.unwrap_or(i64::MAX),
    }
}

/// The rows a spec lists, in the order `domain::listing` describes:
/// ascending by value with ties A–Z; descending by login Z–A; descending by
/// anything else largest first, ties still A–Z.
fn reference(rows: &[AccountRow], spec: &ListSpec) -> Vec<String> {
    let mut found: Vec<&AccountRow> = rows
        .iter()
        .filter(|r| match &spec.scope {
            Scope::Role(role) => r.role == *role,
            Scope::Owner(owner) => r.role == "user" && r.owner_id.as_ref() == Some(owner),
        })
        .filter(|r| r.login.starts_with(&spec.login_prefix))
        .filter(|r| {
            let active = reference_active(rows, r);
            match spec.state {
                StateFilter::Any => true,
                StateFilter::Active => active,
                StateFilter::Inactive => !active,
            }
        })
        .collect();
    // A–Z first; the stable sorts by value below keep that order among ties.
    found.sort_by(|a, b| a.login.cmp(&b.login));
    let value = |r: &&AccountRow| reference_value(rows, r, spec.sort);
    match (spec.sort, spec.descending) {
        (SortKey::Login, false) => {}
        (SortKey::Login, true) => found.reverse(),
        (_, false) => found.sort_by_key(value),
        (_, true) => found.sort_by_key(|r| std::cmp::Reverse(value(r))),
    }
    found.iter().map(|r| r.login.clone()).collect()
}

/// Whether a row comes after a cursor in a spec's order (the same rule as
/// `reference`, for a position given by value and login).
fn reference_after(value: i64, login: &str, cursor: &Cursor, spec: &ListSpec) -> bool {
    let (row, at) = ((value, login), (cursor.value, cursor.login.as_str()));
    match (spec.sort, spec.descending) {
        (_, false) => row > at,
        (SortKey::Login, true) => row < at,
        (_, true) => value < cursor.value || (value == cursor.value && login > at.1),
    }
}

/// The page a spec with a cursor shows, by the reference.
fn reference_page(rows: &[AccountRow], spec: &ListSpec) -> Vec<String> {
    reference(rows, spec)
        .into_iter()
        .filter(|login| {
            let Some(cursor) = &spec.after else {
                return true;
            };
            let row = rows.iter().find(|r| r.login == *login);
            row.is_some_and(|r| {
                reference_after(reference_value(rows, r, spec.sort), login, cursor, spec)
            })
        })
        .take(spec.limit)
        .collect()
}

fn all_pages(index: &ListIndex, spec: &ListSpec) -> Vec<String> {
    let mut spec = spec.clone();
    let mut seen = Vec::new();
    loop {
        let page = index.page(&spec);
        let Some(last) = page.last() else {
            return seen;
        };
        spec.after = Some(Cursor {
            value: sort_value(last, spec.sort),
            login: last.login.clone(),
        });
        seen.extend(page.iter().map(|r| r.login.clone()));
        assert!(seen.len() <= 200, "paging does not end");
    }
}

fn specs() -> Vec<ListSpec> {
    let mut specs = Vec::new();
    let scopes = [
        Scope::Role("reseller"),
        Scope::Role("user"),
        Scope::Owner("r1".into()),
        Scope::Owner("r3".into()),
        Scope::Owner("admin".into()),
        Scope::Owner("nobody".into()),
    ];
    for scope in scopes {
        for prefix in ["", "a", "ab1", "res", "zz"] {
            for state in [StateFilter::Any, StateFilter::Active, StateFilter::Inactive] {
                for sort in ORDERS {
                    for descending in [false, true] {
                        specs.push(ListSpec {
                            scope: scope.clone(),
                            login_prefix: prefix.into(),
                            state,
                            sort,
                            descending,
                            after: None,
                            limit: 7,
                        });
                    }
                }
            }
        }
    }
    specs
}

fn index_of(rows: &[AccountRow]) -> ListIndex {
    let mut index = ListIndex::default();
    for row in rows {
        index.upsert(row.clone());
    }
    index
}

#[test]
fn every_list_shape_pages_and_counts_like_the_reference() {
    let rows = accounts();
    let index = index_of(&rows);
    for spec in specs() {
        let expected = reference(&rows, &spec);
        assert_eq!(all_pages(&index, &spec), expected, "{spec:?}");
        assert_eq!(index.count(&spec), expected.len() as u64, "{spec:?}");
    }
}

#[test]
fn the_sort_in_place_and_the_walk_agree_for_name_filters() {
    // Above the in-place limit a filtered list walks the order instead.
    let mut rows = vec![account("admin", "admin", "admin", None)];
    for i in 0..(SORT_IN_PLACE_MAX + 10) {
        let mut row = account(&format!("x{i}"), &format!("x{i:05}"), "reseller", None);
        row.disk_limit = Some((i % 17) as i64);
        rows.push(row);
    }
    let index = index_of(&rows);
    for descending in [false, true] {
        let spec = ListSpec {
            scope: Scope::Role("reseller"),
            login_prefix: "x".into(),
            state: StateFilter::Any,
            sort: SortKey::Disk,
            descending,
            after: None,
            limit: 50,
        };
        let first: Vec<String> = index.page(&spec).iter().map(|r| r.login.clone()).collect();
        assert_eq!(first, reference(&rows, &spec)[..50]);
    }
}

#[test]
fn changes_move_rows_and_derived_state_follows_the_owner() {
    let rows = accounts();
    let mut index = index_of(&rows);
    let mut changed = rows.clone();
    // A reseller disabled, a user's quota changed, a user deleted, one added.
    changed[2].enabled = !changed[2].enabled;
    index.upsert(changed[2].clone());
    changed[20].disk_limit = Some(5);
    index.upsert(changed[20].clone());
    let gone = changed.remove(30);
    index.remove(&gone.id);
    let added = account("new", "a9new", "user", Some("r1"));
    changed.push(added.clone());
    index.upsert(added);
    // All users of r4 replaced at once (properties revoked from them all).
    let mut of_r4: Vec<AccountRow> = Vec::new();
    for row in changed
        .iter_mut()
        .filter(|r| r.owner_id.as_deref() == Some("r4"))
    {
        row.enabled = true;
        of_r4.push(row.clone());
    }
    index.replace_users_of("r4", of_r4);
    for spec in specs() {
        let expected = reference(&changed, &spec);
        assert_eq!(all_pages(&index, &spec), expected, "{spec:?}");
        assert_eq!(index.count(&spec), expected.len() as u64, "{spec:?}");
    }
    let mut expected = changed.clone();
    expected.sort_by(|a, b| a.login.cmp(&b.login));
    assert_eq!(index.snapshot(), expected);
}

#[test]
fn pages_show_the_owner_and_its_state() {
    let rows = accounts();
    let index = index_of(&rows);
    let spec = ListSpec {
        scope: Scope::Owner("r3".into()),
        login_prefix: String::new(),
        state: StateFilter::Any,
        sort: SortKey::Disk,
        descending: true,
        after: None,
        limit: 3,
    };
    let page = index.page(&spec);
    assert!(!page.is_empty());
    assert!(
        page.iter()
            .all(|r| r.owner_login.as_deref() == Some("res3") && r.owner_enabled == Some(false))
    );
}

#[test]
fn any_cursor_even_a_junk_one_continues_just_after_its_position() {
    let rows = accounts();
    let index = index_of(&rows);
    let logins = |page: Vec<AccountRow>| page.into_iter().map(|r| r.login).collect::<Vec<_>>();
    let mut nonempty = 0;
    for scope in [Scope::Owner("r3".into()), Scope::Role("user")] {
        for login in ["~~~", "{", "", "zzzz", "ab1", "b0u1"] {
            for value in [i64::MIN, -1, 0, 1, 20, 100, i64::MAX] {
                for sort in ORDERS {
                    for descending in [false, true] {
                        for prefix in ["a", ""] {
                            for state in [StateFilter::Any, StateFilter::Inactive] {
                                let spec = ListSpec {
                                    scope: scope.clone(),
                                    login_prefix: prefix.into(),
                                    state,
                                    sort,
                                    descending,
                                    after: Some(Cursor {
                                        value,
                                        login: login.into(),
                                    }),
                                    limit: 5,
                                };
                                let page = logins(index.page(&spec));
                                nonempty += usize::from(!page.is_empty());
                                assert_eq!(page, reference_page(&rows, &spec), "{spec:?}");
                            }
                        }
                    }
                }
            }
        }
    }
    // The cursors land in the middle of lists too, not only beyond their ends.
    assert!(nonempty > 1000, "{nonempty}");
}

#[test]
fn a_login_deleted_and_taken_again_is_listed_whichever_re_read_comes_first() {
    let rows = accounts();
    let gone = rows[40].clone();
    let mut again = account("reborn", &gone.login, "user", Some("r4"));
    again.disk_limit = Some(7);
    again.enabled = !gone.enabled;
    let mut expected: Vec<AccountRow> = rows.iter().filter(|r| r.id != gone.id).cloned().collect();
    expected.push(again.clone());
    // Deleting and creating commit in that order; their re-reads are applied
    // in either order.
    let mut deletion_first = index_of(&rows);
    deletion_first.remove(&gone.id);
    deletion_first.upsert(again.clone());
    let mut creation_first = index_of(&rows);
    creation_first.upsert(again.clone());
    creation_first.remove(&gone.id);
    let mut sorted = expected.clone();
    sorted.sort_by(|a, b| a.login.cmp(&b.login));
    assert_eq!(deletion_first.snapshot(), sorted);
    assert_eq!(creation_first.snapshot(), sorted);
    for index in [&deletion_first, &creation_first] {
        for spec in specs() {
            let listed = reference(&expected, &spec);
            assert_eq!(all_pages(index, &spec), listed, "{spec:?}");
            assert_eq!(index.count(&spec), listed.len() as u64, "{spec:?}");
        }
    }
}

#[test]
fn inactive_first_lists_users_of_a_disabled_reseller_among_the_inactive() {
    let admin = account("admin", "admin", "admin", None);
    let mut reseller = account("r", "res", "reseller", Some("admin"));
    let mut of_reseller = account("u1", "anna", "user", Some("r"));
    of_reseller.disk_limit = Some(1);
    let mut disabled = account("u2", "bert", "user", Some("r"));
    disabled.enabled = false;
    let of_admin = account("u3", "carl", "user", Some("admin"));
    let rows = [admin, reseller.clone(), of_reseller, disabled, of_admin];
    let mut index = index_of(&rows);
    let spec = |descending| ListSpec {
        scope: Scope::Role("user"),
        login_prefix: String::new(),
        state: StateFilter::Any,
        sort: SortKey::State,
        descending,
        after: None,
        limit: 2,
    };
    assert_eq!(all_pages(&index, &spec(false)), ["bert", "anna", "carl"]);
    reseller.enabled = false;
    index.upsert(reseller.clone());
    assert_eq!(all_pages(&index, &spec(false)), ["anna", "bert", "carl"]);
    assert_eq!(all_pages(&index, &spec(true)), ["carl", "anna", "bert"]);
    // Enabling the reseller again brings back only the user it had not
    // disabled on its own.
    reseller.enabled = true;
    index.upsert(reseller);
    assert_eq!(all_pages(&index, &spec(false)), ["bert", "anna", "carl"]);
    assert_eq!(all_pages(&index, &spec(true)), ["anna", "carl", "bert"]);
}
