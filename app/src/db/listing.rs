//! Keyset-paginated account lists. Each query walks one index range (a role's
//! or an owner's accounts) forwards; none counts or scans the whole table.
//! Descending orders use their own ascending keys (`*_desc` fields), because
//! the embedded store walks backwards far more slowly.

use super::accounts::{AccountRow, LIST_FIELDS, record};
use super::{Context, DbError, Executor, run};
use crate::domain::account::StateFilter;
use crate::domain::listing::{
    Cursor, SortKey, descending_key, descending_prefix, descending_prefix_end, prefix_end,
};

/// Whose accounts a list shows.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every account of a role ("reseller", "user").
    Role(&'static str),
    /// The accounts owned by one account.
    Owner(String),
}

#[derive(Debug, Clone)]
pub struct ListSpec {
    pub scope: Scope,
    pub login_prefix: String,
    pub state: StateFilter,
    pub sort: SortKey,
    pub descending: bool,
    pub after: Option<Cursor>,
    pub limit: usize,
}

const UNLIMITED_SORT: i64 = i64::MAX;

/// The indexed column a sort walks, always in ascending order.
fn sort_column(sort: SortKey, descending: bool) -> &'static str {
    match (sort, descending) {
        (SortKey::Login, false) => "login",
        (SortKey::Login, true) => "login_desc",
        (SortKey::State, false) => "state_sort",
        (SortKey::State, true) => "state_desc",
        (SortKey::Users, false) => "alloc_users",
        (SortKey::Users, true) => "users_desc",
        (SortKey::Disk, false) => "disk_sort",
        (SortKey::Disk, true) => "disk_desc",
        (SortKey::Traffic, false) => "traffic_sort",
        (SortKey::Traffic, true) => "traffic_desc",
    }
}

/// The value a row has in the sorted column, for the next page's cursor.
pub fn sort_value(row: &AccountRow, sort: SortKey, descending: bool) -> i64 {
    let ascending = match sort {
        SortKey::Login => 0,
        SortKey::State => i64::from(row.enabled),
        SortKey::Users => row.alloc_users,
        SortKey::Disk => row.disk_limit.unwrap_or(UNLIMITED_SORT),
        SortKey::Traffic => row.traffic_limit.unwrap_or(UNLIMITED_SORT),
    };
    if descending { -ascending } else { ascending }
}

fn by_login(spec: &ListSpec) -> bool {
    spec.sort == SortKey::Login
}

/// A name filter in A–Z order walks the scope key ("reseller/acme"): one
/// index range with both bounds.
fn by_scope_key(spec: &ListSpec) -> bool {
    !spec.login_prefix.is_empty() && by_login(spec) && !spec.descending
}

fn scope_key_column(scope: &Scope) -> &'static str {
    match scope {
        Scope::Role(_) => "role_key",
        Scope::Owner(_) => "owner_key",
    }
}

fn scope_key(scope: &Scope, login: &str) -> String {
    match scope {
        Scope::Role(role) => format!("{role}/{login}"),
        Scope::Owner(owner) => format!("{owner}/{login}"),
    }
}

fn where_clause(spec: &ListSpec, with_cursor: bool) -> String {
    let key = scope_key_column(&spec.scope);
    let mut parts = vec![if by_scope_key(spec) {
        format!("{key} >= $key_start AND {key} < $key_end")
    } else {
        match spec.scope {
            Scope::Role(_) => "role = $role".to_owned(),
            Scope::Owner(_) => "owner = type::record('account', $owner)".to_owned(),
        }
    }];
    if by_scope_key(spec) {
        // The key range is the prefix filter.
    } else if !spec.login_prefix.is_empty() {
        // Range over the column being walked, so that the index serves both.
        parts.push(if by_login(spec) && spec.descending {
            "login_desc >= $prefix AND login_desc < $prefix_end".into()
        } else {
            "login >= $prefix AND login < $prefix_end".into()
        });
    }
    // A user is active only while its owner is; resellers' owner is the admin.
    let owner_active = match spec.scope {
        Scope::Role("reseller") => "",
        _ => " AND (owner.enabled ?? true) = true",
    };
    match spec.state {
        StateFilter::Any => {}
        StateFilter::Active => parts.push(format!("enabled = true{owner_active}")),
        StateFilter::Inactive => parts.push(if owner_active.is_empty() {
            "enabled = false".into()
        } else {
            "(enabled = false OR (owner.enabled ?? true) = false)".into()
        }),
    }
    if with_cursor && spec.after.is_some() {
        let column = sort_column(spec.sort, spec.descending);
        parts.push(if by_scope_key(spec) {
            format!("{key} > $after_scope_key")
        } else if by_login(spec) {
            format!("{column} > $after_key")
        } else {
            format!(
                "({column} > $after_value OR ({column} = $after_value AND login > $after_login))"
            )
        });
    }
    parts.join(" AND ")
}

fn bind_spec<'a>(
    mut query: surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
    spec: &ListSpec,
) -> surrealdb::method::Query<'a, surrealdb::engine::any::Any> {
    query = match &spec.scope {
        Scope::Role(role) => query.bind(("role", role.to_string())),
        Scope::Owner(owner) => query.bind(("owner", owner.clone())),
    };
    if by_scope_key(spec) {
        query = query
            .bind(("key_start", scope_key(&spec.scope, &spec.login_prefix)))
            .bind((
                "key_end",
                scope_key(&spec.scope, &prefix_end(&spec.login_prefix)),
            ));
    }
    if !spec.login_prefix.is_empty() {
        let (start, end) = if by_login(spec) && spec.descending {
            (
                descending_prefix(&spec.login_prefix),
                descending_prefix_end(&spec.login_prefix),
            )
        } else {
            (spec.login_prefix.clone(), prefix_end(&spec.login_prefix))
        };
        query = query.bind(("prefix", start)).bind(("prefix_end", end));
    }
    if let Some(cursor) = &spec.after {
        let key = if spec.descending {
            descending_key(&cursor.login)
        } else {
            cursor.login.clone()
        };
        query = query
            .bind(("after_value", cursor.value))
            .bind(("after_login", cursor.login.clone()))
            .bind(("after_key", key))
            .bind(("after_scope_key", scope_key(&spec.scope, &cursor.login)));
    }
    query
}

pub fn page_sql(spec: &ListSpec) -> String {
    let column = if by_scope_key(spec) {
        scope_key_column(&spec.scope)
    } else {
        sort_column(spec.sort, spec.descending)
    };
    let order = if by_login(spec) {
        format!("{column} ASC")
    } else {
        format!("{column} ASC, login ASC")
    };
    // ORDER BY needs the sorted column among the selected fields.
    let extra = if column == "login" {
        String::new()
    } else {
        format!(", {column}")
    };
    format!(
        "SELECT {LIST_FIELDS}{extra} FROM account WHERE {} ORDER BY {order} LIMIT {}",
        where_clause(spec, true),
        spec.limit
    )
}

/// One page; the caller asks for one row more than it shows, to know whether
/// another page follows.
pub async fn page(db: &impl Executor, spec: &ListSpec) -> Result<Vec<AccountRow>, DbError> {
    let sql = page_sql(spec);
    let mut rows: Vec<AccountRow> = bind_spec(db.sql(&sql), spec)
        .await
        .and_then(|r| r.check())
        .context("listing accounts")?
        .take(0)
        .context("listing accounts")?;
    // Resellers' owner is the admin, which is always active and never shown.
    if !matches!(spec.scope, Scope::Role("reseller")) {
        fill_owners(db, &mut rows).await?;
    }
    Ok(rows)
}

/// Looks up the owners of a page once each, for the owner column and the
/// derived state.
async fn fill_owners(db: &impl Executor, rows: &mut [AccountRow]) -> Result<(), DbError> {
    use surrealdb::types::SurrealValue;
    #[derive(Debug, SurrealValue)]
    #[surreal(crate = "surrealdb::types")]
    struct Owner {
        id: String,
        login: String,
        enabled: bool,
    }
    let mut ids: Vec<String> = rows.iter().filter_map(|r| r.owner_id.clone()).collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let records: Vec<_> = ids.iter().map(|id| record(id)).collect();
    let owners: Vec<Owner> = run(
        db.sql("SELECT record::id(id) AS id, login, enabled FROM $records")
            .bind(("records", records)),
        "reading the owners of a page",
    )
    .await?
    .take(0)
    .context("reading the owners of a page")?;
    for row in rows.iter_mut() {
        if let Some(owner) = owners.iter().find(|o| row.owner_id.as_ref() == Some(&o.id)) {
            row.owner_login = Some(owner.login.clone());
            row.owner_enabled = Some(owner.enabled);
        }
    }
    Ok(())
}

/// How many accounts match the filter (over the scope's index range).
pub async fn count(db: &impl Executor, spec: &ListSpec) -> Result<u64, DbError> {
    // Order does not matter to a count: the A–Z shape lets a name filter count
    // index keys only.
    let spec = &ListSpec {
        sort: SortKey::Login,
        descending: false,
        after: None,
        ..spec.clone()
    };
    let sql = format!(
        "SELECT VALUE count() FROM account WHERE {} GROUP ALL",
        where_clause(spec, false)
    );
    let counts: Vec<i64> = bind_spec(db.sql(&sql), spec)
        .await
        .and_then(|r| r.check())
        .context("counting accounts")?
        .take(0)
        .context("counting accounts")?;
    Ok(counts.first().copied().unwrap_or(0).max(0) as u64)
}

/// The query plan of a page, for checking that lists use an index.
pub async fn explain(db: &impl Executor, spec: &ListSpec) -> Result<String, DbError> {
    let sql = format!("{} EXPLAIN", page_sql(spec));
    let mut response = run(bind_spec(db.sql(&sql), spec), "explaining a list").await?;
    let plan: surrealdb::types::Value = response.take(0).context("explaining a list")?;
    Ok(format!("{plan:?}"))
}
