//! Keyset-paginated account lists. Each query walks one index range (a role's
//! or an owner's accounts); none counts or scans the whole table.

use super::accounts::{ACCOUNT_FIELDS, AccountRow};
use super::{Context, DbError, Executor, run};
use crate::domain::account::StateFilter;
use crate::domain::listing::{Cursor, SortKey, prefix_end};

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

fn sort_column(sort: SortKey) -> &'static str {
    match sort {
        SortKey::Login => "login",
        SortKey::State => "state_sort",
        SortKey::Users => "alloc_users",
        SortKey::Disk => "disk_sort",
        SortKey::Traffic => "traffic_sort",
    }
}

/// The value a row has in the sorted column, for the next page's cursor.
pub fn sort_value(row: &AccountRow, sort: SortKey) -> i64 {
    match sort {
        SortKey::Login => 0,
        SortKey::State => i64::from(row.enabled),
        SortKey::Users => row.alloc_users,
        SortKey::Disk => row.disk_limit.unwrap_or(UNLIMITED_SORT),
        SortKey::Traffic => row.traffic_limit.unwrap_or(UNLIMITED_SORT),
    }
}

fn where_clause(spec: &ListSpec, with_cursor: bool) -> String {
    let mut parts = vec![match spec.scope {
        Scope::Role(_) => "role = $role".to_owned(),
        Scope::Owner(_) => "owner = type::record('account', $owner)".to_owned(),
    }];
    if !spec.login_prefix.is_empty() {
        parts.push("login >= $prefix AND login < $prefix_end".into());
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
        let (cmp, column) = (
            if spec.descending { "<" } else { ">" },
            sort_column(spec.sort),
        );
        parts.push(if spec.sort == SortKey::Login {
            format!("login {cmp} $after_login")
        } else {
            format!("({column} {cmp} $after_value OR ({column} = $after_value AND login {cmp} $after_login))")
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
    if !spec.login_prefix.is_empty() {
        query = query
            .bind(("prefix", spec.login_prefix.clone()))
            .bind(("prefix_end", prefix_end(&spec.login_prefix)));
    }
    if let Some(cursor) = &spec.after {
        query = query
            .bind(("after_value", cursor.value))
            .bind(("after_login", cursor.login.clone()));
    }
    query
}

pub fn page_sql(spec: &ListSpec) -> String {
    let direction = if spec.descending { "DESC" } else { "ASC" };
    let column = sort_column(spec.sort);
    let order = if spec.sort == SortKey::Login {
        format!("login {direction}")
    } else {
        format!("{column} {direction}, login {direction}")
    };
    // ORDER BY needs the sorted column among the selected fields.
    let extra = if spec.sort == SortKey::Login {
        String::new()
    } else {
        format!(", {column}")
    };
    format!(
        "SELECT {ACCOUNT_FIELDS}{extra} FROM account WHERE {} ORDER BY {order} LIMIT {}",
        where_clause(spec, true),
        spec.limit
    )
}

/// One page; the caller asks for one row more than it shows, to know whether
/// another page follows.
pub async fn page(db: &impl Executor, spec: &ListSpec) -> Result<Vec<AccountRow>, DbError> {
    let sql = page_sql(spec);
    bind_spec(db.sql(&sql), spec)
        .await
        .and_then(|r| r.check())
        .context("listing accounts")?
        .take(0)
        .context("listing accounts")
}

/// How many accounts match the filter (over the scope's index range).
pub async fn count(db: &impl Executor, spec: &ListSpec) -> Result<u64, DbError> {
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
