//! The read model against a naive reference: filter, sort and page every
//! list shape over a pseudo-random set of accounts.

use super::*;
use crate::domain::listing::Cursor;

fn account(id: &str, login: &str, role: &str, owner: Option<&str>) -> AccountRow {
    AccountRow {
        id: id.into(),
        login: login.into(),
        role: role.into(),
        owner_id: owner.map(Into::into),
        owner_login: None,
        owner_enabled: None,
        owner_email: None,
        enabled: true,
        email: None,
        comment: String::new(),
        users_limit: Some(10),
        disk_limit: Some(100),
        traffic_limit: None,
        shell: false,
        cgi: false,
        php: false,
        ssi: false,
        https: false,
        oversell: false,
        alloc_users: 0,
        alloc_disk: 0,
        alloc_disk_unlimited: 0,
        alloc_traffic: 0,
        alloc_traffic_unlimited: 0,
        used_disk: 0,
        used_traffic: 0,
        created_at: 0,
        updated_at: 0,
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

fn naive(rows: &[AccountRow], spec: &ListSpec) -> Vec<String> {
    let enabled = |id: &Option<String>| {
        rows.iter()
            .find(|r| Some(&r.id) == id.as_ref())
            .is_none_or(|r| r.enabled)
    };
    let mut found: Vec<&AccountRow> = rows
        .iter()
        .filter(|r| match &spec.scope {
            Scope::Role(role) => r.role == *role,
            Scope::Owner(owner) => r.role == "user" && r.owner_id.as_ref() == Some(owner),
        })
        .filter(|r| r.login.starts_with(&spec.login_prefix))
        .filter(|r| {
            let active = r.enabled && enabled(&r.owner_id);
            match spec.state {
                StateFilter::Any => true,
                StateFilter::Active => active,
                StateFilter::Inactive => !active,
            }
        })
        .collect();
    let entry = |r: &AccountRow| (sort_value(r, spec.sort), Arc::<str>::from(r.login.as_str()));
    found.sort_by(|a, b| in_order(&entry(a), &entry(b), spec.sort, spec.descending));
    found.iter().map(|r| r.login.clone()).collect()
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
fn every_list_shape_pages_and_counts_like_the_naive_reference() {
    let rows = accounts();
    let index = index_of(&rows);
    for spec in specs() {
        let expected = naive(&rows, &spec);
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
        assert_eq!(first, naive(&rows, &spec)[..50]);
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
        let expected = naive(&changed, &spec);
        assert_eq!(all_pages(&index, &spec), expected, "{spec:?}");
        assert_eq!(index.count(&spec), expected.len() as u64, "{spec:?}");
    }
    let mut expected = changed.clone();
    expected.sort_by(|a, b| a.login.cmp(&b.login));
    assert_eq!(index.snapshot(), expected);
}

#[test]
fn pages_show_the_owner_and_junk_cursors_walk_nothing() {
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
    for login in ["~~~", "{", "", "zzzz"] {
        for value in [i64::MIN, 0, i64::MAX] {
            for sort in ORDERS {
                for descending in [false, true] {
                    let spec = ListSpec {
                        after: Some(Cursor {
                            value,
                            login: login.into(),
                        }),
                        sort,
                        descending,
                        login_prefix: "a".into(),
                        ..spec.clone()
                    };
                    let _ = index.page(&spec);
                    let _ = index.page(&ListSpec {
                        login_prefix: String::new(),
                        ..spec
                    });
                }
            }
        }
    }
}
