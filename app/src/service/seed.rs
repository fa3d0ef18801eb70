//! Demo and benchmark data: N resellers with M users each, written in bulk.

use super::{AppContext, Change, passwords};
use crate::db::{self, accounts, counters};
use crate::domain::access::Access;
use crate::domain::pool::{Allocation, Share};
use crate::domain::{Features, Limit, Role};
use crate::error::{AppError, AppResult};

pub const SEED_PASSWORD: &str = "seed-password";
const BATCH: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub resellers: usize,
    pub users: usize,
}

fn account(
    owner: &str,
    login: String,
    role: &str,
    hash: &str,
    limits: (Option<i64>, Option<i64>, Option<i64>),
    features: Features,
    enabled: bool,
) -> accounts::NewAccount {
    let now = db::now();
    accounts::NewAccount {
        owner: Some(accounts::record(owner)),
        created_at: now,
        updated_at: now,
        login,
        role: role.into(),
        enabled,
        password_hash: hash.to_owned(),
        email: None,
        comment: String::new(),
        users_limit: limits.0,
        disk_limit: limits.1,
        traffic_limit: limits.2,
        shell: features.shell,
        cgi: features.cgi,
        php: features.php,
        ssi: features.ssi,
        https: features.https,
        oversell: false,
        access: Some(Access::everything_for(Role::parse(role).unwrap_or(Role::User)).keys()),
    }
}

/// Adds `resellers` resellers (`seed00001`, …) owned by the admin, each with
/// `users_each` users (`seed00001u0001`, …). Every seeded account's password
/// is [`SEED_PASSWORD`]. Refuses if seeded accounts already exist.
pub async fn seed(ctx: &AppContext, resellers: usize, users_each: usize) -> AppResult<SeedReport> {
    if resellers > 99_999 || users_each > 9_999 {
        return Err(AppError::field(
            "resellers",
            "At most 99 999 resellers with 9 999 users each.",
        ));
    }
    let admin = accounts::get_by_login(&ctx.db, super::accounts::ADMIN_LOGIN)
        .await?
        .ok_or_else(|| AppError::NotFound("Start the server once to create the admin.".into()))?;
    if accounts::get_by_login(&ctx.db, "seed00001")
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            "This database is already seeded.".into(),
        ));
    }
    let hash = passwords::hash(SEED_PASSWORD).await?;
    let now = db::now();
    let all = Features::ALL;
    let user_features = Features {
        php: true,
        https: true,
        ..Default::default()
    };
    let mut batch = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<accounts::NewAccount>| {
        let rows = std::mem::take(batch);
        let db = ctx.db.clone();
        async move {
            if rows.is_empty() {
                Ok(())
            } else {
                accounts::insert_many(&db, rows).await
            }
        }
    };
    for r in 1..=resellers {
        let reseller_id = accounts::new_id();
        let reseller_login = format!("seed{r:05}");
        let users_limit = (users_each as i64) * 2;
        // A spread of quotas, so that sorting by disk or traffic means something.
        let disk = 10_240 + ((r * 7919) % 1000) as i64 * 1024;
        let traffic = 102_400 + ((r * 104_729) % 1000) as i64 * 1024;
        accounts::insert(
            &ctx.db,
            &reseller_id,
            account(
                &admin.id,
                reseller_login.clone(),
                "reseller",
                &hash,
                (Some(users_limit), Some(disk), Some(traffic)),
                all,
                r % 10 != 0,
            ),
        )
        .await?;
        let mut allocation = Allocation::default();
        for u in 1..=users_each {
            let share = Share {
                disk_mib: Limit::Finite(((disk as u64) / (users_each as u64 * 2)).max(1)),
                traffic_mib: Limit::Finite(((traffic as u64) / (users_each as u64 * 2)).max(1)),
            };
            allocation = allocation.with(share);
            batch.push(account(
                &reseller_id,
                format!("{reseller_login}u{u:04}"),
                "user",
                &hash,
                (
                    Some(0),
                    share.disk_mib.to_option(),
                    share.traffic_mib.to_option(),
                ),
                user_features,
                u % 20 != 0,
            ));
            if batch.len() >= BATCH {
                flush(&mut batch).await?;
            }
        }
        flush(&mut batch).await?;
        accounts::set_allocation(&ctx.db, &reseller_id, &allocation, now).await?;
    }
    counters::add(&ctx.db, counters::RESELLERS, resellers as i64).await?;
    counters::add(&ctx.db, counters::USERS, (resellers * users_each) as i64).await?;
    ctx.publish(Change::Everything).await?;
    Ok(SeedReport {
        resellers,
        users: resellers * users_each,
    })
}
