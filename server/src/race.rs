//! `server race`: many rounds of concurrent creations and edits against small
//! pools, through the same service calls the panel uses. After every round it
//! checks that no pool is oversubscribed and that the owner's counters equal
//! the sum of its users' allocations, and that the list model shows exactly
//! the users the database holds.

use std::time::Instant;

use app::db::accounts;
use app::domain::Features;
use app::domain::form::AccountForm;
use app::domain::listing::ListQuery;
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

#[derive(Default)]
struct Tally {
    requests: u64,
    accepted: u64,
    refused: u64,
    failed: u64,
    oversubscribed: u64,
    counter_mismatches: u64,
    model_mismatches: u64,
}

struct Pool {
    reseller: Actor,
    residents: Vec<(String, String)>,
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
    Ok(Actor {
        session_id: "race".into(),
        chain: vec![row],
    })
}

async fn make_pools(ctx: &AppContext, tag: &str) -> Result<Vec<Pool>, String> {
    let admin_id = accounts::get_by_login(&ctx.db, "admin")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no admin account")?
        .id;
    let admin = actor(ctx, &admin_id).await?;
    let mut pools = Vec::new();
    for n in 0..POOLS {
        let login = format!("race{tag}p{n}");
        let reseller_form = AccountForm {
            users: POOL_USERS.to_string(),
            disk_mib: POOL_DISK_MIB.to_string(),
            traffic_mib: "100000".into(),
            ..form(&login, 0, true)
        };
        let id = resellers::create(ctx, &admin, reseller_form)
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
    Ok(pools)
}

/// One race: `concurrency` requests at one pool at once.
async fn race(ctx: &AppContext, pool: &Pool, round: usize, concurrency: usize, tally: &mut Tally) {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..concurrency {
        let (ctx, reseller) = (ctx.clone(), pool.reseller.clone());
        let mut rng = rand::rng();
        if i < CREATES_PER_RACE {
            let login = format!("{}n{round}x{i}", pool.reseller.acting().login);
            let disk = rng.random_range(0..=60);
            tasks.spawn(
                async move { users::create(&ctx, &reseller, form(&login, disk, true)).await },
            );
        } else {
            let (id, login) = pool.residents[rng.random_range(0..pool.residents.len())].clone();
            let disk = rng.random_range(0..=80);
            tasks.spawn(async move {
                users::update(&ctx, &reseller, &id, form(&login, disk, false))
                    .await
                    .map(|()| String::new())
            });
        }
    }
    let mut created = Vec::new();
    while let Some(outcome) = tasks.join_next().await {
        tally.requests += 1;
        match outcome {
            Ok(Ok(id)) => {
                tally.accepted += 1;
                if !id.is_empty() {
                    created.push(id);
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
    if !created.is_empty()
        && let Err(error) = users::delete(ctx, &pool.reseller, &created).await
    {
        tally.failed += 1;
        eprintln!("race {round}: clean-up failed: {error:?}");
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
    let pools = make_pools(&ctx, &tag).await?;
    println!(
        "{} races of {} concurrent requests ({CREATES_PER_RACE} creations, the rest edits) \
         against {POOLS} pools of {POOL_USERS} users / {POOL_DISK_MIB} MiB on {}",
        options.races, options.concurrency, config.database_url
    );
    let started = Instant::now();
    let mut tally = Tally::default();
    for round in 0..options.races {
        race(
            &ctx,
            &pools[round % POOLS],
            round,
            options.concurrency,
            &mut tally,
        )
        .await;
        if (round + 1) % 1000 == 0 {
            println!(
                "  {:>6} races, {:>7} requests: {} accepted, {} refused, {} oversubscribed ({:.0} s)",
                round + 1,
                tally.requests,
                tally.accepted,
                tally.refused,
                tally.oversubscribed,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "\n{} races, {} requests in {:.0} s: {} accepted, {} refused (pool full), {} failed\n\
         oversubscribed pools: {}, counters not equal to the users' sum: {}, \
         lists not equal to the database: {}",
        options.races,
        tally.requests,
        started.elapsed().as_secs_f64(),
        tally.accepted,
        tally.refused,
        tally.failed,
        tally.oversubscribed,
        tally.counter_mismatches,
        tally.model_mismatches
    );
    if tally.oversubscribed + tally.counter_mismatches + tally.model_mismatches + tally.failed > 0 {
        return Err("the race found a broken invariant or a failure".into());
    }
    Ok(())
}
