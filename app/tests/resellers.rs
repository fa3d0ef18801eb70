#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::domain::account::StateFilter;
use app::domain::listing::{ListQuery, SortKey};
use app::domain::{AccountState, InactiveReason, Limit};
use app::error::AppError;
use app::service::auth::{login, resolve};
use app::service::resellers::{create, delete, get, list, set_enabled, update};
use common::{add_user, admin, assert_lists_match_database, context, reseller_form};

#[tokio::test]
async fn the_admin_adds_a_reseller_that_can_log_in() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let detail = get(&ctx, &admin, &id).await.unwrap();
    assert_eq!(detail.row.login, "acme");
    assert_eq!(detail.row.limits.disk_mib, Limit::Finite(1000));
    assert!(
        login(&ctx, "acme", "reseller-password", "1.1.1.1", None)
            .await
            .is_ok()
    );
    let page = list(&ctx, &admin, ListQuery::default()).await.unwrap();
    assert_eq!(page.total, 1);
}

#[tokio::test]
async fn invalid_logins_quotas_and_duplicates_are_refused_and_change_nothing() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let mut form = reseller_form("Bad Login");
    form.disk_mib = "-5".into();
    let error = create(&ctx, &admin, form).await.unwrap_err();
    assert!(error.for_field("login").is_some());
    assert!(error.for_field("disk_mib").is_some());
    create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let error = create(&ctx, &admin, reseller_form("acme"))
        .await
        .unwrap_err();
    assert!(error.for_field("login").unwrap().contains("taken"));
    let error = create(&ctx, &admin, reseller_form("admin"))
        .await
        .unwrap_err();
    assert!(error.for_field("login").is_some());
    assert_eq!(
        list(&ctx, &admin, ListQuery::default())
            .await
            .unwrap()
            .total,
        1
    );
}

#[tokio::test]
async fn a_blank_password_on_edit_leaves_it_unchanged() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let mut form = reseller_form("acme");
    form.password.clear();
    form.password_confirm.clear();
    form.comment = "pays yearly".into();
    update(&ctx, &admin, &id, form).await.unwrap();
    assert!(
        login(&ctx, "acme", "reseller-password", "1.1.1.1", None)
            .await
            .is_ok()
    );
    assert_eq!(get(&ctx, &admin, &id).await.unwrap().comment, "pays yearly");
}

#[tokio::test]
async fn lowering_limits_below_the_allocation_is_refused_with_the_figures() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    add_user(&ctx, &id, "web1", 400, true, false).await;
    add_user(&ctx, &id, "web2", 200, true, false).await;
    let mut form = reseller_form("acme");
    form.password.clear();
    form.password_confirm.clear();
    form.disk_mib = "500".into();
    form.users = "1".into();
    let error = update(&ctx, &admin, &id, form).await.unwrap_err();
    assert!(
        error
            .for_field("disk_mib")
            .unwrap()
            .contains("600 MiB is allocated"),
        "{error:?}"
    );
    assert!(error.for_field("users").unwrap().contains("owns 2 users"));
    assert_eq!(
        get(&ctx, &admin, &id).await.unwrap().row.limits.disk_mib,
        Limit::Finite(1000)
    );
}

#[tokio::test]
async fn removing_a_property_its_users_use_asks_to_revoke_it_from_them_too() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let user = add_user(&ctx, &id, "web1", 10, true, true).await;
    let mut form = reseller_form("acme");
    form.password.clear();
    form.password_confirm.clear();
    form.features.php = false;
    let error = update(&ctx, &admin, &id, form.clone()).await.unwrap_err();
    assert!(
        error
            .for_field("features")
            .unwrap()
            .contains("1 of its users use PHP")
    );
    form.revoke_from_users = true;
    update(&ctx, &admin, &id, form).await.unwrap();
    let user = app::db::accounts::get(&ctx.db, &user)
        .await
        .unwrap()
        .unwrap();
    assert!(!user.php);
    assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn a_reseller_that_owns_users_is_never_deleted() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let busy = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let idle = create(&ctx, &admin, reseller_form("idle")).await.unwrap();
    add_user(&ctx, &busy, "web1", 10, true, false).await;
    add_user(&ctx, &busy, "web2", 10, true, false).await;
    let report = delete(&ctx, &admin, &[busy.clone(), idle.clone()])
        .await
        .unwrap();
    assert_eq!(report.done, vec!["idle".to_string()]);
    assert_eq!(report.refused[0].reason, "acme owns 2 users");
    assert_eq!(report.summary(), "1 deleted, 1 refused: acme owns 2 users");
    assert!(get(&ctx, &admin, &busy).await.is_ok());
    assert!(matches!(
        get(&ctx, &admin, &idle).await,
        Err(AppError::NotFound(_))
    ));
    // Its login is free again.
    create(&ctx, &admin, reseller_form("idle")).await.unwrap();
}

#[tokio::test]
async fn deleting_a_reseller_ends_its_sessions() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let session = login(&ctx, "acme", "reseller-password", "1.1.1.1", None)
        .await
        .unwrap();
    delete(&ctx, &admin, &[id]).await.unwrap();
    assert_eq!(
        resolve(&ctx, Some(&session.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
}

#[tokio::test]
async fn disabling_a_reseller_blocks_it_and_its_users_and_enabling_brings_back_only_theirs() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    let active_user = add_user(&ctx, &id, "web1", 10, true, false).await;
    let suspended = add_user(&ctx, &id, "web2", 10, false, false).await;
    let user_session = login(&ctx, "web1", "user-password", "1.1.1.1", None)
        .await
        .unwrap();
    // Resolved before the change: a remembered session must not outlive it.
    assert!(resolve(&ctx, Some(&user_session.token)).await.is_ok());

    let report = set_enabled(&ctx, &admin, std::slice::from_ref(&id), false, false)
        .await
        .unwrap();
    assert_eq!(report.summary(), "1 disabled");
    assert!(
        login(&ctx, "acme", "reseller-password", "1.1.1.2", None)
            .await
            .is_err()
    );
    assert!(
        login(&ctx, "web1", "user-password", "1.1.1.3", None)
            .await
            .is_err()
    );
    assert!(
        resolve(&ctx, Some(&user_session.token)).await.is_err(),
        "open sessions stop too"
    );
    let state = |id: String| {
        let ctx = ctx.clone();
        async move {
            app::service::actor::state_of(
                &app::db::accounts::get(&ctx.db, &id).await.unwrap().unwrap(),
            )
        }
    };
    assert_eq!(
        state(active_user.clone()).await,
        AccountState::Inactive(InactiveReason::OwnerDisabled)
    );

    set_enabled(&ctx, &admin, std::slice::from_ref(&id), true, false)
        .await
        .unwrap();
    assert_eq!(state(active_user.clone()).await, AccountState::Active);
    assert_eq!(
        state(suspended.clone()).await,
        AccountState::Inactive(InactiveReason::DisabledItself)
    );

    set_enabled(&ctx, &admin, std::slice::from_ref(&id), true, true)
        .await
        .unwrap();
    assert_eq!(state(suspended).await, AccountState::Active);
    assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn lists_filter_sort_and_page_by_key() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    for i in 0..60 {
        let mut form = reseller_form(&format!("r{i:02}"));
        form.disk_mib = ((60 - i) * 10).to_string();
        form.enabled = i % 3 != 0;
        create(&ctx, &admin, form).await.unwrap();
    }
    let first = list(&ctx, &admin, ListQuery::default()).await.unwrap();
    assert_eq!((first.rows.len(), first.total), (50, 60));
    assert_eq!(first.rows[0].login, "r00");
    let second = list(
        &ctx,
        &admin,
        ListQuery {
            after: first.next.clone(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(second.rows.len(), 10);
    assert_eq!(second.rows[0].login, "r50");
    assert!(second.next.is_none());

    let by_disk = list(
        &ctx,
        &admin,
        ListQuery {
            sort: SortKey::Disk,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(by_disk.rows[0].login, "r59");
    let next = list(
        &ctx,
        &admin,
        ListQuery {
            sort: SortKey::Disk,
            after: by_disk.next,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(next.rows.len(), 10);
    assert_eq!(next.rows[9].login, "r00");

    let filtered = list(
        &ctx,
        &admin,
        ListQuery {
            filter: "r1".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(filtered.total, 10);
    let inactive = list(
        &ctx,
        &admin,
        ListQuery {
            state: StateFilter::Inactive,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(inactive.total, 20);
    assert!(inactive.rows.iter().all(|r| !r.state.is_active()));
}

#[tokio::test]
async fn only_the_admin_may_use_the_resellers_module() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = create(&ctx, &admin, reseller_form("acme")).await.unwrap();
    add_user(&ctx, &id, "web1", 10, true, false).await;
    for (login_name, password) in [("acme", "reseller-password"), ("web1", "user-password")] {
        let session = login(&ctx, login_name, password, "1.1.1.1", None)
            .await
            .unwrap();
        let actor = resolve(&ctx, Some(&session.token)).await.unwrap();
        assert!(matches!(
            list(&ctx, &actor, ListQuery::default()).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            create(&ctx, &actor, reseller_form("x1")).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            get(&ctx, &actor, &id).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            delete(&ctx, &actor, std::slice::from_ref(&id)).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            set_enabled(&ctx, &actor, std::slice::from_ref(&id), false, false).await,
            Err(AppError::Forbidden(_))
        ));
    }
}

/// Every page of a query, following the cursors.
async fn all_pages(
    ctx: &app::service::AppContext,
    admin: &app::service::Actor,
    query: ListQuery,
) -> Vec<String> {
    let mut logins = Vec::new();
    let mut query = query;
    loop {
        let page = list(ctx, admin, query.clone()).await.unwrap();
        logins.extend(page.rows.into_iter().map(|r| r.login));
        match page.next {
            Some(next) => query.after = Some(next),
            None => return logins,
        }
    }
}

#[tokio::test]
async fn descending_sorts_page_in_order_and_walk_their_index_forwards() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    for i in 0..55 {
        let mut form = reseller_form(&format!("d{i:02}"));
        // Pairs share a quota, so ties are broken by login.
        form.disk_mib = ((i / 2) * 10).to_string();
        create(&ctx, &admin, form).await.unwrap();
    }
    let mut unlimited = reseller_form("d-unlimited");
    unlimited.disk_unlimited = true;
    create(&ctx, &admin, unlimited).await.unwrap();

    let z_to_a = all_pages(
        &ctx,
        &admin,
        ListQuery {
            descending: true,
            ..Default::default()
        },
    )
    .await;
    let mut expected = z_to_a.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(z_to_a.len(), 56);
    assert_eq!(z_to_a, expected);

    let by_disk = all_pages(
        &ctx,
        &admin,
        ListQuery {
            sort: SortKey::Disk,
            descending: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(by_disk.len(), 56);
    // Unlimited first, then the largest quotas; a tie lists its logins A–Z.
    assert_eq!(&by_disk[..4], ["d-unlimited", "d54", "d52", "d53"]);

    let filtered = all_pages(
        &ctx,
        &admin,
        ListQuery {
            filter: "d1".into(),
            descending: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        filtered,
        [
            "d19", "d18", "d17", "d16", "d15", "d14", "d13", "d12", "d11", "d10"
        ]
    );

    // A name filter A–Z walks the scope key and pages on it.
    let a_to_z = all_pages(
        &ctx,
        &admin,
        ListQuery {
            filter: "d".into(),
            ..Default::default()
        },
    )
    .await;
    let mut expected = z_to_a.clone();
    expected.sort();
    assert_eq!(a_to_z, expected);
    let page = list(
        &ctx,
        &admin,
        ListQuery {
            filter: "d".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((page.rows.len(), page.total), (50, 56));
    assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn seeding_fills_pools_and_counters_consistently() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let report = app::service::seed::seed(&ctx, 3, 5).await.unwrap();
    assert_eq!((report.resellers, report.users), (3, 15));
    let page = list(&ctx, &admin, ListQuery::default()).await.unwrap();
    assert_eq!(page.total, 3);
    assert!(
        page.rows
            .iter()
            .all(|r| r.allocation.users == 5 && !r.over_allocated())
    );
    let dashboard = app::service::dashboard::dashboard(&ctx, &admin)
        .await
        .unwrap();
    assert_eq!(
        dashboard,
        app::model::Dashboard::Admin {
            resellers: 3,
            users: 15
        }
    );
    assert!(matches!(
        app::service::seed::seed(&ctx, 3, 5).await,
        Err(AppError::Conflict(_))
    ));
    assert_lists_match_database(&ctx).await;
}
