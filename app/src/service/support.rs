//! Tickets: opening them up and down the hierarchy, their threads, their
//! inboxes. Every function works out how the acting account stands to the
//! ticket from the stored parties (`domain::support::standing`); a ticket it
//! may not read does not exist for it (404).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;

use super::actor::role_of;
use super::support_cache::{PageKey, ThreadKey};
use super::{Actor, AppContext, Change, write_accounts};
use crate::api::support::{
    CategoryChoice, MessageView, TicketFormOptions, TicketListRow, TicketPage, TicketQuery,
    TicketThread, UnreadCounts,
};
use crate::db::accounts::{self, AccountRow};
use crate::db::support::{
    self as store, CategoryRow, KeyRow, MessageRecord, Tally, TicketRecord, TicketRow,
};
use crate::db::{self, audit};
use crate::domain::Role;
use crate::domain::audit::{describe_chain, format_time};
use crate::domain::support::{
    self as rules, Choosable, MAX_MESSAGES_PER_MINUTE, MAX_OPEN_TOWARDS_OWNER, Mailbox, Priority,
    Side, Standing, Status, TicketCursor, TicketFilter, TicketForm, ValidTicket, choose_category,
    may_set_priority, parse_priority, parse_text, standing, status_after_message,
};
use crate::error::{AppError, AppResult};

pub const PAGE_SIZE: usize = 50;
/// Messages a thread shows at once (older ones on request).
pub const THREAD_PAGE: i64 = 200;
/// Keys read per step of a filtered inbox walk, and at most per page: a
/// rare filter answers a short page with a `next` rather than reading a
/// whole inbox.
const KEYS_PER_READ: usize = 128;
const KEYS_PER_PAGE: usize = 2_048;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn format_ms(ms: i64) -> String {
    format_time(ms.div_euclid(1000))
}

/// Whose categories sort the tickets of `upper`'s accounts below it
/// (`domain::support::category_owner`).
pub fn category_owner(upper: &AccountRow) -> String {
    rules::category_owner(role_of(upper), &upper.id)
}

fn not_found() -> AppError {
    AppError::NotFound("No such ticket.".into())
}

fn status_of(t: &TicketRecord) -> Status {
    Status::parse(&t.status).unwrap_or(Status::Open)
}

fn priority_of(key: &str) -> Priority {
    Priority::parse(key).unwrap_or(Priority::Medium)
}

fn side_of(t: &TicketRecord) -> Side {
    Side::parse(&t.opened_by).unwrap_or(Side::Lower)
}

fn standing_of(actor: &Actor, t: &TicketRecord) -> Standing {
    let acting = actor.acting();
    standing(&acting.id, role_of(acting), &t.upper, &t.lower)
}

fn unread_flag(t: &mut TicketRecord, side: Side) -> &mut bool {
    match side {
        Side::Upper => &mut t.upper_unread,
        Side::Lower => &mut t.lower_unread,
    }
}

fn party_id(t: &TicketRecord, side: Side) -> &str {
    match side {
        Side::Upper => &t.upper,
        Side::Lower => &t.lower,
    }
}

/// The tally change of `side` gaining (+1) or losing (-1) an unread ticket.
fn unread_delta(side: Side, delta: i64) -> Tally {
    match side {
        Side::Upper => Tally {
            unread_below: delta,
            ..Tally::default()
        },
        Side::Lower => Tally {
            unread_above: delta,
            ..Tally::default()
        },
    }
}

fn open_delta(delta: i64) -> Tally {
    Tally {
        open_up: delta,
        ..Tally::default()
    }
}

/// Counts a message of `author`, refusing the 21st of a minute.
async fn count_message(tx: &impl db::Executor, author: &str) -> AppResult<()> {
    let sent = store::count_message(tx, author, now_ms() / 60_000).await?;
    if sent > i64::from(MAX_MESSAGES_PER_MINUTE) {
        return Err(AppError::TooManyAttempts(format!(
            "You have sent {MAX_MESSAGES_PER_MINUTE} messages in the last minute. \
             Wait a moment and send it again."
        )));
    }
    Ok(())
}

/// The admin opening a ticket "up": there is nobody to address it to.
fn no_owner() -> AppError {
    AppError::field(
        "to",
        "The administrator has nobody above to send a ticket to.",
    )
}

fn too_many_open() -> AppError {
    AppError::Conflict(format!(
        "You already have {MAX_OPEN_TOWARDS_OWNER} open tickets. \
         Close one that is solved before opening another."
    ))
}

/// The category a new ticket may carry, read in its transaction (a
/// category disabled or deleted meanwhile conflicts with its count).
async fn checked_category(
    tx: &impl db::Executor,
    owner: &str,
    requested: Option<&str>,
    tickets: usize,
) -> AppResult<Option<String>> {
    let categories: Vec<Choosable> = store::categories_of(tx, owner)
        .await?
        .into_iter()
        .map(|row| Choosable {
            id: row.id,
            enabled: row.category.enabled,
        })
        .collect();
    let chosen = choose_category(requested, &categories)?;
    if let Some(id) = &chosen {
        store::count_category_uses(tx, id, tickets as i64).await?;
    }
    Ok(chosen)
}

fn new_ticket(
    valid: &ValidTicket,
    category: Option<String>,
    upper: &AccountRow,
    lower: &AccountRow,
    opened_by: Side,
    at: i64,
) -> TicketRecord {
    let receiver = opened_by.other();
    let mut ticket = TicketRecord {
        subject: valid.subject.clone(),
        priority: valid.priority.key().into(),
        working_priority: valid.priority.key().into(),
        category,
        upper: upper.id.clone(),
        upper_login: upper.login.clone(),
        upper_role: upper.role.clone(),
        lower: lower.id.clone(),
        lower_login: lower.login.clone(),
        lower_role: lower.role.clone(),
        opened_by: opened_by.key().into(),
        status: status_after_message(opened_by, opened_by).key().into(),
        created_at: at,
        last_at: at,
        rank: TicketCursor::rank_of(at),
        messages: 1,
        upper_unread: false,
        lower_unread: false,
    };
    *unread_flag(&mut ticket, receiver) = true;
    ticket
}

fn first_message(actor: &Actor, side: Side, text: &str, at: i64) -> MessageRecord {
    MessageRecord {
        author: actor.acting().id.clone(),
        side: side.key().into(),
        chain: actor.chain_logins(),
        text: text.to_owned(),
        at,
    }
}

fn audit_entry(actor: &Actor, about: &AccountRow, detail: String) -> audit::AuditEntry {
    super::shared::entry_about(actor, "support.ticket", about, detail)
}

/// Writes a new ticket with its first message, its counts and its audit entry.
async fn create(
    tx: &impl db::Executor,
    actor: &Actor,
    ticket: &TicketRecord,
    text: &str,
    other: &AccountRow,
) -> AppResult<String> {
    let id = accounts::new_id();
    let opened_by = side_of(ticket);
    let receiver = opened_by.other();
    store::put_ticket(tx, &id, None, ticket).await?;
    store::add_message(
        tx,
        &id,
        1,
        &first_message(actor, opened_by, text, ticket.created_at),
    )
    .await?;
    store::add_to_tally(tx, party_id(ticket, receiver), unread_delta(receiver, 1)).await?;
    audit::record(
        tx,
        audit_entry(
            actor,
            other,
            format!("ticket “{}” ({})", ticket.subject, ticket.priority),
        ),
    )
    .await?;
    Ok(id)
}

/// Opens a ticket to the acting account's owner (the admin, for resellers
/// and the admin's own users).
pub async fn open_up(ctx: &AppContext, actor: &Actor, form: TicketForm) -> AppResult<String> {
    let lower = actor.acting().clone();
    let Some(owner_id) = lower.owner_id.clone() else {
        return Err(no_owner());
    };
    let valid = form.parse().map_err(AppError::fields)?;
    let upper = accounts::get(&ctx.db, &owner_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Your owner's account no longer exists.".into()))?;
    let owner = category_owner(&upper);
    let parties = vec![upper.id.clone(), lower.id.clone()];
    write_accounts(
        ctx,
        |_| Change::Tickets(parties.clone()),
        |tx| {
            let (valid, upper, lower, owner) =
                (valid.clone(), upper.clone(), lower.clone(), owner.clone());
            async move {
                count_message(&*tx, &lower.id).await?;
                let category = checked_category(&*tx, &owner, valid.category.as_deref(), 1).await?;
                let tally = store::add_to_tally(&*tx, &lower.id, open_delta(1)).await?;
                if tally.open_up > i64::from(MAX_OPEN_TOWARDS_OWNER) {
                    return Err(too_many_open());
                }
                let ticket = new_ticket(&valid, category, &upper, &lower, Side::Lower, now_ms());
                create(&*tx, actor, &ticket, &valid.text, &upper).await
            }
        },
    )
    .await
}

/// The accounts a message goes to, all below the acting account, or a
/// refusal naming the first that is not (and nothing is sent).
async fn recipients(ctx: &AppContext, actor: &Actor, to: &[String]) -> AppResult<Vec<AccountRow>> {
    let upper = actor.acting();
    if role_of(upper) == Role::User {
        return Err(AppError::Forbidden(
            "A user has no accounts below it to message.".into(),
        ));
    }
    let ids = super::shared::bulk_ids(to, "recipient")
        .map_err(|e| AppError::field("to", e.to_string()))?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in &ids {
        match accounts::get(&ctx.db, id).await? {
            Some(row)
                if rules::is_below(role_of(upper), &upper.id, &row.id, row.owner_id.as_deref()) =>
            {
                rows.push(row)
            }
            _ => {
                return Err(AppError::field(
                    "to",
                    "A recipient is not an account below yours.",
                ));
            }
        }
    }
    Ok(rows)
}

/// Sends a message down: one ticket to each of `to`, all or none.
pub async fn message_down(
    ctx: &AppContext,
    actor: &Actor,
    to: &[String],
    form: TicketForm,
) -> AppResult<Vec<String>> {
    let valid = form.parse().map_err(AppError::fields)?;
    let lowers = recipients(ctx, actor, to).await?;
    let upper = actor.acting().clone();
    let owner = category_owner(&upper);
    let mut parties: Vec<String> = lowers.iter().map(|l| l.id.clone()).collect();
    parties.push(upper.id.clone());
    write_accounts(
        ctx,
        |_| Change::Tickets(parties.clone()),
        |tx| {
            let (valid, upper, lowers, owner) =
                (valid.clone(), upper.clone(), lowers.clone(), owner.clone());
            async move {
                // One message a minute's count for the whole send.
                count_message(&*tx, &upper.id).await?;
                // One check of the category, counted once per ticket.
                let category =
                    checked_category(&*tx, &owner, valid.category.as_deref(), lowers.len()).await?;
                let mut ids = Vec::with_capacity(lowers.len());
                let at = now_ms();
                for lower in &lowers {
                    let ticket =
                        new_ticket(&valid, category.clone(), &upper, lower, Side::Upper, at);
                    ids.push(create(&*tx, actor, &ticket, &valid.text, lower).await?);
                }
                Ok(ids)
            }
        },
    )
    .await
}

/// A ticket the acting account is a party of, read in `tx`, with its side.
async fn party_ticket(
    tx: &impl db::Executor,
    actor: &Actor,
    id: &str,
) -> AppResult<(TicketRecord, Side)> {
    let row = store::get_ticket(tx, id).await?.ok_or_else(not_found)?;
    match standing_of(actor, &row.ticket) {
        Standing::Party(side) => Ok((row.ticket, side)),
        Standing::Observer => Err(AppError::Forbidden(
            "You can read this ticket, but only its two parties can act on it.".into(),
        )),
        Standing::Stranger => Err(not_found()),
    }
}

/// The two parties of a ticket, as a change of it names them.
fn parties_of(t: &TicketRecord) -> Vec<String> {
    vec![t.upper.clone(), t.lower.clone()]
}

/// Runs `work` on one ticket as a transaction whose change names the
/// ticket's parties as `work` read them in it (no read before the write).
async fn write_ticket<T, F, Fut>(ctx: &AppContext, work: F) -> AppResult<T>
where
    F: FnMut(Arc<Transaction<Any>>) -> Fut,
    Fut: Future<Output = AppResult<(T, Vec<String>)>>,
{
    let (value, _) = write_accounts(
        ctx,
        |(_, parties): &(T, Vec<String>)| Change::Tickets(parties.clone()),
        work,
    )
    .await?;
    Ok(value)
}

/// Adds the acting account's message to a ticket.
pub async fn reply(ctx: &AppContext, actor: &Actor, id: &str, text: &str) -> AppResult<()> {
    let text = parse_text(text)?;
    write_ticket(ctx, |tx| {
        let text = text.clone();
        async move {
            let (before, side) = party_ticket(&*tx, actor, id).await?;
            let author = party_id(&before, side).to_owned();
            count_message(&*tx, &author).await?;
            let opened_by = side_of(&before);
            let mut after = before.clone();
            let at = now_ms().max(before.last_at);
            if status_of(&before) == Status::Closed && opened_by == Side::Lower {
                let tally = store::add_to_tally(&*tx, &before.lower, open_delta(1)).await?;
                if side == Side::Lower && tally.open_up > i64::from(MAX_OPEN_TOWARDS_OWNER) {
                    return Err(too_many_open());
                }
            }
            after.status = status_after_message(opened_by, side).key().into();
            after.messages += 1;
            after.last_at = at;
            after.rank = TicketCursor::rank_of(at);
            let other = side.other();
            if !before_flag(&before, other) {
                store::add_to_tally(&*tx, party_id(&before, other), unread_delta(other, 1)).await?;
            }
            if before_flag(&before, side) {
                store::add_to_tally(&*tx, &author, unread_delta(side, -1)).await?;
            }
            *unread_flag(&mut after, other) = true;
            *unread_flag(&mut after, side) = false;
            store::add_message(
                &*tx,
                id,
                after.messages,
                &first_message(actor, side, &text, at),
            )
            .await?;
            store::put_ticket(&*tx, id, Some(&before), &after).await?;
            Ok(((), parties_of(&before)))
        }
    })
    .await
}

fn before_flag(t: &TicketRecord, side: Side) -> bool {
    match side {
        Side::Upper => t.upper_unread,
        Side::Lower => t.lower_unread,
    }
}

/// Changes a ticket by `change`, as a party of it.
async fn update(
    ctx: &AppContext,
    actor: &Actor,
    id: &str,
    change: impl Fn(&TicketRecord, Side) -> AppResult<Option<(TicketRecord, Tally)>>,
) -> AppResult<()> {
    let change = &change;
    write_ticket(ctx, |tx| async move {
        let (before, side) = party_ticket(&*tx, actor, id).await?;
        if let Some((after, lower_delta)) = change(&before, side)? {
            if lower_delta != Tally::default() {
                store::add_to_tally(&*tx, &before.lower, lower_delta).await?;
            }
            store::put_ticket(&*tx, id, Some(&before), &after).await?;
        }
        Ok(((), parties_of(&before)))
    })
    .await
}

/// Closes a ticket (either party); closing a closed one changes nothing.
pub async fn close(ctx: &AppContext, actor: &Actor, id: &str) -> AppResult<()> {
    update(ctx, actor, id, |before, _side| {
        if status_of(before) == Status::Closed {
            return Ok(None);
        }
        let mut after = before.clone();
        after.status = Status::Closed.key().into();
        let freed = if side_of(before) == Side::Lower {
            open_delta(-1)
        } else {
            Tally::default()
        };
        Ok(Some((after, freed)))
    })
    .await
}

/// Changes the working priority (the receiving side only).
pub async fn set_priority(
    ctx: &AppContext,
    actor: &Actor,
    id: &str,
    priority: &str,
) -> AppResult<()> {
    let priority = parse_priority(priority)?;
    update(ctx, actor, id, move |before, side| {
        if !may_set_priority(side_of(before), side) {
            return Err(AppError::Forbidden(
                "Only the side that received the ticket sets its working priority.".into(),
            ));
        }
        let mut after = before.clone();
        after.working_priority = priority.key().into();
        Ok((after != *before).then_some((after, Tally::default())))
    })
    .await
}

/// A ticket with its newest messages (or those before `before`); a party
/// opening it has read it. From memory while none of the tickets of the
/// viewer (the admin reading another pair's: of its upper party) changed
/// since it was read: every change of the ticket names both its parties.
pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    id: &str,
    before: Option<i64>,
) -> AppResult<TicketThread> {
    let acting = &actor.acting().id;
    let key = ThreadKey {
        account: acting.clone(),
        ticket: id.to_owned(),
        before,
    };
    let (_, thread) = ctx
        .support
        .threads
        .get_or_read(
            &ctx.stream,
            key,
            |basis, (scope, _)| ctx.stream.tickets_unchanged_since(Some(scope), basis),
            || read_thread(ctx, actor, id, before),
        )
        .await?;
    Ok(thread)
}

/// The thread, and the account whose ticket changes it goes stale with.
async fn read_thread(
    ctx: &AppContext,
    actor: &Actor,
    id: &str,
    before: Option<i64>,
) -> AppResult<(String, TicketThread)> {
    let row = store::get_ticket(&ctx.db, id)
        .await?
        .ok_or_else(not_found)?;
    let standing = standing_of(actor, &row.ticket);
    if !standing.may_read() {
        return Err(not_found());
    }
    let side = standing.side();
    if let Some(side) = side
        && before_flag(&row.ticket, side)
    {
        mark_read(ctx, id, side).await?;
    }
    let t = &row.ticket;
    let last = before.map_or(t.messages, |b| (b - 1).min(t.messages));
    let first = (last - THREAD_PAGE + 1).max(1);
    let messages = if last >= 1 {
        store::thread(&ctx.db, id, first, last).await?
    } else {
        Vec::new()
    };
    let opened_by = side_of(t);
    let scope = if side.is_some() {
        actor.acting().id.clone()
    } else {
        t.upper.clone()
    };
    let thread = TicketThread {
        id: row.id.clone(),
        subject: t.subject.clone(),
        status: status_of(t),
        priority: priority_of(&t.working_priority),
        asked_priority: priority_of(&t.priority),
        category: row.category_name.clone(),
        upper_login: t.upper_login.clone(),
        lower_login: t.lower_login.clone(),
        opened_by: match opened_by {
            Side::Upper => t.upper_login.clone(),
            Side::Lower => t.lower_login.clone(),
        },
        party: side.is_some(),
        may_set_priority: side.is_some_and(|s| may_set_priority(opened_by, s)),
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                seq: m.seq,
                who: describe_chain(&m.message.chain),
                at_ms: m.message.at,
                time: format_ms(m.message.at),
                mine: side.is_some_and(|s| s.key() == m.message.side),
                text: m.message.text,
            })
            .collect(),
        earlier: (first > 1).then_some(first),
    };
    Ok((scope, thread))
}

async fn mark_read(ctx: &AppContext, id: &str, side: Side) -> AppResult<()> {
    write_ticket(ctx, |tx| async move {
        let before = store::get_ticket(&*tx, id)
            .await?
            .ok_or_else(not_found)?
            .ticket;
        if before_flag(&before, side) {
            let mut after = before.clone();
            *unread_flag(&mut after, side) = false;
            store::add_to_tally(&*tx, party_id(&before, side), unread_delta(side, -1)).await?;
            store::put_ticket(&*tx, id, Some(&before), &after).await?;
        }
        Ok(((), parties_of(&before)))
    })
    .await
}

pub async fn unread(ctx: &AppContext, actor: &Actor) -> AppResult<UnreadCounts> {
    let account = &actor.acting().id;
    // Every page of the panel shows these counts: from memory while none of
    // the account's tickets changed since they were read. A tally only
    // changes with a ticket of the account (write_ticket names its parties).
    ctx.support
        .unread
        .get_or_read(
            &ctx.stream,
            account.clone(),
            |basis, _| ctx.stream.tickets_unchanged_since(Some(account), basis),
            || async {
                let tally = store::tally(&ctx.db, account).await?;
                Ok(UnreadCounts {
                    from_above: tally.unread_above.max(0) as u64,
                    from_below: tally.unread_below.max(0) as u64,
                })
            },
        )
        .await
}

/// A page of the inbox the query names: from memory while none of the
/// account's tickets (for the view of the server: no ticket) changed since
/// it was read.
pub async fn list(ctx: &AppContext, actor: &Actor, query: TicketQuery) -> AppResult<TicketPage> {
    let acting = actor.acting();
    let filter = TicketFilter::parse(
        role_of(acting),
        &query.mailbox,
        &query.status,
        &query.priority,
        &query.category,
        &query.search,
    )
    .map_err(AppError::fields)?;
    let scope = (filter.mailbox != Mailbox::Server).then_some(acting.id.as_str());
    let key = PageKey::new(&acting.id, &query);
    ctx.support
        .pages
        .get_or_read(
            &ctx.stream,
            key,
            |basis, _| ctx.stream.tickets_unchanged_since(scope, basis),
            || read_page(ctx, actor, &filter, query.after.as_deref()),
        )
        .await
}

async fn read_page(
    ctx: &AppContext,
    actor: &Actor,
    filter: &TicketFilter,
    after: Option<&str>,
) -> AppResult<TicketPage> {
    let acting = actor.acting();
    let mut after = match after {
        None | Some("") => None,
        Some(text) => Some(
            TicketCursor::decode(text)
                .ok_or_else(|| AppError::field("after", "This page no longer exists."))?,
        ),
    };
    let view = match filter.mailbox {
        Mailbox::Server => store::SERVER_VIEW.to_owned(),
        _ => store::party_view(&acting.id),
    };
    // Without filters every key is a row: read exactly a page (and one more).
    let unfiltered = matches!(filter.mailbox, Mailbox::Mine | Mailbox::Server)
        && filter.status.is_none()
        && filter.priority.is_none()
        && filter.category.is_none()
        && filter.words.is_empty();
    let mut chosen: Vec<KeyRow> = Vec::new();
    let mut scanned = 0;
    let mut next = None;
    loop {
        let want = if unfiltered {
            PAGE_SIZE + 1 - chosen.len()
        } else {
            KEYS_PER_READ
        };
        let keys = store::keys_after(&ctx.db, &view, after.as_ref(), want).await?;
        let exhausted = keys.len() < want;
        scanned += keys.len();
        for key in keys {
            after = Some(TicketCursor {
                rank: key.rank,
                ticket: key.ticket.clone(),
            });
            if admits(filter, &key) {
                chosen.push(key);
                if chosen.len() > PAGE_SIZE {
                    break;
                }
            }
        }
        if chosen.len() > PAGE_SIZE {
            chosen.truncate(PAGE_SIZE);
            next = chosen.last().map(|k| TicketCursor {
                rank: k.rank,
                ticket: k.ticket.clone(),
            });
            break;
        }
        if exhausted {
            break;
        }
        if scanned >= KEYS_PER_PAGE {
            // Searched far enough for one answer: the next page goes on from here.
            next = after.clone();
            break;
        }
    }
    let ids: Vec<String> = chosen.iter().map(|k| k.ticket.clone()).collect();
    let mut found: HashMap<String, TicketRow> = store::tickets(&ctx.db, &ids)
        .await?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect();
    let rows = ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(|row| list_row(actor, row))
        .collect();
    Ok(TicketPage {
        rows,
        next: next.map(|c| c.encode()),
    })
}

fn admits(filter: &TicketFilter, key: &KeyRow) -> bool {
    let direction = key
        .dir
        .as_deref()
        .and_then(crate::domain::support::Direction::parse);
    filter.admits(
        direction,
        Status::parse(&key.status).unwrap_or(Status::Open),
        priority_of(&key.priority),
        key.category.as_deref(),
        &key.subject,
    )
}

fn list_row(actor: &Actor, row: TicketRow) -> TicketListRow {
    let t = &row.ticket;
    let standing = standing_of(actor, t);
    let (with, direction, unread) = match standing.side() {
        Some(Side::Upper) => (
            t.lower_login.clone(),
            Some(Side::Upper.direction().label().to_owned()),
            t.upper_unread,
        ),
        Some(Side::Lower) => (
            t.upper_login.clone(),
            Some(Side::Lower.direction().label().to_owned()),
            t.lower_unread,
        ),
        None => (
            format!("{} ↔ {}", t.upper_login, t.lower_login),
            None,
            false,
        ),
    };
    TicketListRow {
        id: row.id.clone(),
        subject: t.subject.clone(),
        status: status_of(t),
        priority: priority_of(&t.working_priority),
        asked_priority: priority_of(&t.priority),
        category: row.category_name.clone(),
        with,
        direction,
        last_at_ms: t.last_at,
        last_time: format_ms(t.last_at),
        unread,
    }
}

fn choices(rows: Vec<CategoryRow>) -> Vec<CategoryChoice> {
    rows.into_iter()
        .filter(|row| row.category.enabled)
        .map(|row| CategoryChoice {
            id: row.id,
            name: row.category.name,
            default_priority: row
                .category
                .default_priority
                .as_deref()
                .and_then(Priority::parse),
        })
        .collect()
}

/// The form of a ticket to the acting account's owner.
pub async fn options_up(ctx: &AppContext, actor: &Actor) -> AppResult<TicketFormOptions> {
    let Some(owner_id) = actor.acting().owner_id.as_deref() else {
        return Err(no_owner());
    };
    let upper = accounts::get(&ctx.db, owner_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Your owner's account no longer exists.".into()))?;
    Ok(TicketFormOptions {
        to: vec![upper.login.clone()],
        categories: choices(store::categories_of(&ctx.db, &category_owner(&upper)).await?),
    })
}

/// The form of a message to accounts below.
pub async fn options_down(
    ctx: &AppContext,
    actor: &Actor,
    to: &[String],
) -> AppResult<TicketFormOptions> {
    let rows = recipients(ctx, actor, to).await?;
    Ok(TicketFormOptions {
        to: rows.into_iter().map(|r| r.login).collect(),
        categories: choices(store::categories_of(&ctx.db, &category_owner(actor.acting())).await?),
    })
}

/// The categories an inbox filters by: the acting account's own and its
/// owner's (disabled ones too: old tickets carry them).
pub async fn filter_categories(ctx: &AppContext, actor: &Actor) -> AppResult<Vec<CategoryChoice>> {
    let acting = actor.acting();
    let mut owners = Vec::new();
    if role_of(acting) != Role::User {
        owners.push(category_owner(acting));
    }
    if let Some(owner_id) = acting.owner_id.as_deref()
        && let Some(owner) = accounts::get(&ctx.db, owner_id).await?
    {
        owners.push(category_owner(&owner));
    }
    let mut all = Vec::new();
    for owner in owners {
        all.extend(
            store::categories_of(&ctx.db, &owner)
                .await?
                .into_iter()
                .map(|row| CategoryChoice {
                    id: row.id,
                    name: row.category.name,
                    default_priority: None,
                }),
        );
    }
    Ok(all)
}
