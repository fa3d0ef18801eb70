//! Switching panels: entering the panel of an account below the acting one,
//! and returning one level. The chain lives in the session, on the server
//! only; every link must stay valid for as long as the session is inside.

use super::actor::{rights_of, role_of, state_of};
use super::{Actor, AppContext, Change, write_accounts};
use crate::db::accounts::{self, AccountRow};
use crate::db::{self, audit, sessions};
use crate::domain::Role;
use crate::domain::access::Function;
use crate::error::{AppError, AppResult};

/// The function an account needs to enter the panel of an account of `role`.
pub fn enter_function(role: Role) -> Option<Function> {
    match role {
        Role::Reseller => Some(Function::ResellersEnter),
        Role::User => Some(Function::UsersEnter),
        Role::Admin => None,
    }
}

/// Whether `target` is below `from` in the tree: the admin is above every
/// other account, a reseller above the users it owns.
fn is_below(from: &AccountRow, target: &AccountRow) -> bool {
    match role_of(from) {
        Role::Admin => role_of(target) != Role::Admin,
        Role::Reseller => target.owner_id.as_deref() == Some(from.id.as_str()),
        Role::User => false,
    }
}

/// Why `from` may not be inside `target`'s panel (now), if it may not.
fn refusal(from: &AccountRow, target: &AccountRow) -> Option<String> {
    if !is_below(from, target) {
        return Some(format!("{} is not below {}.", target.login, from.login));
    }
    if !state_of(target).is_active() {
        return Some(format!("{} is disabled.", target.login));
    }
    let allowed = enter_function(role_of(target)).is_some_and(|f| rights_of(from).allows(f));
    if !allowed {
        return Some(format!(
            "{} may no longer enter the panels of its {}s.",
            from.login,
            role_of(target).label().to_lowercase()
        ));
    }
    None
}

/// The longest valid beginning of a stored chain (`None` for an account
/// that no longer exists), and why it is shorter than the stored one. The
/// first link must be active; each further one below the one before it,
/// active, and enterable by it.
pub fn valid_prefix(stored: Vec<Option<AccountRow>>) -> (Vec<AccountRow>, Option<String>) {
    let mut chain: Vec<AccountRow> = Vec::with_capacity(stored.len());
    for link in stored {
        let why = match (&link, chain.last()) {
            (None, _) => Some("the account whose panel you were in no longer exists.".to_owned()),
            (Some(account), None) => {
                (!state_of(account).is_active()).then(|| format!("{} is disabled.", account.login))
            }
            (Some(account), Some(from)) => refusal(from, account),
        };
        match (link, why) {
            (Some(account), None) => chain.push(account),
            (_, why) => {
                let notice = chain.last().map(|back| {
                    format!(
                        "You are back in {}'s panel: {}",
                        back.login,
                        why.unwrap_or_default()
                    )
                });
                return (chain, notice);
            }
        }
    }
    (chain, None)
}

/// Enters the panel of the `role` account `target_id`.
pub async fn enter(ctx: &AppContext, actor: &Actor, target_id: &str, role: Role) -> AppResult<()> {
    let from = actor.acting().clone();
    let target = accounts::get(&ctx.db, target_id)
        .await?
        .filter(|t| role_of(t) == role && is_below(&from, t))
        .ok_or_else(|| {
            AppError::NotFound(format!("There is no such {}.", role.label().to_lowercase()))
        })?;
    if let Some(why) = refusal(&from, &target) {
        return Err(AppError::Conflict(format!(
            "You cannot enter this panel: {why}"
        )));
    }
    let mut chain: Vec<String> = actor.chain.iter().map(|a| a.id.clone()).collect();
    chain.push(target.id.clone());
    let entry = audit::AuditEntry {
        at: db::now(),
        chain: actor.chain_logins(),
        action: "panel.enter".into(),
        target: target.login.clone(),
        target_owner: target.owner_login.clone(),
        target_id: Some(target.id.clone()),
        owner_id: target.owner_id.clone(),
        detail: format!("entered {}'s panel", target.login),
    };
    move_session(ctx, actor, chain, entry).await
}

/// Leaves the entered panel for the one it was entered from. Never logs
/// anyone out.
pub async fn leave(ctx: &AppContext, actor: &Actor) -> AppResult<()> {
    if !actor.has_entered() {
        return Err(AppError::Conflict(
            "You are in your own panel: there is nothing to return from.".into(),
        ));
    }
    let left = actor.acting();
    let chain: Vec<String> = actor.chain[..actor.chain.len() - 1]
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let entry = audit::AuditEntry {
        at: db::now(),
        chain: actor.chain_logins(),
        action: "panel.return".into(),
        target: left.login.clone(),
        target_owner: left.owner_login.clone(),
        target_id: Some(left.id.clone()),
        owner_id: left.owner_id.clone(),
        detail: format!("returned from {}'s panel", left.login),
    };
    move_session(ctx, actor, chain, entry).await
}

/// Points the session at `chain` and records `entry`, in one transaction;
/// resolved sessions are dropped so that the next request acts as the new
/// chain.
async fn move_session(
    ctx: &AppContext,
    actor: &Actor,
    chain: Vec<String>,
    entry: audit::AuditEntry,
) -> AppResult<()> {
    let session_id = actor.session_id.as_str();
    write_accounts(
        ctx,
        |_: &()| Change::Sessions,
        |tx| {
            let (chain, entry) = (chain.clone(), entry.clone());
            async move {
                sessions::set_chain(&*tx, session_id, chain, None).await?;
                audit::record(&*tx, entry).await?;
                Ok::<_, AppError>(())
            }
        },
    )
    .await
}

/// Hands over the notice of a session that left a panel on its own, once.
pub async fn take_notice(ctx: &AppContext, actor: &Actor) -> AppResult<Option<String>> {
    let Some(notice) = actor.notice.clone() else {
        return Ok(None);
    };
    // Through the stream: an instance that still remembers the notice would
    // show it again.
    write_accounts(
        ctx,
        |_: &()| Change::Sessions,
        |tx| async move {
            sessions::clear_notice(&*tx, &actor.session_id).await?;
            Ok::<_, AppError>(())
        },
    )
    .await?;
    Ok(Some(notice))
}
