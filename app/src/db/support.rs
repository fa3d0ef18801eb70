//! The support center's storage (migration 11): tickets, their threads,
//! the keys inboxes page by, categories and per-account tallies.
//!
//! A ticket's keys (`ticket_key:[view, rank, ticket]`) are rewritten with
//! every change of what an inbox shows or filters on, in the same
//! transaction as the ticket, so that a page is one forward walk of a
//! record-id range, like the audit log's (see `db::audit` for why the range
//! is built by `type::record`).

use surrealdb::types::{Array, RecordId, SurrealValue, Value};

use super::{Context, DbError, Executor, run};
use crate::domain::support::TicketCursor;

/// A ticket as stored (its key aside).
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct TicketRecord {
    pub subject: String,
    pub priority: String,
    pub working_priority: String,
    pub category: Option<String>,
    pub upper: String,
    pub upper_login: String,
    pub upper_role: String,
    pub lower: String,
    pub lower_login: String,
    pub lower_role: String,
    pub opened_by: String,
    pub status: String,
    pub created_at: i64,
    pub last_at: i64,
    pub rank: i64,
    pub messages: i64,
    pub upper_unread: bool,
    pub lower_unread: bool,
}

/// A ticket with its key and its category's current name.
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct TicketRow {
    pub id: String,
    pub category_name: Option<String>,
    pub ticket: TicketRecord,
}

const TICKET_FIELDS: &str = "record::id(id) AS id, \
    (IF category != NONE THEN type::record('ticket_category', category).name END) AS category_name, \
    $this.{subject, priority, working_priority, category, upper, upper_login, upper_role, lower, \
    lower_login, lower_role, opened_by, status, created_at, last_at, rank, messages, \
    upper_unread, lower_unread} AS ticket";

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct MessageRecord {
    pub author: String,
    pub side: String,
    pub chain: Vec<String>,
    pub text: String,
    pub at: i64,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct MessageRow {
    pub seq: i64,
    pub message: MessageRecord,
}

/// What an inbox filters on, as a ticket's key holds it.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct KeyRow {
    pub rank: i64,
    pub ticket: String,
    pub dir: Option<String>,
    pub status: String,
    pub priority: String,
    pub category: Option<String>,
    pub subject: String,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct KeyContent {
    dir: Option<String>,
    status: String,
    priority: String,
    category: Option<String>,
    subject: String,
}

/// The inbox of every party, and the admin's view of the server.
pub const SERVER_VIEW: &str = "*";

pub fn party_view(account: &str) -> String {
    format!("p:{account}")
}

fn key_id(view: &str, rank: i64, ticket: &str) -> RecordId {
    let parts: Vec<Value> = vec![
        view.to_owned().into_value(),
        rank.into_value(),
        ticket.to_owned().into_value(),
    ];
    RecordId::new("ticket_key", Array::from(parts))
}

/// The keys of a ticket in this state: one per party's inbox, one for the server's.
fn keys_of(id: &str, t: &TicketRecord) -> Vec<(RecordId, KeyContent)> {
    let content = |dir: Option<&str>| KeyContent {
        dir: dir.map(str::to_owned),
        status: t.status.clone(),
        priority: t.working_priority.clone(),
        category: t.category.clone(),
        subject: t.subject.to_lowercase(),
    };
    vec![
        (
            key_id(&party_view(&t.upper), t.rank, id),
            content(Some("below")),
        ),
        (
            key_id(&party_view(&t.lower), t.rank, id),
            content(Some("above")),
        ),
        (key_id(SERVER_VIEW, t.rank, id), content(None)),
    ]
}

/// Writes a ticket whole, replacing the keys of its state `before` (none
/// for a new ticket) by those of its new state.
pub async fn put_ticket(
    tx: &impl Executor,
    id: &str,
    before: Option<&TicketRecord>,
    ticket: &TicketRecord,
) -> Result<(), DbError> {
    let old: Vec<RecordId> = before
        .map(|b| keys_of(id, b).into_iter().map(|(key, _)| key).collect())
        .unwrap_or_default();
    let new: Vec<StoredKey> = keys_of(id, ticket)
        .into_iter()
        .map(|(id, content)| StoredKey { id, content })
        .collect();
    let query = tx
        .sql(
            "UPSERT type::record('ticket', $id) CONTENT $ticket RETURN NONE;
             FOR $key IN $old { DELETE $key; };
             FOR $key IN $new { UPSERT $key.id CONTENT $key.content RETURN NONE; };",
        )
        .bind(("id", id.to_owned()))
        .bind(("ticket", ticket.clone()))
        .bind(("old", old))
        .bind(("new", new));
    run(query, "writing a ticket").await.map(|_| ())
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct StoredKey {
    id: RecordId,
    content: KeyContent,
}

/// Adds message `seq` to a ticket's thread.
pub async fn add_message(
    tx: &impl Executor,
    ticket: &str,
    seq: i64,
    message: &MessageRecord,
) -> Result<(), DbError> {
    run(
        tx.sql(
            "CREATE type::record('ticket_message', [$ticket, $seq]) CONTENT $message RETURN NONE",
        )
        .bind(("ticket", ticket.to_owned()))
        .bind(("seq", seq))
        .bind(("message", message.clone())),
        "adding a message",
    )
    .await
    .map(|_| ())
}

pub async fn get_ticket(db: &impl Executor, id: &str) -> Result<Option<TicketRow>, DbError> {
    if !crate::domain::support::is_ticket_id(id) {
        return Ok(None);
    }
    let sql = format!("SELECT {TICKET_FIELDS} FROM ONLY type::record('ticket', $id)");
    run(db.sql(&sql).bind(("id", id.to_owned())), "reading a ticket")
        .await?
        .take(0)
        .context("reading a ticket")
}

/// The tickets with these keys, in no particular order.
pub async fn tickets(db: &impl Executor, ids: &[String]) -> Result<Vec<TicketRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let records: Vec<RecordId> = ids
        .iter()
        .map(|id| RecordId::new("ticket", id.clone()))
        .collect();
    let sql = format!("SELECT {TICKET_FIELDS} FROM $ids");
    run(db.sql(&sql).bind(("ids", records)), "reading tickets")
        .await?
        .take(0)
        .context("reading tickets")
}

/// Up to `limit` keys of `view` after `after` (from the first without it).
pub async fn keys_after(
    db: &impl Executor,
    view: &str,
    after: Option<&TicketCursor>,
    limit: usize,
) -> Result<Vec<KeyRow>, DbError> {
    let (rank, ticket) = after.map_or((-1, String::new()), |c| (c.rank, c.ticket.clone()));
    run(
        db.sql(
            "SELECT record::id(id)[1] AS rank, record::id(id)[2] AS ticket, dir, status, \
             priority, category, subject \
             FROM type::record('ticket_key', \
                 [$view, $rank, $ticket] >..= [$view, 9223372036854775807, '~']) \
             LIMIT $limit",
        )
        .bind(("view", view.to_owned()))
        .bind(("rank", rank))
        .bind(("ticket", ticket))
        .bind(("limit", limit as i64)),
        "reading an inbox",
    )
    .await?
    .take(0)
    .context("reading an inbox")
}

/// Messages `from..=to` of a ticket's thread, oldest first.
pub async fn thread(
    db: &impl Executor,
    ticket: &str,
    from: i64,
    to: i64,
) -> Result<Vec<MessageRow>, DbError> {
    run(
        db.sql(
            "SELECT record::id(id)[1] AS seq, $this.{author, side, chain, text, at} AS message \
             FROM type::record('ticket_message', [$ticket, $from] ..= [$ticket, $to])",
        )
        .bind(("ticket", ticket.to_owned()))
        .bind(("from", from))
        .bind(("to", to)),
        "reading a thread",
    )
    .await?
    .take(0)
    .context("reading a thread")
}

/// An account's support tallies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct Tally {
    pub open_up: i64,
    pub unread_above: i64,
    pub unread_below: i64,
}

pub async fn tally(db: &impl Executor, account: &str) -> Result<Tally, DbError> {
    let tally: Option<Tally> = run(
        db.sql(
            "SELECT open_up, unread_above, unread_below \
             FROM ONLY type::record('support_tally', $account)",
        )
        .bind(("account", account.to_owned())),
        "reading support tallies",
    )
    .await?
    .take(0)
    .context("reading support tallies")?;
    Ok(tally.unwrap_or_default())
}

/// Adds to an account's tallies; answers them as they are after.
pub async fn add_to_tally(
    tx: &impl Executor,
    account: &str,
    delta: Tally,
) -> Result<Tally, DbError> {
    let tally: Option<Tally> = run(
        tx.sql(
            "UPSERT ONLY type::record('support_tally', $account) SET \
             open_up = (open_up ?? 0) + $open_up, \
             unread_above = (unread_above ?? 0) + $unread_above, \
             unread_below = (unread_below ?? 0) + $unread_below \
             RETURN open_up, unread_above, unread_below",
        )
        .bind(("account", account.to_owned()))
        .bind(("open_up", delta.open_up))
        .bind(("unread_above", delta.unread_above))
        .bind(("unread_below", delta.unread_below)),
        "updating support tallies",
    )
    .await?
    .take(0)
    .context("updating support tallies")?;
    Ok(tally.unwrap_or_default())
}

/// Counts a message written by `account` in minute `minute`; answers how
/// many it has written in that minute, this one included.
pub async fn count_message(tx: &impl Executor, account: &str, minute: i64) -> Result<i64, DbError> {
    let sent: Option<i64> = run(
        tx.sql(
            "UPSERT ONLY type::record('support_tally', $account) SET \
             sent = IF minute = $minute THEN (sent ?? 0) + 1 ELSE 1 END, \
             minute = $minute \
             RETURN VALUE sent",
        )
        .bind(("account", account.to_owned()))
        .bind(("minute", minute)),
        "counting a message",
    )
    .await?
    .take(0)
    .context("counting a message")?;
    Ok(sent.unwrap_or(1))
}

/// A ticket category as stored.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct CategoryRecord {
    pub owner: String,
    pub name: String,
    pub position: i64,
    pub enabled: bool,
    pub default_priority: Option<String>,
    pub tickets: i64,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct CategoryRow {
    pub id: String,
    pub category: CategoryRecord,
}

const CATEGORY_FIELDS: &str = "record::id(id) AS id, \
    $this.{owner, name, position, enabled, default_priority, tickets} AS category";

/// The categories of `owner` ('server' for the admin's), in their order.
pub async fn categories_of(db: &impl Executor, owner: &str) -> Result<Vec<CategoryRow>, DbError> {
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM ticket_category WHERE owner = $owner");
    let mut rows: Vec<CategoryRow> = run(
        db.sql(&sql).bind(("owner", owner.to_owned())),
        "reading ticket categories",
    )
    .await?
    .take(0)
    .context("reading ticket categories")?;
    rows.sort_by(|a, b| {
        (a.category.position, &a.category.name).cmp(&(b.category.position, &b.category.name))
    });
    Ok(rows)
}

pub async fn get_category(db: &impl Executor, id: &str) -> Result<Option<CategoryRow>, DbError> {
    if !crate::domain::support::is_ticket_id(id) {
        return Ok(None);
    }
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM ONLY type::record('ticket_category', $id)");
    run(
        db.sql(&sql).bind(("id", id.to_owned())),
        "reading a ticket category",
    )
    .await?
    .take(0)
    .context("reading a ticket category")
}

pub async fn put_category(
    tx: &impl Executor,
    id: &str,
    category: &CategoryRecord,
) -> Result<(), DbError> {
    run(
        tx.sql("UPSERT type::record('ticket_category', $id) CONTENT $category RETURN NONE")
            .bind(("id", id.to_owned()))
            .bind(("category", category.clone())),
        "writing a ticket category",
    )
    .await
    .map(|_| ())
}

pub async fn delete_category(tx: &impl Executor, id: &str) -> Result<(), DbError> {
    run(
        tx.sql("DELETE type::record('ticket_category', $id)")
            .bind(("id", id.to_owned())),
        "deleting a ticket category",
    )
    .await
    .map(|_| ())
}

/// A message with its place, for bulk loads (`server seed --tickets`).
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
struct PlacedMessage {
    id: RecordId,
    author: String,
    side: String,
    chain: Vec<String>,
    text: String,
    at: i64,
}

/// Writes many messages at once: (ticket, number, message).
pub async fn insert_messages(
    db: &impl Executor,
    messages: Vec<(String, i64, MessageRecord)>,
) -> Result<(), DbError> {
    let rows: Vec<PlacedMessage> = messages
        .into_iter()
        .map(|(ticket, seq, m)| {
            let parts: Vec<Value> = vec![ticket.into_value(), seq.into_value()];
            PlacedMessage {
                id: RecordId::new("ticket_message", Array::from(parts)),
                author: m.author,
                side: m.side,
                chain: m.chain,
                text: m.text,
                at: m.at,
            }
        })
        .collect();
    run(
        db.sql("INSERT INTO ticket_message $rows RETURN NONE")
            .bind(("rows", rows)),
        "writing messages",
    )
    .await
    .map(|_| ())
}

/// Counts `n` more tickets filed under a category.
pub async fn count_category_uses(db: &impl Executor, id: &str, n: i64) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('ticket_category', $id) SET tickets += $n RETURN NONE")
            .bind(("id", id.to_owned()))
            .bind(("n", n)),
        "counting a category's tickets",
    )
    .await
    .map(|_| ())
}
