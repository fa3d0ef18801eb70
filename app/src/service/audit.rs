//! Reading the audit log. Which entries the acting account sees follows from
//! its role and id alone, never from what the client asks.

use super::actor::role_of;
use super::{Actor, AppContext};
use crate::api::audit::{AuditPage, AuditQuery, AuditRow};
use crate::db::audit;
use crate::domain::Role;
use crate::domain::audit::{Filter, View, action_label, describe_chain, format_time};
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
    let mut rows = audit::page(&ctx.db, &key, newest, oldest, filter.after, PAGE_SIZE + 1).await?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|row| row.cursor.encode())
    } else {
        None
    };
    Ok(AuditPage {
        rows: rows.into_iter().map(|row| wire(row.entry)).collect(),
        next,
    })
}

fn wire(entry: audit::AuditEntry) -> AuditRow {
    AuditRow {
        at: entry.at,
        time: format_time(entry.at),
        who: describe_chain(&entry.chain),
        chain: entry.chain,
        action_label: action_label(&entry.action).to_owned(),
        action: entry.action,
        target: entry.target,
        detail: entry.detail,
    }
}
