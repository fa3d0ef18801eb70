//! Ticket categories: the admin's are the server's (for tickets to the
//! admin and the admin's messages down), a reseller's sort the tickets
//! between it and its users. A category any ticket used is never deleted —
//! it can be disabled or renamed instead. A change shows in every ticket
//! filed under the category, so it is news to everyone's support center.

use super::stream::EVERY_PARTY;
use super::support::category_owner;
use super::{Actor, AppContext, Change, write_accounts};
use crate::api::support::CategoryView;
use crate::db::accounts;
use crate::db::support::{self as store, CategoryRecord, CategoryRow};
use crate::domain::support::{CategoryForm, Priority};
use crate::error::{AppError, AppResult};

fn view(row: CategoryRow) -> CategoryView {
    CategoryView {
        id: row.id,
        name: row.category.name,
        position: row.category.position,
        enabled: row.category.enabled,
        default_priority: row
            .category
            .default_priority
            .as_deref()
            .and_then(Priority::parse),
        tickets: row.category.tickets.max(0) as u64,
    }
}

fn not_found() -> AppError {
    AppError::NotFound("No such category.".into())
}

pub async fn list(ctx: &AppContext, actor: &Actor) -> AppResult<Vec<CategoryView>> {
    let owner = category_owner(actor.acting());
    Ok(store::categories_of(&ctx.db, &owner)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// One of the acting account's categories, read in `tx`.
async fn own(tx: &impl crate::db::Executor, owner: &str, id: &str) -> AppResult<CategoryRecord> {
    match store::get_category(tx, id).await? {
        Some(row) if row.category.owner == owner => Ok(row.category),
        _ => Err(not_found()),
    }
}

/// Creates a category (`id` None) or saves one of the acting account's.
pub async fn save(
    ctx: &AppContext,
    actor: &Actor,
    id: Option<&str>,
    form: CategoryForm,
) -> AppResult<String> {
    let valid = form.parse().map_err(AppError::fields)?;
    let acting = actor.acting().clone();
    let owner = category_owner(&acting);
    let creating = id.is_none();
    let id = id.map_or_else(accounts::new_id, str::to_owned);
    write_accounts(
        ctx,
        |_| Change::Tickets(vec![EVERY_PARTY.to_owned()]),
        |tx| {
            let (valid, owner, id, acting) =
                (valid.clone(), owner.clone(), id.clone(), acting.clone());
            async move {
                let tickets = if creating {
                    0
                } else {
                    own(&*tx, &owner, &id).await?.tickets
                };
                let record = CategoryRecord {
                    owner,
                    name: valid.name.clone(),
                    position: valid.position,
                    enabled: valid.enabled,
                    default_priority: valid.default_priority.map(|p| p.key().to_owned()),
                    tickets,
                };
                store::put_category(&*tx, &id, &record).await?;
                let verb = if creating { "added" } else { "saved" };
                let state = if valid.enabled { "enabled" } else { "disabled" };
                crate::db::audit::record(
                    &*tx,
                    super::shared::entry_about(
                        actor,
                        "support.categories",
                        &acting,
                        format!("category “{}” {verb} ({state})", valid.name),
                    ),
                )
                .await?;
                Ok(id)
            }
        },
    )
    .await
}

/// Deletes a category no ticket used.
pub async fn delete(ctx: &AppContext, actor: &Actor, id: &str) -> AppResult<()> {
    let acting = actor.acting().clone();
    let owner = category_owner(&acting);
    write_accounts(
        ctx,
        |_| Change::Tickets(vec![EVERY_PARTY.to_owned()]),
        |tx| {
            let (owner, acting) = (owner.clone(), acting.clone());
            async move {
                let category = own(&*tx, &owner, id).await?;
                if category.tickets > 0 {
                    let n = category.tickets;
                    return Err(AppError::Conflict(format!(
                        "“{}” is used by {n} ticket{}, so it cannot be deleted. \
                         Disable it instead: it will no longer be offered.",
                        category.name,
                        if n == 1 { "" } else { "s" }
                    )));
                }
                store::delete_category(&*tx, id).await?;
                crate::db::audit::record(
                    &*tx,
                    super::shared::entry_about(
                        actor,
                        "support.categories",
                        &acting,
                        format!("category “{}” deleted", category.name),
                    ),
                )
                .await?;
                Ok(())
            }
        },
    )
    .await
}
