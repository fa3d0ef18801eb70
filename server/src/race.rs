//! `server race`: many rounds of concurrent creations and edits against small
//! pools, through the same service calls the panel uses, while the admin
//! revokes a property from the pool's reseller. After every round it checks
//! that no pool is oversubscribed, that the owner's counters equal the sum of
//! its users' allocations, that no user holds a property its reseller lacks,
//! and that the list model shows exactly the users the database holds.

use std::time::Instant;

use app::db::accounts;
use app::domain::form::AccountForm;
use app::domain::listing::ListQuery;
use app::domain::{Feature, Features};
use app::error::AppError;
use app::service::{Actor, AppContext, resellers, users};
use rand::Rng;

use crate::config::Config;
use crate::prepare;

pub struct Options {
    pub races: usize,
    /// Requests fired at one pool at the same time in each race.
    pub concurrency: usize,
}

/// Every race draws from one of these pools, in turn.
const POOLS: usize = 20;
const POOL_USERS: u64 = 4;
const POOL_DISK_MIB: u64 = 100;
/// Of each race's requests, this many create a user; the others edit one.
const CREATES_PER_RACE: usize = 2;
/// Users that stay in every pool, for the edits to fight over.
const RESIDENTS: usize = 2;
/// The property the edits grant while the admin revokes it from their
/// reseller; the reseller gets it back after each race.
const CONTESTED: Feature = Feature::Php;

#[derive(Default)]
struct Tally {
    requests: u64,
    accepted: u64,
    refused: u64,
    failed: u64,
    oversubscribed: u64,
    counter_mismatches: u64,
    model_mismatches: u64,
    revocations_accepted: u64,
    revocations_refused: u64,
    /// Users found holding a property their reseller lacks.
    beyond_owner: u64,
}

struct Pool {
    reseller: Actor,
    residents: Vec<(String, String)>,
}

/// What an accepted request of a race did.
enum Done {
    Created(String),
    Edited,
    Revoked,
    /// Refused because users hold the property (without "revoke from users").
    RevocationRefused,
}

/// A pool's reseller form: its limits, with or without the contested property.
fn pool_form(login: &str, with_contested: bool, revoke_from_users: bool) -> AccountForm {
    let mut form = AccountForm {
        users: POOL_USERS.to_string(),
        disk_mib: POOL_DISK_MIB.to_string(),
        traffic_mib: "100000".into(),
        revoke_from_users,
        ..form(login, 0, true)
    };
    form.features.set(CONTESTED, with_contested);
    form
}

/// The same form for an edit, which keeps the password.
fn pool_edit(login: &str, with_contested: bool, revoke_from_users: bool) -> AccountForm {
    AccountForm {
        password: String::new(),
        password_confirm: String::new(),
        ..pool_form(login, with_contested, revoke_from_users)
    }
}

fn form(login: &str, disk: u64, with_password: bool) -> AccountForm {
    let password = if with_password { "race-password" } else { "" };
    AccountForm {
        login: login.into(),
        password: password.into(),
        password_confirm: password.into(),
        disk_mib: disk.to_string(),
        traffic_mib: "10".into(),
        features: Features {
            php: true,
            ..Default::default()
        },
        enabled: true,
        ..Default::default()
    }
}

async fn actor(ctx: &AppContext, id: &str) -> Result<Actor, String> {
    let row = accounts::get(&ctx.db, id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("an account vanished")?;
    Ok(Actor::new("race".into(), vec![row]))
}

async fn make_pools(ctx: &AppContext, tag: &str) -> Result<(Actor, Vec<Pool>), String> {
    let admin_id = accounts::get_by_login(&ctx.db, "admin")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no admin account")?
        .id;
    let admin = actor(ctx, &admin_id).await?;
    let mut pools = Vec::new();
    for n in 0..POOLS {
        let login = format!("race{tag}p{n}");
        let id = resellers::create(ctx, &admin, pool_form(&login, true, false))
            .await
            .map_err(|e| format!("creating pool {login}: {e}"))?;
        let reseller = actor(ctx, &id).await?;
        let mut residents = Vec::new();
        for r in 0..RESIDENTS {
            let user = format!("{login}r{r}");
            let user_id = users::create(ctx, &reseller, form(&user, 10, true))
                .await
                .map_err(|e| format!("creating {user}: {e}"))?;
            residents.push((user_id, user));
        }
        pools.push(Pool {
            reseller,
            residents,
        });
    }
    Ok((admin, pools))
}

/// One race: `concurrency` requests at one pool at once, one of them the
/// admin revoking the contested property from the pool's reseller.
async fn race(
    ctx: &AppContext,
    admin: &Actor,
    pool: &Pool,
    round: usize,
    concurrency: usize,
    tally: &mut Tally,
) {
    let reseller_login = pool.reseller.acting().login.clone();
    // Each race starts from residents without the property, so that every
    // edit of the race grants it.
    for (id, login) in &pool.residents {
        let mut without = form(login, 0, false);
        without.features.set(CONTESTED, false);
        if let Err(error) = users::update(ctx, &pool.reseller, id, without).await {
            tally.failed += 1;
            eprintln!("race {round}: taking the property from {login} failed: {error:?}");
        }
    }
    let mut tasks = tokio::task::JoinSet::new();
    // Every request starts once all are spawned: the first ones would
    // otherwise be done before the last ones begin.
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(concurrency));
    for i in 0..concurrency {
        let (ctx, reseller, start) = (ctx.clone(), pool.reseller.clone(), start.clone());
        let mut rng = rand::rng();
        if i == concurrency / 2 {
            let (admin, reseller_id) = (admin.clone(), reseller.acting().id.clone());
            // Both kinds: refused while a user holds the property, or taking
            // it from the users too.
            let revocation = pool_edit(&reseller_login, false, round.is_multiple_of(2));
            tasks.spawn(async move {
                start.wait().await;
                match resellers::update(&ctx, &admin, &reseller_id, revocation).await {
                    Ok(()) => Ok(Done::Revoked),
                    Err(AppError::Validation(_)) => Ok(Done::RevocationRefused),
                    Err(other) => Err(other),
                }
            });
        } else if i < CREATES_PER_RACE {
            let login = format!("{reseller_login}n{round}x{i}");
            let disk = rng.random_range(0..=60);
            let mut new_user = form(&login, disk, true);
            new_user.features.set(CONTESTED, rng.random_bool(0.5));
            tasks.spawn(async move {
                start.wait().await;
                users::create(&ctx, &reseller, new_user)
                    .await
                    .map(Done::Created)
            });
        } else {
            let (id, login) = pool.residents[rng.random_range(0..pool.residents.len())].clone();
            // Half the edits keep the share each race starts with (0 MiB):
            // those change only the property, and write no pool counter of
            // the owner's.
            let disk = if rng.random_bool(0.5) {
                0
            } else {
                rng.random_range(1..=80)
            };
            // Every edit grants the property: the residents start without it.
            let edit = form(&login, disk, false);
            tasks.spawn(async move {
                start.wait().await;
                users::update(&ctx, &reseller, &id, edit)
                    .await
                    .map(|()| Done::Edited)
            });
        }
    }
    let mut created = Vec::new();
    while let Some(outcome) = tasks.join_next().await {
        tally.requests += 1;
        match outcome {
            Ok(Ok(Done::RevocationRefused)) => {
                tally.refused += 1;
                tally.revocations_refused += 1;
            }
            Ok(Ok(done)) => {
                tally.accepted += 1;
                match done {
                    Done::Created(id) => created.push(id),
                    Done::Revoked => tally.revocations_accepted += 1,
                    Done::Edited | Done::RevocationRefused => {}
                }
            }
            Ok(Err(AppError::Validation(_))) => tally.refused += 1,
            Ok(Err(error)) => {
                tally.failed += 1;
                eprintln!("race {round}: {error:?}");
            }
            Err(error) => {
                tally.failed += 1;
                eprintln!("race {round}: task failed: {error}");
            }
        }
    }
    check(ctx, pool, round, tally).await;
    check_properties(ctx, pool, round, tally).await;
    if !created.is_empty()
        && let Err(error) = users::delete(ctx, &pool.reseller, &created).await
    {
        tally.failed += 1;
        eprintln!("race {round}: clean-up failed: {error:?}");
    }
    let restore = pool_edit(&reseller_login, true, false);
    if let Err(error) = resellers::update(ctx, admin, &pool.reseller.acting().id, restore).await {
        tally.failed += 1;
        eprintln!("race {round}: giving the property back failed: {error:?}");
    }
}

fn features_of(row: &accounts::AccountRow) -> Features {
    Features {
        shell: row.shell,
        cgi: row.cgi,
        php: row.php,
        ssi: row.ssi,
        https: row.https,
    }
}

/// No user of the pool holds a property its reseller lacks.
async fn check_properties(ctx: &AppContext, pool: &Pool, round: usize, tally: &mut Tally) {
    let owner_id = &pool.reseller.acting().id;
    let (owner, stored) = match (
        accounts::get(&ctx.db, owner_id).await,
        app::db::listing::users_of(&ctx.db, owner_id).await,
    ) {
        (Ok(Some(owner)), Ok(stored)) => (owner, stored),
        _ => {
            tally.failed += 1;
            eprintln!("race {round}: could not read the properties back");
            return;
        }
    };
    let granted = features_of(&owner);
    for user in stored {
        let beyond = features_of(&user).beyond(&granted);
        if !beyond.is_empty() {
            tally.beyond_owner += 1;
            eprintln!(
                "race {round}: {} holds {beyond:?}, which its reseller {} lacks",
                user.login, owner.login
            );
        }
    }
}

/// The pool is within its limits and its counters equal its users' sum.
async fn check(ctx: &AppContext, pool: &Pool, round: usize, tally: &mut Tally) {
    let owner = accounts::get(&ctx.db, &pool.reseller.acting().id).await;
    let page = users::list(ctx, &pool.reseller, ListQuery::default()).await;
    let (Ok(Some(owner)), Ok(page)) = (owner, page) else {
        tally.failed += 1;
        eprintln!("race {round}: could not read the pool back");
        return;
    };
    let disk: u64 = page
        .rows
        .iter()
        .filter_map(|r| r.limits.disk_mib.finite())
        .sum();
    if owner.alloc_disk as u64 > POOL_DISK_MIB
        || owner.alloc_users as u64 > POOL_USERS
        || disk > POOL_DISK_MIB
        || page.rows.len() as u64 > POOL_USERS
    {
        tally.oversubscribed += 1;
        eprintln!(
            "race {round}: OVERSUBSCRIBED {}: {} users, {disk} MiB",
            owner.login,
            page.rows.len()
        );
    }
    let mut listed: Vec<(String, Option<i64>)> = page
        .rows
        .iter()
        .map(|r| {
            (
                r.login.clone(),
                r.limits.disk_mib.finite().map(|d| d as i64),
            )
        })
        .collect();
    listed.sort();
    match app::db::listing::users_of(&ctx.db, &owner.id).await {
        Ok(stored) => {
            let mut stored: Vec<(String, Option<i64>)> = stored
                .into_iter()
                .map(|r| (r.login, r.disk_limit))
                .collect();
            stored.sort();
            if stored != listed {
                tally.model_mismatches += 1;
                eprintln!(
                    "race {round}: the list of {} shows {listed:?}, the database holds {stored:?}",
                    owner.login
                );
            }
        }
        Err(error) => {
            tally.failed += 1;
            eprintln!("race {round}: could not read the users back: {error}");
        }
    }
    if owner.alloc_disk as u64 != disk || owner.alloc_users as usize != page.rows.len() {
        tally.counter_mismatches += 1;
        eprintln!(
            "race {round}: counters of {} say {} users / {} MiB, its users hold {} / {disk}",
            owner.login,
            owner.alloc_users,
            owner.alloc_disk,
            page.rows.len()
        );
    }
}

pub async fn run(config: Config, options: Options) -> Result<(), String> {
    let (ctx, _) = prepare(&config).await?;
    let tag = accounts::new_id()[..6].to_owned();
    let (admin, pools) = make_pools(&ctx, &tag).await?;
    println!(
        "{} races of {} concurrent requests ({CREATES_PER_RACE} creations, one revocation of \
         {} from the reseller, the rest edits) against {POOLS} pools of {POOL_USERS} users / \
         {POOL_DISK_MIB} MiB on {}",
        options.races,
        options.concurrency,
        CONTESTED.label(),
        config.database_url
    );
    let started = Instant::now();
    let mut tally = Tally::default();
    for round in 0..options.races {
        race(
            &ctx,
            &admin,
            &pools[round % POOLS],
            round,
            options.concurrency,
            &mut tally,
        )
        .await;
        if (round + 1) % 1000 == 0 {
            println!(
                "  {:>6} races, {:>7} requests: {} accepted, {} refused, {} oversubscribed, \
                 {} beyond their reseller ({:.0} s)",
                round + 1,
                tally.requests,
                tally.accepted,
                tally.refused,
                tally.oversubscribed,
                tally.beyond_owner,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "\n{} races, {} requests in {:.0} s: {} accepted, {} refused (pool full or property \
         not the reseller's), {} failed\n\
         revocations: {} accepted, {} refused (users held the property)\n\
         oversubscribed pools: {}, counters not equal to the users' sum: {}, \
         lists not equal to the database: {}, users holding a property their reseller lacks: {}",
        options.races,
        tally.requests,
        started.elapsed().as_secs_f64(),
        tally.accepted,
        tally.refused,
        tally.failed,
        tally.revocations_accepted,
        tally.revocations_refused,
        tally.oversubscribed,
        tally.counter_mismatches,
        tally.model_mismatches,
        tally.beyond_owner
    );
    if tally.oversubscribed
        + tally.counter_mismatches
        + tally.model_mismatches
        + tally.beyond_owner
        + tally.failed
        > 0
    {
        return Err("the race found a broken invariant or a failure".into());
    }
    Ok(())
}
