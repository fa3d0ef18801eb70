#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db;
use app::error::AppError;
use app::service::accounts::{Bootstrap, bootstrap_admin, reset_admin_password};
use app::service::auth::{login, logout, resolve};
use common::{ADMIN_PASSWORD, context};

#[tokio::test]
async fn migrations_are_idempotent() {
    let ctx = context().await;
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 5);
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 5);
}

#[tokio::test]
async fn accounts_written_with_the_old_sort_keys_keep_working_after_they_are_removed() {
    let ctx = context().await;
    let admin = common::admin(&ctx).await;
    let reseller = app::service::resellers::create(&ctx, &admin, common::reseller_form("acme"))
        .await
        .unwrap();
    // The state of a database at version 4: sort keys stored in every account.
    ctx.db
        .query(
            "DEFINE FIELD OVERWRITE login_desc ON account TYPE string DEFAULT '';
             DEFINE FIELD OVERWRITE disk_sort ON account TYPE int VALUE disk_limit ?? 0;
             DEFINE INDEX OVERWRITE account_role_disk ON account FIELDS role, disk_sort, login;
             UPDATE account SET login_desc = 'x';
             DELETE schema_migration WHERE version >= 5;",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 5);
    let info: surrealdb::types::Value = ctx
        .db
        .query("INFO FOR TABLE account")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(!format!("{info:?}").contains("account_role_disk"));
    let mut form = common::reseller_form("acme");
    form.password.clear();
    form.password_confirm.clear();
    form.disk_mib = "2000".into();
    app::service::resellers::update(&ctx, &admin, &reseller, form)
        .await
        .unwrap();
    let page = app::service::resellers::list(&ctx, &admin, Default::default())
        .await
        .unwrap();
    assert_eq!(
        page.rows[0].limits.disk_mib,
        app::domain::Limit::Finite(2000)
    );
    common::assert_lists_match_database(&ctx).await;
}

#[tokio::test]
async fn bootstrap_creates_the_admin_once() {
    let ctx = context().await;
    assert_eq!(
        bootstrap_admin(&ctx, None).await.unwrap(),
        Bootstrap::AlreadyThere
    );
}

#[tokio::test]
async fn bootstrap_generates_a_strong_password_when_none_is_configured() {
    let namespace = format!("t{}", db::accounts::new_id());
    let database = db::connect("mem://", None, &namespace).await.unwrap();
    db::migrate(&database).await.unwrap();
    let ctx = app::service::AppContext::open(database, Default::default())
        .await
        .unwrap();
    let Bootstrap::Created {
        generated_password: Some(password),
    } = bootstrap_admin(&ctx, None).await.unwrap()
    else {
        panic!("expected a generated password");
    };
    assert!(password.len() >= 20);
    assert!(
        login(&ctx, "admin", &password, "1.2.3.4", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_admin_logs_in_and_its_session_resolves() {
    let ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    assert!(outcome.token.len() >= 43, "256-bit token");
    let actor = resolve(&ctx, Some(&outcome.token)).await.unwrap();
    assert_eq!(actor.acting().login, "admin");
}

#[tokio::test]
async fn login_is_case_insensitive_and_trims() {
    let ctx = context().await;
    assert!(
        login(&ctx, "  Admin ", ADMIN_PASSWORD, "1.2.3.4", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn unknown_login_and_wrong_password_get_the_same_answer() {
    let ctx = context().await;
    let wrong = login(&ctx, "admin", "wrong-password", "1.2.3.4", None)
        .await
        .err()
        .unwrap();
    let unknown = login(&ctx, "nobody", ADMIN_PASSWORD, "1.2.3.5", None)
        .await
        .err()
        .unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong.for_field("password").as_deref(),
        Some("Wrong login or password.")
    );
}

#[tokio::test]
async fn empty_and_overlong_fields_are_refused_field_by_field() {
    let ctx = context().await;
    let error = login(&ctx, "", "", "1.2.3.4", None).await.err().unwrap();
    assert!(error.for_field("login").is_some());
    assert!(error.for_field("password").is_some());
    let long = "a".repeat(65);
    let error = login(&ctx, &long, "x", "1.2.3.4", None)
        .await
        .err()
        .unwrap();
    assert!(error.for_field("login").is_some());
}

#[tokio::test]
async fn five_failures_lock_the_login_even_with_the_right_password() {
    let ctx = context().await;
    for i in 0..5 {
        let address = format!("10.0.0.{i}");
        assert!(
            login(&ctx, "admin", "wrong-password", &address, None)
                .await
                .is_err()
        );
    }
    let locked = login(&ctx, "admin", ADMIN_PASSWORD, "10.0.0.99", None)
        .await
        .err()
        .unwrap();
    assert!(matches!(locked, AppError::TooManyAttempts(_)), "{locked:?}");
}

#[tokio::test]
async fn five_failures_from_one_address_lock_that_address() {
    let ctx = context().await;
    for i in 0..5 {
        let _ = login(
            &ctx,
            &format!("user{i}"),
            "wrong-password",
            "10.9.9.9",
            None,
        )
        .await;
    }
    let locked = login(&ctx, "admin", ADMIN_PASSWORD, "10.9.9.9", None)
        .await
        .err()
        .unwrap();
    assert!(matches!(locked, AppError::TooManyAttempts(_)));
    assert!(
        login(&ctx, "admin", ADMIN_PASSWORD, "10.9.9.10", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn every_login_issues_a_new_token_and_drops_the_presented_one() {
    let ctx = context().await;
    let first = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    let second = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", Some(&first.token))
        .await
        .unwrap();
    assert_ne!(first.token, second.token);
    assert_eq!(
        resolve(&ctx, Some(&first.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
    assert!(resolve(&ctx, Some(&second.token)).await.is_ok());
}

#[tokio::test]
async fn logout_really_ends_the_session() {
    let ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    logout(&ctx, Some(&outcome.token)).await.unwrap();
    assert_eq!(
        resolve(&ctx, Some(&outcome.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
}

#[tokio::test]
async fn garbage_and_missing_tokens_are_unauthenticated() {
    let ctx = context().await;
    for token in [None, Some(""), Some("garbage"), Some(&*"x".repeat(5000))] {
        assert_eq!(
            resolve(&ctx, token).await.err(),
            Some(AppError::Unauthenticated)
        );
    }
}

#[tokio::test]
async fn an_idle_session_expires() {
    let mut ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    // Resolved once, so that the expiry is also checked on a remembered session.
    assert!(resolve(&ctx, Some(&outcome.token)).await.is_ok());
    ctx.settings.session_idle_secs = -1;
    assert_eq!(
        resolve(&ctx, Some(&outcome.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
    ctx.settings.session_idle_secs = 3600;
    assert_eq!(
        resolve(&ctx, Some(&outcome.token)).await.err(),
        Some(AppError::Unauthenticated),
        "an expired session is gone for good"
    );
}

#[tokio::test]
async fn resetting_the_admin_password_ends_its_sessions() {
    let ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    assert!(resolve(&ctx, Some(&outcome.token)).await.is_ok());
    reset_admin_password(&ctx, "a-brand-new-password")
        .await
        .unwrap();
    assert!(resolve(&ctx, Some(&outcome.token)).await.is_err());
    assert!(
        login(&ctx, "admin", "a-brand-new-password", "1.2.3.4", None)
            .await
            .is_ok()
    );
    assert!(reset_admin_password(&ctx, "short").await.is_err());
}

#[tokio::test]
async fn one_process_at_a_time_holds_the_database_lease() {
    let ctx = context().await;
    assert!(db::instance::claim(&ctx.db, "first").await.unwrap());
    assert!(
        db::instance::claim(&ctx.db, "first").await.unwrap(),
        "renews"
    );
    assert!(!db::instance::claim(&ctx.db, "second").await.unwrap());
    // A lease nobody renewed for longer than the lease time is free.
    ctx.db
        .query("UPDATE instance_lease:current SET renewed_at = time::now() - 31s")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(db::instance::claim(&ctx.db, "second").await.unwrap());
    assert!(!db::instance::claim(&ctx.db, "first").await.unwrap());
    db::instance::release(&ctx.db, "first").await.unwrap();
    assert!(
        !db::instance::claim(&ctx.db, "third").await.unwrap(),
        "only the holder releases"
    );
    db::instance::release(&ctx.db, "second").await.unwrap();
    assert!(db::instance::claim(&ctx.db, "third").await.unwrap());
}
