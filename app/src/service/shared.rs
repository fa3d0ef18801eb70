//! Pieces the account modules (resellers, users) share.

use super::{Actor, AppContext};
use crate::db::{self, accounts, audit, listing};
use crate::domain::access::Access;
use crate::domain::changes::{Changes, Settings, state_word};
use crate::domain::features::feature_list;
use crate::domain::form::ValidAccount;
use crate::domain::listing::{Cursor, ListQuery, PAGE_SIZE, SortKey};
use crate::domain::suspension::{self, Suspension};
use crate::error::{AppError, AppResult};
use crate::model::{AccountListRow, AccountPage, BulkReport, Refusal};

/// At most this many accounts in one bulk action.
pub const MAX_BULK: usize = 500;

/// One page of a scope's accounts as `query` asks for it, sorted by `sort`,
/// with the cursor of the next page and the filtered total.
pub async fn list_page(
    ctx: &AppContext,
    scope: listing::Scope,
    query: &ListQuery,
    sort: SortKey,
) -> AppResult<AccountPage> {
    let mut spec = listing::ListSpec {
        scope,
        login_prefix: query.login_prefix(),
        state: query.state,
        sort,
        descending: query.descending,
        after: query.cursor(),
        // One row more than a page shows, to know whether another follows.
        limit: PAGE_SIZE + 1,
    };
    let mut rows = ctx.lists.page(&ctx.db, &spec).await?;
    let next = (rows.len() > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|last| {
            Cursor {
                value: listing::sort_value(last, sort),
                login: last.login.clone(),
            }
            .encode()
        })
    });
    spec.after = None;
    let total = ctx.lists.count(&ctx.db, &spec).await?;
    Ok(AccountPage {
        rows: rows.iter().map(AccountListRow::from_row).collect(),
        total,
        next: next.flatten(),
    })
}

/// The stored settings of a valid form.
pub fn settings_of(valid: &ValidAccount) -> accounts::AccountSettings {
    accounts::AccountSettings {
        updated_at: db::now(),
        enabled: valid.enabled,
        email: valid.email.as_ref().map(|e| e.as_str().to_owned()),
        comment: valid.comment.clone(),
        users_limit: valid.limits.users.to_option(),
        disk_limit: valid.limits.disk_mib.to_option(),
        traffic_limit: valid.limits.traffic_mib.to_option(),
        shell: valid.features.shell,
        cgi: valid.features.cgi,
        php: valid.features.php,
        ssi: valid.features.ssi,
        https: valid.features.https,
        oversell: valid.oversell,
    }
}

/// The account an audit entry is about: its id and its owner's decide who
/// may read the entry, the logins are what the entry shows.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub id: &'a str,
    pub login: &'a str,
    pub owner_id: Option<&'a str>,
    pub owner_login: Option<&'a str>,
}

impl<'a> From<&'a accounts::AccountRow> for Subject<'a> {
    fn from(row: &'a accounts::AccountRow) -> Self {
        Subject {
            id: &row.id,
            login: &row.login,
            owner_id: row.owner_id.as_deref(),
            owner_login: row.owner_login.as_deref(),
        }
    }
}

/// An audit entry for an action of `actor` on the account `target` of
/// `owner`, named by logins: `audit::record` finds the target's ids by its
/// login when it writes the entry. Prefer [`entry_about`], which has them.
pub fn entry(
    actor: &Actor,
    action: &str,
    target: &str,
    owner: &str,
    detail: String,
) -> audit::AuditEntry {
    audit::AuditEntry {
        at: db::now(),
        chain: actor.chain_logins(),
        action: action.into(),
        target: target.into(),
        target_owner: Some(owner.to_owned()),
        detail,
        target_id: None,
        owner_id: None,
    }
}

/// An audit entry for an action of `actor` on `target` (an account row, or
/// a [`Subject`] for an account being created).
pub fn entry_about<'a>(
    actor: &Actor,
    action: &str,
    target: impl Into<Subject<'a>>,
    detail: String,
) -> audit::AuditEntry {
    let target = target.into();
    audit::AuditEntry {
        at: db::now(),
        chain: actor.chain_logins(),
        action: action.into(),
        target: target.login.into(),
        target_owner: target.owner_login.map(str::to_owned),
        detail,
        target_id: Some(target.id.to_owned()),
        owner_id: target.owner_id.map(str::to_owned),
    }
}

/// An account's stored settings, to compare with an edit for the audit log.
pub fn stored_settings(row: &accounts::AccountRow) -> Settings {
    Settings {
        limits: super::wire::limits(row),
        features: super::wire::features(row),
        oversell: row.oversell,
        enabled: row.enabled,
    }
}

/// The settings a valid form asks for.
pub fn form_settings(valid: &ValidAccount) -> Settings {
    Settings {
        limits: valid.limits,
        features: valid.features,
        oversell: valid.oversell,
        enabled: valid.enabled,
    }
}

/// What an edit changes, old → new, for the audit log.
pub fn edit_changes(row: &accounts::AccountRow, valid: &ValidAccount, with_pool: bool) -> Changes {
    let mut changes = Changes::new();
    changes.settings(&stored_settings(row), &form_settings(valid), with_pool);
    let email = valid.email.as_ref().map(|e| e.as_str());
    if row.email.as_deref() != email {
        changes.note(format!(
            "e-mail {} → {}",
            row.email.as_deref().unwrap_or("(none)"),
            email.unwrap_or("(none)")
        ));
    }
    if row.comment != valid.comment {
        changes.note("comment changed");
    }
    changes
}

/// What an account held when it was deleted, for the audit log.
pub fn deleted_detail(row: &accounts::AccountRow) -> String {
    let limits = super::wire::limits(row);
    let features = feature_list(&super::wire::features(row).enabled().collect::<Vec<_>>());
    format!(
        "deleted; it had disk {} MiB, traffic {} MiB, properties [{features}], {}",
        limits.disk_mib,
        limits.traffic_mib,
        state_word(row.enabled)
    )
}

/// The selection of a bulk action, without repeats; `noun` names the rows.
pub fn bulk_ids(ids: &[String], noun: &str) -> AppResult<Vec<String>> {
    if ids.is_empty() {
        return Err(AppError::field(
            "selection",
            format!("Select at least one {noun}."),
        ));
    }
    if ids.len() > MAX_BULK {
        return Err(AppError::field(
            "selection",
            format!("Select at most {MAX_BULK} {noun}s at once."),
        ));
    }
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    Ok(unique)
}

/// Adds one row's outcome to a bulk report: done, refused for a reason, or
/// refused because there is no such account (to this manager). Any other
/// failure ends the whole action.
pub fn tally(
    report: &mut BulkReport,
    id: &str,
    outcome: AppResult<Result<String, Refusal>>,
) -> AppResult<()> {
    match outcome {
        Ok(Ok(login)) => report.done.push(login),
        Ok(Err(refusal)) => report.refused.push(refusal),
        Err(AppError::NotFound(reason)) => report.refused.push(Refusal {
            login: id.to_owned(),
            reason,
        }),
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The suspension a disabled account holds, as recorded when it was
/// disabled; `None` for an enabled account or an unrecorded suspension.
pub fn suspension_of(row: &accounts::AccountRow) -> Option<Suspension> {
    if row.enabled {
        return None;
    }
    Some(Suspension {
        by_login: row.suspended_by.clone()?,
        by_role: crate::domain::Role::parse(row.suspended_by_role.as_deref()?)?,
        at: row.suspended_at.unwrap_or(0),
    })
}

/// Whether `actor` may enable `row`: not if a higher role disabled it. The
/// refusal says who did.
pub fn may_enable(actor: &Actor, row: &accounts::AccountRow) -> Result<(), String> {
    if row.enabled {
        return Ok(());
    }
    suspension::may_lift(actor.role(), &row.login, suspension_of(row).as_ref())
}

/// Writes an account's own flag for `actor`, once [`may_enable`] allowed an
/// enabling: disabling records the acting account as the suspender (a higher
/// role's earlier suspension stays), enabling lifts the suspension.
pub async fn write_own_flag(
    db: &impl db::Executor,
    actor: &Actor,
    row: &accounts::AccountRow,
    enabled: bool,
    now: i64,
) -> Result<(), db::DbError> {
    if enabled {
        return accounts::enable(db, &row.id, now).await;
    }
    let held = suspension::after_disable(suspension_of(row), suspension_by(actor, now));
    accounts::disable(db, &row.id, &held, now).await
}

/// A suspension made now by the acting account: it acts with its own role,
/// even when a higher account entered its panel.
pub fn suspension_by(actor: &Actor, now: i64) -> Suspension {
    Suspension {
        by_login: actor.acting().login.clone(),
        by_role: actor.role(),
        at: now,
    }
}

pub fn login_taken() -> AppError {
    AppError::field("login", "This login is taken: choose another.")
}

/// The settings of a form in one line, for the audit log.
pub fn describe(valid: &ValidAccount, with_pool: bool) -> String {
    let features = feature_list(&valid.features.enabled().collect::<Vec<_>>());
    if with_pool {
        format!(
            "users {}, disk {} MiB, traffic {} MiB, properties [{features}], oversell {}, enabled {}",
            valid.limits.users,
            valid.limits.disk_mib,
            valid.limits.traffic_mib,
            valid.oversell,
            valid.enabled
        )
    } else {
        format!(
            "disk {} MiB, traffic {} MiB, properties [{features}], enabled {}",
            valid.limits.disk_mib, valid.limits.traffic_mib, valid.enabled
        )
    }
}

/// A new account row from a valid form.
pub fn new_account(
    valid: &ValidAccount,
    login: &str,
    role: &str,
    owner_id: &str,
    password_hash: String,
    access: &Access,
) -> accounts::NewAccount {
    let settings = settings_of(valid);
    accounts::NewAccount {
        owner: Some(accounts::record(owner_id)),
        created_at: settings.updated_at,
        updated_at: settings.updated_at,
        login: login.to_owned(),
        role: role.to_owned(),
        enabled: settings.enabled,
        password_hash,
        email: settings.email,
        comment: settings.comment,
        users_limit: settings.users_limit,
        disk_limit: settings.disk_limit,
        traffic_limit: settings.traffic_limit,
        shell: settings.shell,
        cgi: settings.cgi,
        php: settings.php,
        ssi: settings.ssi,
        https: settings.https,
        oversell: settings.oversell,
        access: Some(access.keys()),
    }
}
