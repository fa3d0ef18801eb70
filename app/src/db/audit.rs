//! The audit log: entries, written once and never changed, and the keys that
//! make every view of them one ordered range (migration 9).

use surrealdb::types::{Array, RecordId, SurrealValue, Value};

use super::{Context, DbError, Executor, run};
use crate::domain::audit::{self as rules, Cursor, NANOS, rank_of};

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AuditEntry {
    pub at: i64,
    /// Logins of the acting chain, the logged-in account first.
    pub chain: Vec<String>,
    pub action: String,
    pub target: String,
    pub target_owner: Option<String>,
    pub detail: String,
    /// The target account's record key, and its owner's: who may see the
    /// entry is decided by these, never by the logins above.
    pub target_id: Option<String>,
    pub owner_id: Option<String>,
}

/// An entry with its place in time: nanoseconds (within the second `at`
/// says) and a random nonce that tells apart entries of one instant.
#[derive(Debug, Clone)]
pub struct Stamped {
    pub entry: AuditEntry,
    pub nanos: i64,
    pub nonce: i64,
}

impl Stamped {
    /// Stamps `entry` now, keeping the second its writer chose.
    pub fn now(entry: AuditEntry) -> Self {
        let sub = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::from(d.subsec_nanos()))
            .unwrap_or(0);
        Self::at(entry, sub)
    }

    /// Stamps `entry` at `sub` nanoseconds into its second.
    pub fn at(entry: AuditEntry, sub: i64) -> Self {
        use rand::Rng;
        let nanos = entry.at.saturating_mul(NANOS) + sub.rem_euclid(NANOS);
        Stamped {
            entry,
            nanos,
            nonce: rand::rng().random_range(0..i64::MAX),
        }
    }

    fn cursor(&self) -> Cursor {
        Cursor {
            rank: rank_of(self.nanos),
            nonce: self.nonce,
        }
    }
}

fn id(table: &str, parts: Vec<Value>) -> RecordId {
    RecordId::new(table, Array::from(parts))
}

fn entry_id(cursor: Cursor) -> RecordId {
    id(
        "audit",
        vec![cursor.rank.into_value(), cursor.nonce.into_value()],
    )
}

fn key_id(key: &str, cursor: Cursor) -> RecordId {
    id(
        "audit_key",
        vec![
            key.to_owned().into_value(),
            cursor.rank.into_value(),
            cursor.nonce.into_value(),
        ],
    )
}

#[derive(Debug, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct StoredEntry {
    id: RecordId,
    at: i64,
    chain: Vec<String>,
    action: String,
    target: String,
    target_owner: Option<String>,
    detail: String,
    target_id: Option<String>,
    owner_id: Option<String>,
}

#[derive(Debug, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct KeyRow {
    id: RecordId,
    entry: RecordId,
}

/// Writes one entry (in the caller's transaction, with the change it records).
/// An entry that names its target by login only is given the ids of the
/// account holding that login now, in this transaction: it is about that
/// account, and only ids decide who may read it.
pub async fn record(db: &impl Executor, mut entry: AuditEntry) -> Result<(), DbError> {
    if entry.target_id.is_none()
        && entry.action != "login.failed"
        && crate::domain::Login::parse(&entry.target).is_ok()
        && let Some(row) = super::accounts::get_by_login(db, &entry.target).await?
    {
        entry.target_id = Some(row.id);
        entry.owner_id = row.owner_id;
    }
    record_many(db, vec![Stamped::now(entry)]).await
}

/// Writes entries and their keys in one statement each, and tells the change
/// stream (instances remember audit pages until it says the log changed).
/// Inside the caller's transaction, so that the two cannot come apart.
pub async fn record_many(db: &impl Executor, batch: Vec<Stamped>) -> Result<(), DbError> {
    let mut entries = Vec::with_capacity(batch.len());
    let mut keys = Vec::with_capacity(batch.len() * 12);
    for stamped in batch {
        let cursor = stamped.cursor();
        let entry_id = entry_id(cursor);
        let e = stamped.entry;
        for key in rules::keys_of(
            e.target_id.as_deref(),
            e.owner_id.as_deref(),
            &e.target,
            &e.action,
        ) {
            keys.push(KeyRow {
                id: key_id(&key, cursor),
                entry: entry_id.clone(),
            });
        }
        entries.push(StoredEntry {
            id: entry_id,
            at: e.at,
            chain: e.chain,
            action: e.action,
            target: e.target,
            target_owner: e.target_owner,
            detail: e.detail,
            target_id: e.target_id,
            owner_id: e.owner_id,
        });
    }
    run(
        db.sql("INSERT INTO audit $entries RETURN NONE; INSERT INTO audit_key $keys RETURN NONE;")
            .bind(("entries", entries))
            .bind(("keys", keys)),
        "writing the audit log",
    )
    .await?;
    super::changes::append(db, &super::changes::Change::Audit, super::now())
        .await
        .map(|_| ())
}

/// One page of a key range: the places of the entries after
/// `$rank`/`$nonce`, up to `$oldest`. An entry's id is its place, so the
/// page needs nothing else from the key rows.
///
/// The range is built by `type::record` rather than written as a record
/// range literal: SurrealDB 3 hands LIMIT down to the storage scan only for a
/// table or function source, and reads a literal range whole before limiting
/// it (3.4 s for the admin's first page at 1 000 000 entries).
/// `limit_reaches_the_scan` pins this.
macro_rules! page_select {
    () => {
        "SELECT VALUE [record::id(id)[1], record::id(id)[2]] \
         FROM type::record('audit_key', \
             [$key, $rank, $nonce] >..= [$key, $oldest, 9223372036854775807]) \
         LIMIT $limit"
    };
}
const PAGE_QUERY: &str = page_select!();
const PAGE_PLAN_QUERY: &str = concat!("EXPLAIN ", page_select!());

fn page_query<'a>(
    db: &'a impl Executor,
    sql: &'static str,
    key: &str,
    start: Cursor,
    oldest: i64,
    limit: usize,
) -> surrealdb::method::Query<'a, surrealdb::engine::any::Any> {
    db.sql(sql)
        .bind(("key", key.to_owned()))
        .bind(("rank", start.rank))
        .bind(("nonce", start.nonce))
        .bind(("oldest", oldest))
        .bind(("limit", limit as i64))
}

/// The places of up to `limit` entries of the key range `key`, newest
/// first, with ranks from `newest` to `oldest` (inclusive) and after `after`.
pub async fn page(
    db: &impl Executor,
    key: &str,
    newest: i64,
    oldest: i64,
    after: Option<Cursor>,
    limit: usize,
) -> Result<Vec<Cursor>, DbError> {
    // The walk starts just past the later of the cursor and the newest rank
    // allowed (nonces are never negative, so -1 lies before every one).
    let floor = Cursor {
        rank: newest,
        nonce: -1,
    };
    let start = match after {
        Some(c) if (c.rank, c.nonce) > (floor.rank, floor.nonce) => c,
        _ => floor,
    };
    let places: Vec<(i64, i64)> = run(
        page_query(db, PAGE_QUERY, key, start, oldest, limit),
        "reading the audit log",
    )
    .await?
    .take(0)
    .context("reading the audit log")?;
    Ok(places
        .into_iter()
        .map(|(rank, nonce)| Cursor { rank, nonce })
        .collect())
}

/// SurrealDB's plan for a page read, as text: whether LIMIT reaches the
/// storage scan decides whether a page costs its size or the whole log's.
pub async fn page_plan(db: &impl Executor) -> Result<String, DbError> {
    let start = Cursor { rank: 0, nonce: -1 };
    let plan: Option<String> = run(
        page_query(db, PAGE_PLAN_QUERY, "*", start, i64::MAX, 51),
        "explaining an audit page",
    )
    .await?
    .take(0)
    .context("explaining an audit page")?;
    Ok(plan.unwrap_or_default())
}

/// An entry with its place, as `entries` reads it.
#[derive(Debug, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct PlacedEntry {
    rank: i64,
    nonce: i64,
    entry: AuditEntry,
}

/// The entries at these places, in no particular order; a place without an
/// entry is left out.
pub async fn entries(
    db: &impl Executor,
    places: &[Cursor],
) -> Result<Vec<(Cursor, AuditEntry)>, DbError> {
    if places.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<RecordId> = places.iter().map(|c| entry_id(*c)).collect();
    let rows: Vec<PlacedEntry> = run(
        db.sql(
            "SELECT record::id(id)[0] AS rank, record::id(id)[1] AS nonce, \
             $this.{at, chain, action, target, target_owner, detail, target_id, owner_id} \
             AS entry FROM $ids",
        )
        .bind(("ids", ids)),
        "reading audit entries",
    )
    .await?
    .take(0)
    .context("reading audit entries")?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let place = Cursor {
                rank: row.rank,
                nonce: row.nonce,
            };
            (place, row.entry)
        })
        .collect())
}

/// An account as the benchmark's generated entries name it.
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct Subject {
    pub id: String,
    pub login: String,
    pub role: String,
    pub owner_id: Option<String>,
    pub owner_login: Option<String>,
}

/// Every account but the admin, for generating benchmark entries.
pub async fn subjects(db: &impl Executor) -> Result<Vec<Subject>, DbError> {
    run(
        db.sql(
            "SELECT record::id(id) AS id, login, role, \
             (IF owner != NONE THEN record::id(owner) ELSE NONE END) AS owner_id, \
             owner.login AS owner_login FROM account WHERE role != 'admin'",
        ),
        "reading accounts for the audit benchmark",
    )
    .await?
    .take(0)
    .context("reading accounts for the audit benchmark")
}
