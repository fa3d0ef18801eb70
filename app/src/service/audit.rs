//! Reading the audit log. Which entries the acting account sees follows from
//! its role and id alone, never from what the client asks.

use std::collections::HashMap;
use std::sync::Arc;

use super::actor::role_of;
use super::audit_pages::PageKey;
use super::one_at_a_time::Turn;
use super::{Actor, AppContext};
use crate::api::audit::{AuditPage, AuditQuery, AuditRow};
use crate::db::audit::{self, AuditEntry};
use crate::domain::Role;
use crate::domain::audit::{Cursor, Filter, View, action_label, describe_chain, format_time};
use crate::error::{AppError, AppResult};

pub const PAGE_SIZE: usize = 50;

/// The view of the acting account (an entered panel's, when one is entered).
pub fn view_of(actor: &Actor) -> View {
    let acting = actor.acting();
    match role_of(acting) {
        Role::Admin => View::All,
        Role::Reseller | Role::User => View::Of(acting.id.clone()),
    }
}

pub async fn list(ctx: &AppContext, actor: &Actor, query: AuditQuery) -> AppResult<AuditPage> {
    let filter = Filter::parse(
        &query.login,
        &query.action,
        &query.from,
        &query.to,
        query.after.as_deref(),
    )
    .map_err(AppError::fields)?;
    let key = view_of(actor).key(filter.login.as_deref(), filter.action.as_deref());
    let (newest, oldest) = filter.ranks();
    // One row more than a page shows, to know whether another follows.
    let mut places = places_of(
        ctx,
        PageKey {
            key,
            newest,
            oldest,
            after: filter.after,
            limit: PAGE_SIZE + 1,
        },
    )
    .await?;
    let next = if places.len() > PAGE_SIZE {
        places.truncate(PAGE_SIZE);
        places.last().map(Cursor::encode)
    } else {
        None
    };
    Ok(AuditPage {
        rows: entries_at(ctx, &places)
            .await?
            .iter()
            .map(|entry| wire(entry))
            .collect(),
        next,
    })
}

/// The places of a page: from memory while the log has not changed since
/// they were read, else from the database.
async fn places_of(ctx: &AppContext, page: PageKey) -> AppResult<Vec<Cursor>> {
    let kept = || {
        ctx.audit_pages
            .get(&page)
            .filter(|(basis, _)| ctx.stream.audit_unchanged_since(*basis))
            .map(|(_, places)| places)
    };
    let _reading = loop {
        if let Some(places) = kept() {
            return Ok(places);
        }
        if let Turn::Mine(reading) = ctx.audit_pages.reading(&page).await {
            // Read just before this request took its turn?
            if let Some(places) = kept() {
                return Ok(places);
            }
            break reading;
        }
        // Another request read it (or failed to): look again.
    };
    // The revision before the read: whatever the read misses came later.
    let basis = ctx.stream.applied();
    let places = audit::page(
        &ctx.db,
        &page.key,
        page.newest,
        page.oldest,
        page.after,
        page.limit,
    )
    .await?;
    // Its entries too, before the requests waiting for this read go on to
    // ask for them all at once.
    entries_at(ctx, &places).await?;
    ctx.audit_pages.put(page, basis, places.clone());
    Ok(places)
}

/// The entries at `places`, in that order: those read before from memory,
/// the rest in one read.
async fn entries_at(ctx: &AppContext, places: &[Cursor]) -> AppResult<Vec<Arc<AuditEntry>>> {
    let mut found = ctx.audit_entries.get_many(places);
    let missing: Vec<Cursor> = places
        .iter()
        .zip(&found)
        .filter(|(_, entry)| entry.is_none())
        .map(|(place, _)| *place)
        .collect();
    if !missing.is_empty() {
        let fetched: HashMap<Cursor, Arc<AuditEntry>> = audit::entries(&ctx.db, &missing)
            .await?
            .into_iter()
            .map(|(place, entry)| (place, ctx.audit_entries.insert(place, entry)))
            .collect();
        for (place, slot) in places.iter().zip(found.iter_mut()) {
            if slot.is_none() {
                *slot = fetched.get(place).cloned();
            }
        }
    }
    // A key row is written with its entry, in one transaction: a place
    // without an entry cannot occur, and is left out rather than failed.
    Ok(found.into_iter().flatten().collect())
}

fn wire(entry: &AuditEntry) -> AuditRow {
    AuditRow {
        at: entry.at,
        time: format_time(entry.at),
        who: describe_chain(&entry.chain),
        chain: entry.chain.clone(),
        action_label: action_label(&entry.action).to_owned(),
        action: entry.action.clone(),
        target: entry.target.clone(),
        detail: entry.detail.clone(),
    }
}
