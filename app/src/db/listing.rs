//! What an account list asks for, and the queries that load list rows into
//! the in-memory read model (`lists`). Pages and counts are served from that
//! model; these queries read one account, one owner's users, or the whole
//! table a chunk at a time at start-up.

use super::accounts::{AccountRow, LIST_FIELDS, record};
use super::{Context, DbError, Executor, run};
use crate::domain::AccountState;
use crate::domain::account::StateFilter;
use crate::domain::listing::{Cursor, SortKey};

/// Whose accounts a list shows.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every account of a role ("reseller", "user").
    Role(&'static str),
    /// The users owned by one account.
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

/// Unlimited sorts after every finite amount.
const UNLIMITED_SORT: i64 = i64::MAX;

/// The value a row has in a sort order (ascending) when its owner's own flag
/// is `owner_enabled` (`None`: no owner); with the login it is the row's
/// position.
pub fn position_value(row: SortFields, owner_enabled: Option<bool>, sort: SortKey) -> i64 {
    match sort {
        SortKey::Login => 0,
        // Inactive before active, by the derived state: a user of a disabled
        // reseller is inactive however its own flag is set.
        SortKey::State => {
            i64::from(AccountState::derive(row.enabled, owner_enabled.as_slice()).is_active())
        }
        SortKey::Users => row.alloc_users,
        SortKey::Disk => row.disk_limit.unwrap_or(UNLIMITED_SORT),
        SortKey::Traffic => row.traffic_limit.unwrap_or(UNLIMITED_SORT),
    }
}

/// The value of a row as a page shows it (its owner's flag filled in): the
/// next page's cursor.
pub fn sort_value(row: &AccountRow, sort: SortKey) -> i64 {
    position_value(row.into(), row.owner_enabled, sort)
}

/// What a row's place in an order depends on (besides its owner's flag).
#[derive(Debug, Clone, Copy)]
pub struct SortFields {
    pub enabled: bool,
    pub alloc_users: i64,
    pub disk_limit: Option<i64>,
    pub traffic_limit: Option<i64>,
}

impl From<&AccountRow> for SortFields {
    fn from(row: &AccountRow) -> Self {
        SortFields {
            enabled: row.enabled,
            alloc_users: row.alloc_users,
            disk_limit: row.disk_limit,
            traffic_limit: row.traffic_limit,
        }
    }
}

/// Rows of accounts in login order after `after_login`, `limit` at a time
/// (walks the unique login index forwards).
pub async fn rows_after(
    db: &impl Executor,
    after_login: &str,
    limit: usize,
) -> Result<Vec<AccountRow>, DbError> {
    let sql = format!(
        "SELECT {LIST_FIELDS} FROM account WHERE login > $after ORDER BY login ASC LIMIT {limit}"
    );
    run(
        db.sql(&sql).bind(("after", after_login.to_owned())),
        "loading list rows",
    )
    .await?
    .take(0)
    .context("loading list rows")
}

/// The list rows of these accounts; an id without a record is left out.
pub async fn rows_of(db: &impl Executor, ids: &[String]) -> Result<Vec<AccountRow>, DbError> {
    let records: Vec<_> = ids.iter().map(|id| record(id)).collect();
    let sql = format!("SELECT {LIST_FIELDS} FROM $records");
    run(db.sql(&sql).bind(("records", records)), "reading list rows")
        .await?
        .take(0)
        .context("reading list rows")
}

/// The list rows of every user an account owns (over the owner index).
pub async fn users_of(db: &impl Executor, owner_id: &str) -> Result<Vec<AccountRow>, DbError> {
    let sql = format!(
        "SELECT {LIST_FIELDS} FROM account WHERE owner = type::record('account', $owner) \
         AND role = 'user'"
    );
    run(
        db.sql(&sql).bind(("owner", owner_id.to_owned())),
        "reading an owner's list rows",
    )
    .await?
    .take(0)
    .context("reading an owner's list rows")
}
