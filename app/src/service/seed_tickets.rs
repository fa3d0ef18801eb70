//! Benchmark data for the support center: tickets between the seeded
//! accounts and their owners, with their threads, written in bulk on top of
//! `seed::seed`. The first ticket gets a long thread (the benchmark's
//! "thread of 200 messages"); the rest share the other messages.

use std::collections::HashMap;

use super::AppContext;
use crate::db::support::{self as store, MessageRecord, Tally, TicketRecord};
use crate::db::{accounts, audit, counters};
use crate::domain::support::{Side, Status, TicketCursor, status_after_message};
use crate::error::{AppError, AppResult};

/// Messages in the first ticket's thread.
pub const LONG_THREAD: usize = 250;
/// The counter of tickets seeded so far (a second run adds only what is missing).
const SEEDED: &str = "seeded_tickets";
const BATCH: usize = 500;

const SUBJECTS: [&str; 8] = [
    "Website is slow",
    "Invoice question",
    "Mail not arriving",
    "SSL certificate renewal",
    "Disk quota almost full",
    "PHP version upgrade",
    "DNS records for a new domain",
    "Backup restore request",
];

/// How many tickets were seeded before.
pub async fn seeded(ctx: &AppContext) -> AppResult<usize> {
    Ok(counters::get(&ctx.db, SEEDED).await?.max(0) as usize)
}

/// Adds tickets until there are `tickets` seeded ones with `messages`
/// messages between them (spread evenly, the first thread long).
pub async fn seed_tickets(ctx: &AppContext, tickets: usize, messages: usize) -> AppResult<usize> {
    let done = seeded(ctx).await?;
    if done >= tickets || tickets == 0 {
        return Ok(0);
    }
    let admin = accounts::get_by_login(&ctx.db, super::accounts::ADMIN_LOGIN)
        .await?
        .ok_or_else(|| AppError::NotFound("Start the server once to create the admin.".into()))?;
    let accounts = audit::subjects(&ctx.db).await?;
    if accounts.is_empty() {
        return Err(AppError::NotFound("Seed accounts first.".into()));
    }
    let logins: HashMap<&str, &str> = accounts
        .iter()
        .map(|a| (a.id.as_str(), a.login.as_str()))
        .collect();
    let per_ticket = messages.saturating_sub(LONG_THREAD) / tickets.max(2).saturating_sub(1);
    let start_ms = (crate::db::now() - tickets as i64 * 30) * 1000;
    let mut open_up: HashMap<String, i64> = HashMap::new();
    let mut general = 0;
    let mut batch_messages = Vec::new();
    let mut counted = done;
    for i in done..tickets {
        let lower = &accounts[(i * 7919) % accounts.len()];
        let upper_id = lower.owner_id.clone().unwrap_or_else(|| admin.id.clone());
        let upper_is_admin = upper_id == admin.id;
        let upper_login = logins
            .get(upper_id.as_str())
            .copied()
            .unwrap_or(admin.login.as_str())
            .to_owned();
        let opened_by = if i % 5 == 0 { Side::Upper } else { Side::Lower };
        let count = if i == 0 {
            LONG_THREAD
        } else {
            per_ticket.max(1)
        } as i64;
        let created = start_ms + i as i64 * 30_000;
        let id = format!("seed{i:09}");
        let mut last_side = opened_by;
        for seq in 1..=count {
            let side = if seq % 2 == 1 {
                opened_by
            } else {
                opened_by.other()
            };
            last_side = side;
            let (author, login) = match side {
                Side::Upper => (upper_id.clone(), upper_login.clone()),
                Side::Lower => (lower.id.clone(), lower.login.clone()),
            };
            batch_messages.push((
                id.clone(),
                seq,
                MessageRecord {
                    author,
                    side: side.key().into(),
                    chain: vec![login],
                    text: format!("Message {seq} of ticket {i}.\nSecond line of the message."),
                    at: created + seq * 1000,
                },
            ));
        }
        let status = if i % 4 == 0 {
            Status::Closed
        } else {
            status_after_message(opened_by, last_side)
        };
        if opened_by == Side::Lower && status != Status::Closed {
            *open_up.entry(lower.id.clone()).or_default() += 1;
        }
        let category = upper_is_admin.then(|| "general".to_owned());
        general += i64::from(upper_is_admin);
        let last_at = created + count * 1000;
        let ticket = TicketRecord {
            subject: format!("{} #{i}", SUBJECTS[i % SUBJECTS.len()]),
            priority: ["high", "medium", "low"][i % 3].into(),
            working_priority: ["high", "medium", "low"][(i / 3) % 3].into(),
            category,
            upper: upper_id,
            upper_login,
            upper_role: if upper_is_admin { "admin" } else { "reseller" }.into(),
            lower: lower.id.clone(),
            lower_login: lower.login.clone(),
            lower_role: lower.role.clone(),
            opened_by: opened_by.key().into(),
            status: status.key().into(),
            created_at: created,
            last_at,
            rank: TicketCursor::rank_of(last_at),
            messages: count,
            upper_unread: false,
            lower_unread: false,
        };
        store::put_ticket(&ctx.db, &id, None, &ticket).await?;
        if batch_messages.len() >= BATCH * 10 || (i + 1) % BATCH == 0 || i + 1 == tickets {
            store::insert_messages(&ctx.db, std::mem::take(&mut batch_messages)).await?;
            counters::add(&ctx.db, SEEDED, (i + 1 - counted) as i64).await?;
            counted = i + 1;
        }
    }
    for (account, open) in open_up {
        store::add_to_tally(
            &ctx.db,
            &account,
            Tally {
                open_up: open,
                ..Tally::default()
            },
        )
        .await?;
    }
    if general > 0 {
        store::count_category_uses(&ctx.db, "general", general).await?;
    }
    Ok(tickets - done)
}
