use super::actor::role_of;
use super::{Actor, AppContext};
use crate::db::counters;
use crate::domain::Role;
use crate::error::AppResult;
use crate::model::{AccountOverview, Dashboard};

pub async fn dashboard(ctx: &AppContext, actor: &Actor) -> AppResult<Dashboard> {
    let me = actor.acting();
    Ok(match role_of(me) {
        Role::Admin => Dashboard::Admin {
            resellers: counters::get(&ctx.db, counters::RESELLERS).await?.max(0) as u64,
            users: counters::get(&ctx.db, counters::USERS).await?.max(0) as u64,
        },
        Role::Reseller => Dashboard::Reseller(AccountOverview::from_row(me)),
        Role::User => Dashboard::User(AccountOverview::from_row(me)),
    })
}
