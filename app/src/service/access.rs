//! Access pages: the functions the admin grants a reseller, those a reseller
//! (or the admin) grants a user, and the admin's defaults for new accounts.
//!
//! Only grants are stored; what an account may use is derived from them and
//! its owner's (`domain::access::effective`). So withdrawing a function from a
//! reseller rewrites the reseller alone, and its users lose it with it.

use super::actor::{grants_of, rights_of};
use super::shared::{entry, entry_about};
use super::{Actor, AppContext, Change, write_accounts};
use crate::api::access::{
    AccessView, DefaultAccessView, FunctionAccess, ModuleAccess, RoleDefaults,
};
use crate::db::{self, access as db_access, accounts, audit};
use crate::domain::Role;
use crate::domain::access::{
    Access, Function, Module, defaults_for, effective, grantable_by, regrant,
};
use crate::error::{AppError, AppResult};

/// More keys than any request needs: the catalogue is far smaller, and a
/// list this long is not a form's.
const MAX_KEYS: usize = 256;

/// The roles whose defaults the admin sets.
const DEFAULT_ROLES: [Role; 2] = [Role::Reseller, Role::User];

fn no_such(role: Role) -> AppError {
    AppError::NotFound(format!("There is no such {}.", role.label().to_lowercase()))
}

/// Refuses a caller whose role cannot own accounts of `role`: only an owner
/// hands out access (the admin to resellers and users, a reseller to users).
fn may_manage(actor: &Actor, role: Role) -> AppResult<()> {
    if actor.role().may_own(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "This account may not change the access of a {}.",
            role.label().to_lowercase()
        )))
    }
}

/// The account of `role` whose access the acting account manages — the
/// admin any reseller or user, a reseller only its own users — or "not
/// found", so that other accounts stay invisible.
async fn target(
    db: &impl db::Executor,
    actor: &Actor,
    id: &str,
    role: Role,
) -> AppResult<accounts::AccountRow> {
    let row = accounts::get(db, id).await?.ok_or_else(|| no_such(role))?;
    let own = row.owner_id.as_deref() == Some(actor.acting().id.as_str());
    if row.role == role.as_str() && (actor.role() == Role::Admin || own) {
        Ok(row)
    } else {
        Err(no_such(role))
    }
}

/// The owner's login and what it may use, when the owner is a reseller. The
/// admin stores no grants (it holds all), so an owner without them is the
/// admin, which withholds nothing.
fn owner_rights(row: &accounts::AccountRow) -> Option<(String, Access)> {
    let keys = row.owner_access.as_deref()?;
    let grants = Access::from_keys(keys.iter().map(String::as_str));
    Some((
        row.owner_login.clone().unwrap_or_default(),
        effective(Role::Reseller, &grants, None),
    ))
}

/// The check boxes of `role`, module by module in the catalogue's order.
fn modules_for(
    role: Role,
    checked: &Access,
    grantable: &Access,
    owner: Option<&(String, Access)>,
) -> Vec<ModuleAccess> {
    let in_effect = effective(role, checked, owner.map(|(_, rights)| rights));
    let function = |f: Function| FunctionAccess {
        key: f.key().to_owned(),
        label: f.label().to_owned(),
        checked: checked.allows(f),
        grantable: grantable.allows(f),
        in_effect: in_effect.allows(f),
        withheld_by: owner
            .filter(|(_, rights)| !rights.allows(f))
            .map(|(login, _)| login.clone()),
    };
    Module::ALL
        .into_iter()
        .map(|module| ModuleAccess {
            label: module.label().to_owned(),
            functions: module.functions_for(role).map(function).collect(),
        })
        .filter(|module| !module.functions.is_empty())
        .collect()
}

/// Keys as a client sent them. An unknown one is refused rather than
/// dropped: the caller meant something that does not exist.
fn parse_keys(keys: &[String]) -> AppResult<Access> {
    if keys.len() > MAX_KEYS {
        return Err(AppError::field(
            "functions",
            format!("Send at most {MAX_KEYS} functions."),
        ));
    }
    if let Some(unknown) = keys.iter().find(|k| Function::parse(k).is_none()) {
        let shown: String = unknown.chars().take(40).collect();
        return Err(AppError::field(
            "functions",
            format!("There is no function “{shown}”."),
        ));
    }
    Ok(Access::from_keys(keys.iter().map(String::as_str)))
}

/// "granted Users: Create; withdrew Users: Delete", for the audit log.
fn describe_change(before: &Access, after: &Access) -> String {
    let names = |set: Access| {
        set.iter()
            .map(Function::name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let granted = after.without(before);
    let withdrawn = before.without(after);
    let mut parts = Vec::new();
    if !granted.is_empty() {
        parts.push(format!("granted {}", names(granted)));
    }
    if !withdrawn.is_empty() {
        parts.push(format!("withdrew {}", names(withdrawn)));
    }
    parts.join("; ")
}

/// The Access page of the reseller or user `id` (of `role`).
pub async fn view(ctx: &AppContext, actor: &Actor, id: &str, role: Role) -> AppResult<AccessView> {
    may_manage(actor, role)?;
    let row = target(&ctx.db, actor, id, role).await?;
    let saved = db_access::defaults(&ctx.db, role).await?;
    let owner = owner_rights(&row);
    Ok(AccessView {
        id: row.id.clone(),
        login: row.login.clone(),
        role,
        owner_login: row.owner_login.clone(),
        modules: modules_for(
            role,
            &grants_of(&row),
            &grantable_by(actor.rights(), role),
            owner.as_ref(),
        ),
        defaults: defaults_for(role, saved.as_ref()).keys(),
        owner_rights: owner.map(|(_, rights)| rights.keys()),
    })
}

/// Replaces the grants of the reseller or user `id` with `keys`, among those
/// the acting account may grant (the rest stay as stored); answers whether
/// anything changed. Sessions are resolved afresh after the commit, so every
/// open session below the account acts with the new rights on its next
/// request.
pub async fn set(
    ctx: &AppContext,
    actor: &Actor,
    id: &str,
    role: Role,
    keys: &[String],
) -> AppResult<bool> {
    may_manage(actor, role)?;
    let requested = parse_keys(keys)?;
    let action = format!("{}.access", role.as_str());
    let changed = |changed: &bool| {
        if *changed {
            Change::AccountAndUsers(id.to_owned())
        } else {
            Change::Nothing
        }
    };
    write_accounts(ctx, changed, |tx| {
        let (requested, action) = (requested.clone(), action.clone());
        async move {
            let row = target(&*tx, actor, id, role).await?;
            // The granter's rights as stored now, not as its session
            // remembered them: a function withdrawn from it a moment ago
            // cannot be handed on.
            let granter = accounts::get(&*tx, &actor.acting().id)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let stored = grants_of(&row);
            let after = regrant(&rights_of(&granter), role, &stored, &requested)?;
            if after == stored {
                return Ok(false);
            }
            db_access::set_grants(&*tx, &row.id, &after, db::now()).await?;
            let detail = describe_change(&stored, &after);
            audit::record(&*tx, entry_about(actor, &action, &row, detail)).await?;
            Ok::<_, AppError>(true)
        }
    })
    .await
}

/// The Default access page: the grants new resellers and new users get.
pub async fn defaults(ctx: &AppContext, actor: &Actor) -> AppResult<DefaultAccessView> {
    actor.require(Role::Admin)?;
    let mut roles = Vec::with_capacity(DEFAULT_ROLES.len());
    for role in DEFAULT_ROLES {
        let saved = db_access::defaults(&ctx.db, role).await?;
        let current = defaults_for(role, saved.as_ref());
        roles.push(RoleDefaults {
            role,
            saved: saved.is_some(),
            modules: modules_for(role, &current, &grantable_by(actor.rights(), role), None),
        });
    }
    Ok(DefaultAccessView { roles })
}

/// Saves the grants new accounts of `role` get; answers whether anything
/// changed. Accounts that exist keep their own grants.
pub async fn set_defaults(
    ctx: &AppContext,
    actor: &Actor,
    role: Role,
    keys: &[String],
) -> AppResult<bool> {
    let admin = actor.require(Role::Admin)?.clone();
    if !DEFAULT_ROLES.contains(&role) {
        return Err(AppError::field(
            "role",
            "The administrator holds every function: it has no defaults.",
        ));
    }
    let requested = parse_keys(keys)?;
    // Checked like a grant to an account of the role: nothing the role
    // cannot hold.
    let after = regrant(actor.rights(), role, &Access::default(), &requested)?;
    let target = format!("new {}s", role.as_str());
    db::in_transaction(&ctx.db, |tx| {
        let (after, target, admin) = (after.clone(), target.clone(), admin.clone());
        async move {
            let saved = db_access::defaults(&*tx, role).await?;
            let before = defaults_for(role, saved.as_ref());
            // Unsaved defaults give everything, even functions a later
            // release adds; saving them pins a list, which is a change even
            // when it names the same functions.
            if saved.is_some() && before == after {
                return Ok(false);
            }
            let detail = match describe_change(&before, &after) {
                same if same.is_empty() => {
                    "kept every function; functions added later are no longer included".to_owned()
                }
                change => change,
            };
            db_access::set_defaults(&*tx, role, &after, db::now()).await?;
            audit::record(
                &*tx,
                entry(actor, "access.defaults", &target, &admin.login, detail),
            )
            .await?;
            Ok::<_, AppError>(true)
        }
    })
    .await
}
