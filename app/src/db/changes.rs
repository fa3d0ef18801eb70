//! The stream of committed changes (migration 10).
//!
//! Every write that an instance's memory depends on appends a [`Change`] in
//! the same transaction, under the next number of the one revision counter.
//! Because every such transaction writes that counter, two of them never
//! commit side by side: revision n+1 is committed only after revision n was,
//! so a reader that finds the counter at `head` finds every change up to
//! `head`, and a cursor that has read up to n has missed nothing.

use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};

/// What a committed write changed, as far as the memory of an instance is
/// concerned (the list model, remembered sessions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing an instance remembers (e.g. a refused row of a bulk action).
    Nothing,
    /// These accounts (by id): their list rows, and every session, whose
    /// chain or rights may depend on them.
    Accounts(Vec<String>),
    /// An account and every user it owns.
    AccountAndUsers(String),
    /// Sessions only: one ended, or entered or left a panel.
    Sessions,
    /// Audit entries were written (they change no account).
    Audit,
    /// Tickets between these accounts (by id) changed: their support
    /// centers and unread counts.
    Tickets(Vec<String>),
    /// Brands or host names changed: every instance reloads its brand book.
    Brands,
    /// Anything at all (bulk loads): reload everything.
    Everything,
}

impl Change {
    /// The accounts with these ids.
    pub fn accounts<const N: usize>(ids: [&str; N]) -> Self {
        Change::Accounts(ids.iter().map(|id| (*id).to_owned()).collect())
    }

    fn stored(&self) -> Option<(&'static str, Vec<String>)> {
        match self {
            Change::Nothing => None,
            Change::Accounts(ids) => Some(("accounts", ids.clone())),
            Change::AccountAndUsers(owner) => Some(("account_and_users", vec![owner.clone()])),
            Change::Sessions => Some(("sessions", Vec::new())),
            Change::Audit => Some(("audit", Vec::new())),
            Change::Tickets(parties) => Some(("tickets", parties.clone())),
            Change::Brands => Some(("brands", Vec::new())),
            Change::Everything => Some(("everything", Vec::new())),
        }
    }

    fn from_stored(kind: &str, ids: Vec<String>) -> Self {
        match kind {
            "accounts" => Change::Accounts(ids),
            "account_and_users" => match ids.into_iter().next() {
                Some(owner) => Change::AccountAndUsers(owner),
                None => Change::Everything,
            },
            "sessions" => Change::Sessions,
            "audit" => Change::Audit,
            "tickets" => Change::Tickets(ids),
            "brands" => Change::Brands,
            // A kind this release does not know (written by a newer one):
            // the safe reading is that anything may have changed.
            _ => Change::Everything,
        }
    }
}

/// Appends `change` to the stream inside the writing transaction; its
/// revision, or None when there is nothing to tell.
pub async fn append(tx: &impl Executor, change: &Change, now: i64) -> Result<Option<u64>, DbError> {
    let Some((kind, ids)) = change.stored() else {
        return Ok(None);
    };
    let revision: Option<i64> = run(
        tx.sql(
            "LET $rev = (UPSERT ONLY revision:changes SET v = (v ?? 0) + 1 RETURN VALUE v);
             CREATE type::record('change', $rev) CONTENT { kind: $kind, ids: $ids, at: $now };
             RETURN $rev;",
        )
        .bind(("kind", kind))
        .bind(("ids", ids))
        .bind(("now", now)),
        "appending to the change stream",
    )
    .await?
    .take(2)
    .context("appending to the change stream")?;
    let revision =
        revision.ok_or_else(|| DbError::internal("the revision counter gave nothing"))?;
    Ok(Some(revision as u64))
}

/// The newest revision committed (0 before the first change).
pub async fn head(db: &impl Executor) -> Result<u64, DbError> {
    let value: Option<i64> = run(
        db.sql("(SELECT VALUE v FROM ONLY revision:changes)"),
        "reading the head of the change stream",
    )
    .await?
    .take(0)
    .context("reading the head of the change stream")?;
    Ok(value.unwrap_or(0).max(0) as u64)
}

#[derive(Debug, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct StoredChange {
    rev: i64,
    kind: String,
    ids: Vec<String>,
}

/// The changes after `cursor` up to and including `head`, in order. Fewer
/// than `head - cursor` means some were purged: the reader must reload.
pub async fn between(
    db: &impl Executor,
    cursor: u64,
    head: u64,
) -> Result<Vec<(u64, Change)>, DbError> {
    let rows: Vec<StoredChange> = run(
        db.sql(
            "SELECT record::id(id) AS rev, kind, ids \
             FROM type::record('change', $cursor >..= $head)",
        )
        .bind(("cursor", cursor as i64))
        .bind(("head", head as i64)),
        "reading the change stream",
    )
    .await?
    .take(0)
    .context("reading the change stream")?;
    Ok(rows
        .into_iter()
        .map(|row| (row.rev as u64, Change::from_stored(&row.kind, row.ids)))
        .collect())
}

/// Forgets changes recorded before `before` (seconds since the epoch).
pub async fn purge(db: &impl Executor, before: i64) -> Result<(), DbError> {
    run(
        db.sql("DELETE change WHERE at < $before")
            .bind(("before", before)),
        "purging old changes",
    )
    .await
    .map(|_| ())
}
