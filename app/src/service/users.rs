//! The Users module: a reseller manages its own users inside its pool; the
//! admin manages the users it owns directly and sees every user.

use std::sync::Arc;

use super::shared::{
    Subject, bulk_ids, deleted_detail, describe, edit_changes, entry_about, list_page, login_taken,
    may_enable, new_account, settings_of, suspension_by, tally, write_own_flag,
};
use super::wire::{allocation, features, limits};
use super::{Actor, AppContext, Change, passwords, write_accounts};
use crate::db::{self, access as db_access, accounts, audit, counters, listing, sessions};
use crate::domain::access::defaults_for;
use crate::domain::changes::{Changes, state_word};
use crate::domain::form::{AccountForm, FormMode, ValidAccount};
use crate::domain::listing::{ListQuery, SortKey};
use crate::domain::pool::{Share, check_features, check_share};
use crate::domain::{FieldError, Limit, Role};
use crate::error::{AppError, AppResult};
use crate::model::{AccountDetail, AccountPage, BulkReport, PoolView, Refusal};

type Tx = Arc<surrealdb::method::Transaction<surrealdb::engine::any::Any>>;

/// The acting account if it may manage users (the admin or a reseller).
fn manager(actor: &Actor) -> AppResult<&accounts::AccountRow> {
    match actor.role() {
        Role::Admin | Role::Reseller => Ok(actor.acting()),
        Role::User => Err(AppError::Forbidden(
            "Only the admin or a reseller may manage users.".into(),
        )),
    }
}

fn no_such_user() -> AppError {
    AppError::NotFound("There is no such user.".into())
}

/// A user the acting account may manage — the admin any user, a reseller only
/// its own — or "not found", so that other accounts' users stay invisible.
async fn managed_user(
    db: &impl db::Executor,
    manager: &accounts::AccountRow,
    id: &str,
) -> AppResult<accounts::AccountRow> {
    let row = accounts::get(db, id).await?.ok_or_else(no_such_user)?;
    let mine = row.owner_id.as_deref() == Some(manager.id.as_str());
    let admin = manager.role == "admin";
    if row.role == "user" && (mine || admin) {
        Ok(row)
    } else {
        Err(no_such_user())
    }
}

/// The owner of a user, read inside the transaction that changes its pool.
async fn owner_of(tx: &Tx, user: &accounts::AccountRow) -> AppResult<accounts::AccountRow> {
    let owner_id = user.owner_id.as_deref().ok_or(AppError::Internal)?;
    accounts::get(&**tx, owner_id)
        .await?
        .ok_or(AppError::Internal)
}

fn share_of(limits: &crate::domain::Limits) -> Share {
    Share {
        disk_mib: limits.disk_mib,
        traffic_mib: limits.traffic_mib,
    }
}

/// A user form: a user owns nobody and never oversells.
fn parse(form: &AccountForm, mode: FormMode) -> AppResult<ValidAccount> {
    let mut valid = form.parse(mode, false).map_err(AppError::fields)?;
    valid.limits.users = Limit::Finite(0);
    valid.oversell = false;
    Ok(valid)
}

pub async fn list(ctx: &AppContext, actor: &Actor, query: ListQuery) -> AppResult<AccountPage> {
    let me = manager(actor)?;
    let owner = match (actor.role(), query.owner.as_deref().map(str::trim)) {
        (Role::Admin, Some(login)) if !login.is_empty() => {
            match accounts::get_by_login(&ctx.db, &login.to_lowercase()).await? {
                Some(row) if row.role != "user" => Some(row),
                _ => {
                    return Err(AppError::field(
                        "owner",
                        format!("There is no reseller called “{login}”."),
                    ));
                }
            }
        }
        (Role::Admin, _) => None,
        _ => Some(me.clone()),
    };
    // Users own nobody: their list has no user-count column to sort by.
    let sort = match query.sort {
        SortKey::Users => SortKey::Login,
        other => other,
    };
    let scope = match owner {
        Some(row) => listing::Scope::Owner(row.id),
        None => listing::Scope::Role("user"),
    };
    list_page(ctx, scope, &query, sort).await
}

pub async fn get(ctx: &AppContext, actor: &Actor, id: &str) -> AppResult<AccountDetail> {
    let me = manager(actor)?;
    Ok(AccountDetail::from_row(
        &managed_user(&ctx.db, me, id).await?,
    ))
}

/// The pool a user form draws from: the acting account's for a new user,
/// the user's owner's for an existing one.
pub async fn pool(ctx: &AppContext, actor: &Actor, user_id: Option<&str>) -> AppResult<PoolView> {
    let me = manager(actor)?;
    let owner = match user_id {
        None => accounts::get(&ctx.db, &me.id).await?,
        Some(id) => {
            let user = managed_user(&ctx.db, me, id).await?;
            match user.owner_id {
                Some(owner_id) => accounts::get(&ctx.db, &owner_id).await?,
                None => None,
            }
        }
    }
    .ok_or(AppError::Internal)?;
    Ok(PoolView {
        owner_login: owner.login.clone(),
        limits: limits(&owner),
        allocation: allocation(&owner),
        features: features(&owner),
        oversell: owner.oversell,
    })
}

/// Creates a user owned by the acting account; answers its id. The pool check
/// and the owner's counters are one transaction, so concurrent creations can
/// never oversubscribe the pool.
pub async fn create(ctx: &AppContext, actor: &Actor, form: AccountForm) -> AppResult<String> {
    let me = manager(actor)?.clone();
    let valid = parse(&form, FormMode::Create)?;
    let login = valid
        .login
        .clone()
        .ok_or_else(|| AppError::field("login", "Enter a login."))?;
    if accounts::get_by_login(&ctx.db, login.as_str())
        .await?
        .is_some()
    {
        return Err(login_taken());
    }
    let password = valid
        .password
        .as_ref()
        .ok_or_else(|| AppError::field("password", "Enter a password."))?;
    let hash = passwords::hash(password.expose()).await?;
    let id = accounts::new_id();
    let access = defaults_for(
        Role::User,
        db_access::defaults(&ctx.db, Role::User).await?.as_ref(),
    );
    let new = new_account(&valid, login.as_str(), "user", &me.id, hash, &access);
    let share = share_of(&valid.limits);
    let changed = |_: &()| Change::accounts([&id, &me.id]);
    write_accounts(ctx, changed, |tx| {
        let (id, new, valid, me, login) = (
            id.clone(),
            new.clone(),
            valid.clone(),
            me.clone(),
            login.to_string(),
        );
        async move {
            let owner = accounts::get(&*tx, &me.id)
                .await?
                .ok_or(AppError::Internal)?;
            let pool = allocation(&owner);
            let mut errors = check_share(&limits(&owner), owner.oversell, &pool, None, share);
            errors.extend(check_features(
                &valid.features,
                &features(&owner),
                &owner.login,
            ));
            if !errors.is_empty() {
                return Err(AppError::fields(errors));
            }
            accounts::insert(&*tx, &id, new).await.map_err(|e| {
                if e.is_duplicate() {
                    login_taken()
                } else {
                    e.into()
                }
            })?;
            // Always a change of the owner's record (one user more), so it
            // also conflicts with a concurrent change of its properties.
            accounts::set_allocation(&*tx, &owner.id, &pool.with(share), db::now()).await?;
            if !valid.enabled {
                let now = db::now();
                accounts::disable(&*tx, &id, &suspension_by(actor, now), now).await?;
            }
            counters::add(&*tx, counters::USERS, 1).await?;
            let detail = describe(&valid, false);
            let subject = Subject {
                id: &id,
                login: &login,
                owner_id: Some(&owner.id),
                owner_login: Some(&owner.login),
            };
            audit::record(&*tx, entry_about(actor, "user.create", subject, detail)).await?;
            Ok::<_, AppError>(())
        }
    })
    .await?;
    Ok(id)
}

/// Saves a user's settings; its new share must fit its owner's pool.
pub async fn update(ctx: &AppContext, actor: &Actor, id: &str, form: AccountForm) -> AppResult<()> {
    let me = manager(actor)?.clone();
    let valid = parse(&form, FormMode::Edit)?;
    let hash = match &valid.password {
        Some(password) => Some(passwords::hash(password.expose()).await?),
        None => None,
    };
    let changed = |owner_id: &String| Change::accounts([id, owner_id]);
    write_accounts(ctx, changed, |tx| {
        let (valid, hash, id, me) = (valid.clone(), hash.clone(), id.to_owned(), me.clone());
        async move { apply_update(&tx, actor, &me, &id, &valid, hash.as_deref()).await }
    })
    .await?;
    Ok(())
}

async fn apply_update(
    tx: &Tx,
    actor: &Actor,
    me: &accounts::AccountRow,
    id: &str,
    valid: &ValidAccount,
    hash: Option<&str>,
) -> AppResult<String> {
    let user = managed_user(&**tx, me, id).await?;
    let owner = owner_of(tx, &user).await?;
    let pool = allocation(&owner);
    let before = share_of(&limits(&user));
    let share = share_of(&valid.limits);
    let mut errors = check_share(&limits(&owner), owner.oversell, &pool, Some(before), share);
    // Kept properties too: a user never holds one its owner lacks.
    errors.extend(check_features(
        &valid.features,
        &features(&owner),
        &owner.login,
    ));
    if valid.enabled
        && let Err(reason) = may_enable(actor, &user)
    {
        errors.push(FieldError::new("enabled", reason));
    }
    if !errors.is_empty() {
        return Err(AppError::fields(errors));
    }
    let now = db::now();
    if valid.features.enabled().next().is_some() {
        // Conflicts with the admin revoking one of these from the owner
        // meanwhile: the loser retries and sees the other's result.
        accounts::bump_grants_revision(&**tx, &owner.id).await?;
    }
    accounts::update_settings(&**tx, id, settings_of(valid)).await?;
    if valid.enabled != user.enabled {
        write_own_flag(&**tx, actor, &user, valid.enabled, now).await?;
    }
    if let Some(hash) = hash {
        accounts::set_password_hash(&**tx, id, hash, now).await?;
    }
    if before != share {
        accounts::set_allocation(&**tx, &owner.id, &pool.without(before).with(share), now).await?;
    }
    let mut changes = edit_changes(&user, valid, false);
    if hash.is_some() {
        changes.note("password reset");
    }
    let detail = changes.finish("saved without changes");
    audit::record(&**tx, entry_about(actor, "user.update", &user, detail)).await?;
    Ok(owner.id)
}

/// Deletes users; each deletion frees its share of the pool in the same
/// transaction.
pub async fn delete(ctx: &AppContext, actor: &Actor, ids: &[String]) -> AppResult<BulkReport> {
    let me = manager(actor)?.clone();
    let mut report = BulkReport {
        verb: "deleted".into(),
        ..Default::default()
    };
    for id in bulk_ids(ids, "user")? {
        let changed = |(_, owner_id): &(String, String)| Change::accounts([&id, owner_id]);
        let outcome = write_accounts(ctx, changed, |tx| {
            let (id, me) = (id.clone(), me.clone());
            async move {
                let user = managed_user(&*tx, &me, &id).await?;
                let owner = owner_of(&tx, &user).await?;
                let freed = allocation(&owner).without(share_of(&limits(&user)));
                accounts::delete(&*tx, &id).await?;
                accounts::set_allocation(&*tx, &owner.id, &freed, db::now()).await?;
                sessions::delete_for_account(&*tx, &id).await?;
                counters::add(&*tx, counters::USERS, -1).await?;
                let detail = deleted_detail(&user);
                audit::record(&*tx, entry_about(actor, "user.delete", &user, detail)).await?;
                Ok::<_, AppError>((user.login, owner.id))
            }
        })
        .await;
        let outcome = outcome.map(|(login, _)| login);
        tally(&mut report, &id, outcome.map(Ok))?;
    }
    Ok(report)
}

/// Enables or disables users on their own flag. A user of a disabled reseller
/// stays inactive until its reseller is enabled again.
pub async fn set_enabled(
    ctx: &AppContext,
    actor: &Actor,
    ids: &[String],
    enabled: bool,
) -> AppResult<BulkReport> {
    let me = manager(actor)?.clone();
    let mut report = BulkReport {
        verb: if enabled { "enabled" } else { "disabled" }.into(),
        ..Default::default()
    };
    for id in bulk_ids(ids, "user")? {
        let changed = |outcome: &Result<String, Refusal>| match outcome {
            Ok(_) => Change::accounts([&id]),
            Err(_) => Change::Nothing,
        };
        let outcome = write_accounts(ctx, changed, |tx| {
            let (id, me) = (id.clone(), me.clone());
            async move {
                let user = managed_user(&*tx, &me, &id).await?;
                if enabled && let Err(reason) = may_enable(actor, &user) {
                    return Ok(Err(Refusal {
                        login: user.login,
                        reason,
                    }));
                }
                write_own_flag(&*tx, actor, &user, enabled, db::now()).await?;
                let action = if enabled {
                    "user.enable"
                } else {
                    "user.disable"
                };
                let detail = state_change(user.enabled, enabled);
                audit::record(&*tx, entry_about(actor, action, &user, detail)).await?;
                Ok::<_, AppError>(Ok(user.login))
            }
        })
        .await;
        tally(&mut report, &id, outcome)?;
    }
    Ok(report)
}

/// "enabled → disabled", or the state alone when it was already so.
fn state_change(before: bool, after: bool) -> String {
    Changes::new()
        .state(before, after)
        .finish(&format!("already {}", state_word(after)))
}
