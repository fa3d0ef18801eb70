//! The admin's Resellers module.

use std::sync::Arc;

use super::shared::{
    Subject, bulk_ids, deleted_detail, describe, edit_changes, entry_about, list_page, login_taken,
    new_account, settings_of, suspension_by, tally, write_own_flag,
};
use super::wire::{allocation, features};
use super::{Actor, AppContext, Change, passwords, write_accounts};
use crate::db::{self, access as db_access, accounts, audit, counters, listing, sessions};
use crate::domain::access::defaults_for;
use crate::domain::changes::{Changes, state_word};
use crate::domain::features::feature_list;
use crate::domain::form::{AccountForm, FormMode, ValidAccount};
use crate::domain::listing::ListQuery;
use crate::domain::pool::check_new_pool_limits;
use crate::domain::{FieldError, Role};
use crate::error::{AppError, AppResult};
use crate::model::{AccountDetail, AccountPage, BulkReport, Refusal};

/// A reseller of the acting admin, or "not found" for anything else.
async fn reseller(db: &impl db::Executor, id: &str) -> AppResult<accounts::AccountRow> {
    match accounts::get(db, id).await? {
        Some(row) if row.role == "reseller" => Ok(row),
        _ => Err(AppError::NotFound("There is no such reseller.".into())),
    }
}

pub async fn list(ctx: &AppContext, actor: &Actor, query: ListQuery) -> AppResult<AccountPage> {
    actor.require(Role::Admin)?;
    list_page(ctx, listing::Scope::Role("reseller"), &query, query.sort).await
}

pub async fn get(ctx: &AppContext, actor: &Actor, id: &str) -> AppResult<AccountDetail> {
    actor.require(Role::Admin)?;
    Ok(AccountDetail::from_row(&reseller(&ctx.db, id).await?))
}

pub async fn create(ctx: &AppContext, actor: &Actor, form: AccountForm) -> AppResult<String> {
    let admin = actor.require(Role::Admin)?.clone();
    let valid = form
        .parse(FormMode::Create, true)
        .map_err(AppError::fields)?;
    let Some(login) = valid.login.clone() else {
        return Err(AppError::field("login", "Enter a login."));
    };
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
        Role::Reseller,
        db_access::defaults(&ctx.db, Role::Reseller).await?.as_ref(),
    );
    let new = new_account(&valid, login.as_str(), "reseller", &admin.id, hash, &access);
    let detail = describe(&valid, true);
    let enabled = valid.enabled;
    let changed = |_: &()| Change::accounts([&id]);
    write_accounts(ctx, changed, |tx| {
        let (id, new, detail) = (id.clone(), new.clone(), detail.clone());
        let subject = Subject {
            id: &id,
            login: login.as_str(),
            owner_id: Some(&admin.id),
            owner_login: Some(&admin.login),
        };
        let audit_entry = entry_about(actor, "reseller.create", subject, detail);
        async move {
            accounts::insert(&*tx, &id, new).await.map_err(|e| {
                if e.is_duplicate() {
                    login_taken()
                } else {
                    e.into()
                }
            })?;
            counters::add(&*tx, counters::RESELLERS, 1).await?;
            if !enabled {
                let now = db::now();
                accounts::disable(&*tx, &id, &suspension_by(actor, now), now).await?;
            }
            audit::record(&*tx, audit_entry).await?;
            Ok::<_, AppError>(())
        }
    })
    .await?;
    Ok(id)
}

pub async fn update(ctx: &AppContext, actor: &Actor, id: &str, form: AccountForm) -> AppResult<()> {
    actor.require(Role::Admin)?;
    let valid = form.parse(FormMode::Edit, true).map_err(AppError::fields)?;
    let hash = match &valid.password {
        Some(password) => Some(passwords::hash(password.expose()).await?),
        None => None,
    };
    let revoke_from_users = form.revoke_from_users;
    let changed = |_: &String| {
        if revoke_from_users {
            Change::AccountAndUsers(id.to_owned())
        } else {
            Change::accounts([id])
        }
    };
    write_accounts(ctx, changed, |tx| {
        let (valid, hash, id) = (valid.clone(), hash.clone(), id.to_owned());
        async move { apply_update(&tx, actor, &id, &valid, hash.as_deref(), revoke_from_users).await }
    })
    .await?;
    Ok(())
}

async fn apply_update(
    tx: &Arc<surrealdb::method::Transaction<surrealdb::engine::any::Any>>,
    actor: &Actor,
    id: &str,
    valid: &ValidAccount,
    hash: Option<&str>,
    revoke_from_users: bool,
) -> AppResult<String> {
    let tx = &**tx;
    let current = reseller(tx, id).await?;
    let allocated = allocation(&current);
    let mut errors = check_new_pool_limits(&valid.limits, &allocated, valid.oversell);
    let revoked = features(&current).revoked_by(&valid.features);
    let mut revoke_now = Vec::new();
    for feature in revoked {
        let users = accounts::count_users_with_feature(tx, id, feature.key()).await?;
        if users == 0 {
            continue;
        }
        if revoke_from_users {
            revoke_now.push(feature);
        } else {
            errors.push(FieldError::new(
                "features",
                format!(
                    "{users} of its users use {}: tick “also revoke from its users” to take it from them too.",
                    feature.label()
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::fields(errors));
    }
    let now = db::now();
    for feature in &revoke_now {
        accounts::revoke_feature_from_users(tx, id, feature.key(), now).await?;
    }
    accounts::update_settings(tx, id, settings_of(valid)).await?;
    if valid.enabled != current.enabled {
        // The admin may lift any suspension.
        write_own_flag(tx, actor, &current, valid.enabled, now).await?;
    }
    if let Some(hash) = hash {
        accounts::set_password_hash(tx, id, hash, now).await?;
    }
    let mut changes = edit_changes(&current, valid, true);
    if hash.is_some() {
        changes.note("password reset");
    }
    if !revoke_now.is_empty() {
        changes.note(format!(
            "revoked from its users: {}",
            feature_list(&revoke_now)
        ));
    }
    let detail = changes.finish("saved without changes");
    audit::record(tx, entry_about(actor, "reseller.update", &current, detail)).await?;
    Ok(current.login)
}

/// Deletes resellers that own no users; the others are refused with their count.
pub async fn delete(ctx: &AppContext, actor: &Actor, ids: &[String]) -> AppResult<BulkReport> {
    actor.require(Role::Admin)?;
    let mut report = BulkReport {
        verb: "deleted".into(),
        ..Default::default()
    };
    for id in bulk_ids(ids, "reseller")? {
        let changed = |outcome: &Result<String, Refusal>| match outcome {
            Ok(_) => Change::accounts([&id]),
            Err(_) => Change::Nothing,
        };
        let outcome = write_accounts(ctx, changed, |tx| {
            let id = id.clone();
            async move {
                let row = reseller(&*tx, &id).await?;
                if row.alloc_users > 0 {
                    return Ok(Err(Refusal {
                        reason: format!(
                            "{} owns {} user{}",
                            row.login,
                            row.alloc_users,
                            if row.alloc_users == 1 { "" } else { "s" }
                        ),
                        login: row.login,
                    }));
                }
                accounts::delete(&*tx, &id).await?;
                sessions::delete_for_account(&*tx, &id).await?;
                counters::add(&*tx, counters::RESELLERS, -1).await?;
                // Its host names are free again and its brand is gone; the
                // brand books learn it from a change of their own, committed
                // with this one.
                if super::branding::forget(&*tx, &id).await? {
                    crate::db::changes::append(&*tx, &Change::Brands, crate::db::now()).await?;
                }
                let detail = deleted_detail(&row);
                audit::record(&*tx, entry_about(actor, "reseller.delete", &row, detail)).await?;
                Ok::<_, AppError>(Ok(row.login))
            }
        })
        .await;
        tally(&mut report, &id, outcome)?;
    }
    Ok(report)
}

/// Enables or disables resellers. Disabling is one write per reseller: its
/// users become inactive through the derived state. Enabling can also bring
/// back the users that were disabled on their own.
pub async fn set_enabled(
    ctx: &AppContext,
    actor: &Actor,
    ids: &[String],
    enabled: bool,
    also_users_disabled_individually: bool,
) -> AppResult<BulkReport> {
    actor.require(Role::Admin)?;
    let mut report = BulkReport {
        verb: if enabled { "enabled" } else { "disabled" }.into(),
        ..Default::default()
    };
    for id in bulk_ids(ids, "reseller")? {
        let changed = |_: &String| {
            if enabled && also_users_disabled_individually {
                Change::AccountAndUsers(id.clone())
            } else {
                Change::accounts([&id])
            }
        };
        let outcome = write_accounts(ctx, changed, |tx| {
            let id = id.clone();
            async move {
                let row = reseller(&*tx, &id).await?;
                let now = db::now();
                // The admin may lift any suspension.
                write_own_flag(&*tx, actor, &row, enabled, now).await?;
                let mut changes = Changes::new();
                changes.state(row.enabled, enabled);
                if enabled && also_users_disabled_individually {
                    let count = accounts::enable_all_users_of(&*tx, &id, now).await?;
                    changes.note(format!("also enabled {count} users disabled individually"));
                }
                let detail = changes.finish(state_word(enabled));
                let action = if enabled {
                    "reseller.enable"
                } else {
                    "reseller.disable"
                };
                audit::record(&*tx, entry_about(actor, action, &row, detail)).await?;
                Ok::<_, AppError>(row.login)
            }
        })
        .await;
        tally(&mut report, &id, outcome.map(Ok))?;
    }
    Ok(report)
}
