#![allow(clippy::unwrap_used, clippy::expect_used)]
#![recursion_limit = "512"]

mod common;

use app::db::accounts;
use app::domain::listing::ListQuery;
use app::domain::{AccountState, InactiveReason, Limit};
use app::error::AppError;
use app::service::auth::{login, resolve};
use app::service::{Actor, AppContext, resellers, users};
use common::{acting_as, admin, context, reseller_form, user_form};

/// A reseller with a pool of `users` users, `disk` MiB and 5000 MiB traffic.
async fn reseller_with_pool(
    ctx: &AppContext,
    login: &str,
    users: &str,
    disk: &str,
    oversell: bool,
) -> Actor {
    let admin = admin(ctx).await;
    let mut form = reseller_form(login);
    form.users = users.into();
    form.disk_mib = disk.into();
    form.oversell = oversell;
    let id = resellers::create(ctx, &admin, form).await.unwrap();
    acting_as(ctx, &id).await
}

async fn row(ctx: &AppContext, actor: &Actor) -> accounts::AccountRow {
    accounts::get(&ctx.db, &actor.acting().id)
        .await
        .unwrap()
        .unwrap()
}

/// Every user the actor's list shows, over all pages.
async fn all_users(ctx: &AppContext, actor: &Actor) -> Vec<app::model::AccountListRow> {
    let mut rows = Vec::new();
    let mut query = ListQuery::default();
    loop {
        let page = users::list(ctx, actor, query.clone()).await.unwrap();
        rows.extend(page.rows);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return rows,
        }
    }
}

/// The owner's counters equal the sum of its users' allocations.
async fn assert_counters_match(ctx: &AppContext, reseller: &Actor) -> accounts::AccountRow {
    let owner = row(ctx, reseller).await;
    let rows = all_users(ctx, reseller).await;
    let disk: u64 = rows.iter().filter_map(|r| r.limits.disk_mib.finite()).sum();
    let traffic: u64 = rows
        .iter()
        .filter_map(|r| r.limits.traffic_mib.finite())
        .sum();
    assert_eq!(owner.alloc_users as usize, rows.len(), "user count");
    assert_eq!(owner.alloc_disk as u64, disk, "disk allocated");
    assert_eq!(owner.alloc_traffic as u64, traffic, "traffic allocated");
    common::assert_lists_match_database(ctx).await;
    owner
}

#[tokio::test]
async fn users_draw_from_the_pool_until_it_is_exhausted_and_the_refusal_gives_the_figures() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    users::create(&ctx, &acme, user_form("web1", "200", "100"))
        .await
        .unwrap();
    users::create(&ctx, &acme, user_form("web2", "200", "100"))
        .await
        .unwrap();
    let error = users::create(&ctx, &acme, user_form("web3", "200", "100"))
        .await
        .unwrap_err();
    assert_eq!(
        error.for_field("disk_mib").unwrap(),
        "Disk pool exhausted: 400 of 500 MiB allocated, 100 MiB left."
    );
    assert!(
        accounts::get_by_login(&ctx.db, "web3")
            .await
            .unwrap()
            .is_none()
    );
    users::create(&ctx, &acme, user_form("web3", "100", "100"))
        .await
        .unwrap();
    let owner = assert_counters_match(&ctx, &acme).await;
    assert_eq!(owner.alloc_disk, 500);
}

#[tokio::test]
async fn the_user_limit_binds_unless_overselling_is_allowed() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "1", "500", false).await;
    users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let error = users::create(&ctx, &acme, user_form("web2", "10", "10"))
        .await
        .unwrap_err();
    assert!(
        error
            .for_field("login")
            .unwrap()
            .contains("User limit reached: 1 of 1")
    );

    let big = reseller_with_pool(&ctx, "big", "1", "500", true).await;
    users::create(&ctx, &big, user_form("big1", "400", "10"))
        .await
        .unwrap();
    users::create(&ctx, &big, user_form("big2", "400", "10"))
        .await
        .unwrap();
    // Overselling lets the sum exceed the pool, but one user never gets more than all of it.
    let error = users::create(&ctx, &big, user_form("big3", "600", "10"))
        .await
        .unwrap_err();
    assert!(
        error
            .for_field("disk_mib")
            .unwrap()
            .contains("the whole pool")
    );
    let owner = assert_counters_match(&ctx, &big).await;
    assert_eq!(owner.alloc_disk, 800);
}

#[tokio::test]
async fn unlimited_exists_only_where_the_owner_is_unlimited() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let mut form = user_form("web1", "", "10");
    form.disk_unlimited = true;
    let error = users::create(&ctx, &acme, form.clone()).await.unwrap_err();
    assert!(
        error
            .for_field("disk_mib")
            .unwrap()
            .contains("Unlimited disk")
    );
    // The admin is unlimited: its own users may be too.
    let admin = admin(&ctx).await;
    users::create(&ctx, &admin, form).await.unwrap();
}

#[tokio::test]
async fn only_the_owners_properties_can_be_granted() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let mut form = user_form("web1", "10", "10");
    form.features.shell = true;
    let error = users::create(&ctx, &acme, form).await.unwrap_err();
    assert!(
        error
            .for_field("features")
            .unwrap()
            .contains("acme does not have Shell access")
    );
    assert_eq!(row(&ctx, &acme).await.alloc_users, 0);
}

#[tokio::test]
async fn editing_a_user_counts_its_own_share_once_and_frees_what_it_gives_back() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "300", "100"))
        .await
        .unwrap();
    users::create(&ctx, &acme, user_form("web2", "200", "100"))
        .await
        .unwrap();
    // web1 may keep its 300 (the pool is full, but its own share is not counted twice).
    let mut same = user_form("web1", "300", "100");
    same.password.clear();
    same.password_confirm.clear();
    users::update(&ctx, &acme, &web1, same.clone())
        .await
        .unwrap();
    let mut more = same.clone();
    more.disk_mib = "301".into();
    let error = users::update(&ctx, &acme, &web1, more).await.unwrap_err();
    assert!(
        error
            .for_field("disk_mib")
            .unwrap()
            .contains("200 of 500 MiB allocated, 300 MiB left")
    );
    let mut less = same;
    less.disk_mib = "100".into();
    users::update(&ctx, &acme, &web1, less).await.unwrap();
    users::create(&ctx, &acme, user_form("web3", "200", "100"))
        .await
        .unwrap();
    let owner = assert_counters_match(&ctx, &acme).await;
    assert_eq!(owner.alloc_disk, 500);
    // The password stayed (blank means unchanged).
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.1", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn deleting_users_frees_their_allocation() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "2", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "250", "100"))
        .await
        .unwrap();
    users::create(&ctx, &acme, user_form("web2", "250", "100"))
        .await
        .unwrap();
    let report = users::delete(&ctx, &acme, std::slice::from_ref(&web1))
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 deleted");
    users::create(&ctx, &acme, user_form("web1", "250", "100"))
        .await
        .unwrap();
    let owner = assert_counters_match(&ctx, &acme).await;
    assert_eq!((owner.alloc_users, owner.alloc_disk), (2, 500));
}

#[tokio::test]
async fn a_reseller_sees_and_touches_only_its_own_users() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let other = reseller_with_pool(&ctx, "other", "10", "500", false).await;
    let theirs = users::create(&ctx, &other, user_form("theirs", "10", "10"))
        .await
        .unwrap();
    users::create(&ctx, &acme, user_form("mine", "10", "10"))
        .await
        .unwrap();

    let logins: Vec<String> = all_users(&ctx, &acme)
        .await
        .into_iter()
        .map(|r| r.login)
        .collect();
    assert_eq!(logins, ["mine"]);
    let not_found = |e: AppError| matches!(e, AppError::NotFound(_));
    assert!(not_found(
        users::get(&ctx, &acme, &theirs).await.unwrap_err()
    ));
    assert!(not_found(
        users::pool(&ctx, &acme, Some(&theirs)).await.unwrap_err()
    ));
    let mut form = user_form("theirs", "1", "1");
    form.password.clear();
    form.password_confirm.clear();
    assert!(not_found(
        users::update(&ctx, &acme, &theirs, form).await.unwrap_err()
    ));
    let report = users::delete(&ctx, &acme, std::slice::from_ref(&theirs))
        .await
        .unwrap();
    assert_eq!(report.done.len(), 0);
    assert_eq!(report.refused.len(), 1);
    let report = users::set_enabled(&ctx, &acme, std::slice::from_ref(&theirs), false)
        .await
        .unwrap();
    assert_eq!(report.done.len(), 0);
    let untouched = accounts::get(&ctx.db, &theirs).await.unwrap().unwrap();
    assert!(untouched.enabled);
    assert_eq!(untouched.disk_limit, Some(10));
    // A reseller's own id is not a user either.
    assert!(not_found(
        users::get(&ctx, &acme, &other.acting().id)
            .await
            .unwrap_err()
    ));
}

#[tokio::test]
async fn a_user_cannot_call_the_users_module() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let user = acting_as(&ctx, &web1).await;
    let forbidden = |e: AppError| matches!(e, AppError::Forbidden(_));
    assert!(forbidden(
        users::list(&ctx, &user, ListQuery::default())
            .await
            .unwrap_err()
    ));
    assert!(forbidden(users::get(&ctx, &user, &web1).await.unwrap_err()));
    assert!(forbidden(users::pool(&ctx, &user, None).await.unwrap_err()));
    assert!(forbidden(
        users::create(&ctx, &user, user_form("web2", "1", "1"))
            .await
            .unwrap_err()
    ));
    assert!(forbidden(
        users::update(&ctx, &user, &web1, user_form("web1", "1", "1"))
            .await
            .unwrap_err()
    ));
    assert!(forbidden(
        users::delete(&ctx, &user, std::slice::from_ref(&web1))
            .await
            .unwrap_err()
    ));
    assert!(forbidden(
        users::set_enabled(&ctx, &user, std::slice::from_ref(&web1), false)
            .await
            .unwrap_err()
    ));
    // Nor the resellers module.
    assert!(forbidden(
        resellers::list(&ctx, &user, ListQuery::default())
            .await
            .unwrap_err()
    ));
}

#[tokio::test]
async fn the_admin_owns_users_directly_and_lists_every_user_with_its_owner() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let direct = users::create(&ctx, &admin, user_form("direct", "10", "10"))
        .await
        .unwrap();
    let detail = users::get(&ctx, &admin, &direct).await.unwrap();
    assert_eq!(detail.row.owner_login.as_deref(), Some("admin"));

    let page = users::list(&ctx, &admin, ListQuery::default())
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let owners: Vec<_> = page
        .rows
        .iter()
        .map(|r| (r.login.as_str(), r.owner_login.as_deref()))
        .collect();
    assert_eq!(owners, [("direct", Some("admin")), ("web1", Some("acme"))]);

    let by_owner = ListQuery {
        owner: Some("acme".into()),
        ..Default::default()
    };
    let page = users::list(&ctx, &admin, by_owner).await.unwrap();
    assert_eq!((page.total, page.rows[0].login.as_str()), (1, "web1"));
    let unknown = ListQuery {
        owner: Some("nobody".into()),
        ..Default::default()
    };
    let error = users::list(&ctx, &admin, unknown).await.unwrap_err();
    assert!(error.for_field("owner").is_some());
    // A reseller cannot widen its list with the owner filter.
    let sneaky = ListQuery {
        owner: Some("admin".into()),
        ..Default::default()
    };
    let page = users::list(&ctx, &acme, sneaky).await.unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].login, "web1");
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in_and_its_session_ends() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let session = login(&ctx, "web1", "user-password", "1.1.1.1", None)
        .await
        .unwrap();
    assert!(resolve(&ctx, Some(&session.token)).await.is_ok());
    let report = users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), false)
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 disabled");
    assert!(resolve(&ctx, Some(&session.token)).await.is_err());
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.1", None)
            .await
            .is_err()
    );
    let detail = users::get(&ctx, &acme, &web1).await.unwrap();
    assert_eq!(
        detail.row.state,
        AccountState::Inactive(InactiveReason::DisabledItself)
    );
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), true)
        .await
        .unwrap();
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.1", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_user_sees_its_own_panel_with_its_owners_contact() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let mut form = reseller_form("acme");
    form.email = "help@acme.test".into();
    resellers::create(&ctx, &admin, form).await.unwrap();
    let acme_id = accounts::get_by_login(&ctx.db, "acme")
        .await
        .unwrap()
        .unwrap()
        .id;
    let acme = acting_as(&ctx, &acme_id).await;
    users::create(&ctx, &acme, user_form("web1", "10", "20"))
        .await
        .unwrap();
    let session = login(&ctx, "web1", "user-password", "1.1.1.1", None)
        .await
        .unwrap();
    let user = resolve(&ctx, Some(&session.token)).await.unwrap();
    let app::model::Dashboard::User(me) = app::service::dashboard::dashboard(&ctx, &user)
        .await
        .unwrap()
    else {
        panic!("a user's dashboard");
    };
    assert_eq!(me.limits.disk_mib, Limit::Finite(10));
    assert_eq!(me.limits.traffic_mib, Limit::Finite(20));
    assert!(me.features.php);
    assert_eq!(me.owner_login.as_deref(), Some("acme"));
    assert_eq!(me.owner_email.as_deref(), Some("help@acme.test"));
}

/// Many managers racing for one pool: whatever the interleaving, the pool is
/// never oversubscribed and the counters equal the sum of the allocations.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creations_and_edits_never_oversubscribe_a_pool() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "1000", "1000", false).await;
    // Ten users to edit while others are created.
    let mut existing = Vec::new();
    for n in 0..10 {
        existing.push(
            users::create(&ctx, &acme, user_form(&format!("old{n}"), "10", "10"))
                .await
                .unwrap(),
        );
    }
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..120 {
        let (ctx, acme) = (ctx.clone(), acme.clone());
        let target = existing[n % existing.len()].clone();
        tasks.spawn(async move {
            if n % 4 == 0 {
                let mut form = user_form(&format!("old{}", n % 10), "60", "10");
                form.password.clear();
                form.password_confirm.clear();
                users::update(&ctx, &acme, &target, form).await.map(|_| ())
            } else {
                users::create(&ctx, &acme, user_form(&format!("new{n}"), "25", "10"))
                    .await
                    .map(|_| ())
            }
        });
    }
    let (mut done, mut refused) = (0, 0);
    while let Some(outcome) = tasks.join_next().await {
        match outcome.unwrap() {
            Ok(()) => done += 1,
            Err(AppError::Validation(_)) => refused += 1,
            Err(other) => panic!("unexpected failure: {other:?}"),
        }
    }
    assert!(refused > 0, "the pool was meant to run out ({done} done)");
    let owner = assert_counters_match(&ctx, &acme).await;
    assert!(
        owner.alloc_disk <= 1000,
        "oversubscribed: {}",
        owner.alloc_disk
    );
}

/// The "suspended by" a user's list row shows to `viewer`.
async fn shown_suspender(ctx: &AppContext, viewer: &Actor, login: &str) -> Option<String> {
    all_users(ctx, viewer)
        .await
        .into_iter()
        .find(|r| r.login == login)
        .expect("listed")
        .suspended_by
}

async fn is_enabled(ctx: &AppContext, id: &str) -> bool {
    accounts::get(&ctx.db, id).await.unwrap().unwrap().enabled
}

#[tokio::test]
async fn a_reseller_cannot_enable_a_user_the_admin_disabled() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let web2 = users::create(&ctx, &acme, user_form("web2", "10", "10"))
        .await
        .unwrap();
    let report = users::set_enabled(&ctx, &admin, std::slice::from_ref(&web1), false)
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 disabled");
    let stored = accounts::get(&ctx.db, &web1).await.unwrap().unwrap();
    assert_eq!(stored.suspended_by.as_deref(), Some("admin"));
    assert_eq!(stored.suspended_by_role.as_deref(), Some("admin"));
    assert!(stored.suspended_at.is_some_and(|at| at > 0));
    assert_eq!(
        shown_suspender(&ctx, &acme, "web1").await.as_deref(),
        Some("admin")
    );

    // In bulk, the admin's suspension is refused with its reason; the
    // reseller's other user is enabled.
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&web2), false)
        .await
        .unwrap();
    let report = users::set_enabled(&ctx, &acme, &[web1.clone(), web2.clone()], true)
        .await
        .unwrap();
    assert_eq!(report.done, ["web2"]);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].login, "web1");
    assert_eq!(
        report.refused[0].reason,
        "web1 was disabled by the administrator: only the administrator can enable it."
    );
    assert!(!is_enabled(&ctx, &web1).await);

    // Disabling it again does not make the suspension the reseller's.
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), false)
        .await
        .unwrap();
    let report = users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), true)
        .await
        .unwrap();
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(
        shown_suspender(&ctx, &acme, "web1").await.as_deref(),
        Some("admin")
    );

    // Nor does the edit form's "active" box lift it.
    let mut form = user_form("web1", "10", "10");
    form.password.clear();
    form.password_confirm.clear();
    let error = users::update(&ctx, &acme, &web1, form).await.unwrap_err();
    assert!(
        error
            .for_field("enabled")
            .is_some_and(|m| m.contains("only the administrator can enable it")),
        "{error:?}"
    );
    assert!(!is_enabled(&ctx, &web1).await);
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.1", None)
            .await
            .is_err()
    );
    common::assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn the_admin_can_enable_a_user_whoever_disabled_it() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let by_admin = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let by_reseller = users::create(&ctx, &acme, user_form("web2", "10", "10"))
        .await
        .unwrap();
    users::set_enabled(&ctx, &admin, std::slice::from_ref(&by_admin), false)
        .await
        .unwrap();
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&by_reseller), false)
        .await
        .unwrap();
    let report = users::set_enabled(&ctx, &admin, &[by_admin.clone(), by_reseller.clone()], true)
        .await
        .unwrap();
    assert_eq!(report.summary(), "2 enabled");
    for id in [&by_admin, &by_reseller] {
        let stored = accounts::get(&ctx.db, id).await.unwrap().unwrap();
        assert!(stored.enabled);
        assert_eq!(stored.suspended_by, None);
        assert_eq!(stored.suspended_at, None);
    }
    assert_eq!(shown_suspender(&ctx, &acme, "web1").await, None);
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.1", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_reseller_can_enable_a_user_it_disabled_itself() {
    let ctx = context().await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let web1 = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), false)
        .await
        .unwrap();
    assert_eq!(
        shown_suspender(&ctx, &acme, "web1").await.as_deref(),
        Some("acme")
    );
    let report = users::set_enabled(&ctx, &acme, std::slice::from_ref(&web1), true)
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 enabled");
    assert!(is_enabled(&ctx, &web1).await);

    // The same through the edit form, both ways.
    let mut form = user_form("web1", "10", "10");
    form.password.clear();
    form.password_confirm.clear();
    form.enabled = false;
    users::update(&ctx, &acme, &web1, form.clone())
        .await
        .unwrap();
    assert_eq!(
        shown_suspender(&ctx, &acme, "web1").await.as_deref(),
        Some("acme")
    );
    form.enabled = true;
    users::update(&ctx, &acme, &web1, form).await.unwrap();
    assert!(is_enabled(&ctx, &web1).await);
    assert_eq!(shown_suspender(&ctx, &acme, "web1").await, None);
    common::assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn enabling_a_reseller_with_its_individually_disabled_users_lifts_every_suspension() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let acme = reseller_with_pool(&ctx, "acme", "10", "500", false).await;
    let by_admin = users::create(&ctx, &acme, user_form("web1", "10", "10"))
        .await
        .unwrap();
    let by_reseller = users::create(&ctx, &acme, user_form("web2", "10", "10"))
        .await
        .unwrap();
    users::set_enabled(&ctx, &admin, std::slice::from_ref(&by_admin), false)
        .await
        .unwrap();
    users::set_enabled(&ctx, &acme, std::slice::from_ref(&by_reseller), false)
        .await
        .unwrap();
    let acme_id = acme.acting().id.clone();
    resellers::set_enabled(&ctx, &admin, std::slice::from_ref(&acme_id), false, false)
        .await
        .unwrap();
    assert_eq!(
        accounts::get(&ctx.db, &acme_id)
            .await
            .unwrap()
            .unwrap()
            .suspended_by
            .as_deref(),
        Some("admin")
    );
    let report = resellers::set_enabled(&ctx, &admin, std::slice::from_ref(&acme_id), true, true)
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 enabled");
    for id in [&acme_id, &by_admin, &by_reseller] {
        let stored = accounts::get(&ctx.db, id).await.unwrap().unwrap();
        assert!(stored.enabled, "{}", stored.login);
        assert_eq!(stored.suspended_by, None, "{}", stored.login);
    }
    assert_eq!(shown_suspender(&ctx, &acme, "web1").await, None);
    common::assert_lists_match_database(&ctx).await;
}
