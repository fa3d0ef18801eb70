#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db;
use app::error::AppError;
use app::service::accounts::{Bootstrap, bootstrap_admin, reset_admin_password};
use app::service::auth::{
    LoginAttempt, MAX_SESSIONS_PER_ACCOUNT, login, login_with, logout, resolve,
};
use common::{ADMIN_PASSWORD, context, with_settings};

#[tokio::test]
async fn migrations_are_idempotent() {
    let ctx = context().await;
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 13);
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 13);
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
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 13);
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
    ctx = with_settings(&ctx, |s| s.session_idle_secs = -1);
    assert_eq!(
        resolve(&ctx, Some(&outcome.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
    ctx = with_settings(&ctx, |s| s.session_idle_secs = 3600);
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

/// The throttle key of a login, as the service names it.
async fn login_throttle(
    ctx: &app::service::AppContext,
    login: &str,
) -> app::domain::throttle::Throttle {
    db::throttle::read(&ctx.db, &format!("login:{login}"))
        .await
        .unwrap()
}

async fn audit_count(ctx: &app::service::AppContext, action: &str) -> usize {
    let rows: Vec<String> = ctx
        .db
        .query("SELECT VALUE target FROM audit WHERE action = $action")
        .bind(("action", action.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.len()
}

#[tokio::test]
async fn a_concurrent_burst_of_guesses_evaluates_at_most_five_and_counts_every_attempt() {
    let ctx = context().await;
    let attempts = (0..60).map(|i| {
        let ctx = ctx.clone();
        async move {
            login(
                &ctx,
                "admin",
                "wrong-password",
                &format!("10.1.0.{i}"),
                None,
            )
            .await
            .err()
            .unwrap()
        }
    });
    let outcomes = futures::future::join_all(attempts).await;
    let wrong = outcomes
        .iter()
        .filter(|e| e.for_field("password").is_some())
        .count();
    let throttled = |busy: bool| {
        outcomes
            .iter()
            .filter(|e| matches!(e, AppError::TooManyAttempts(m) if m.contains("busy") == busy))
            .count()
    };
    let (refused, busy) = (throttled(false), throttled(true));
    assert_eq!(wrong + refused + busy, 60, "{outcomes:?}");
    assert!(wrong <= 5, "{wrong} guesses were evaluated");
    assert!(wrong >= 1, "some guesses were evaluated");
    assert_eq!(audit_count(&ctx, "login.failed").await, wrong);
    let throttle = login_throttle(&ctx, "admin").await;
    assert_eq!(
        throttle.refused as usize, refused,
        "every refusal is on record"
    );
}

#[tokio::test]
async fn a_browser_that_logged_in_before_is_not_locked_out_by_strangers() {
    let ctx = context().await;
    let attempt = |password: &'static str, client: &'static str, device: Option<String>| {
        let ctx = ctx.clone();
        async move {
            login_with(
                &ctx,
                LoginAttempt {
                    login: "admin",
                    password,
                    client,
                    previous_token: None,
                    device_token: device.as_deref(),
                    host: None,
                },
            )
            .await
        }
    };
    let first = attempt(ADMIN_PASSWORD, "192.0.2.1", None).await.unwrap();
    let device = first.new_device_token.clone().expect("a device cookie");
    for _ in 0..5 {
        assert!(
            attempt("wrong-password", "203.0.113.66", None)
                .await
                .is_err()
        );
    }
    let stranger = attempt(ADMIN_PASSWORD, "203.0.113.67", None).await.err();
    assert!(
        matches!(stranger, Some(AppError::TooManyAttempts(_))),
        "{stranger:?}"
    );
    let again = attempt(ADMIN_PASSWORD, "192.0.2.1", Some(device.clone()))
        .await
        .expect("the admin's own browser still gets in");
    assert_eq!(again.new_device_token, None, "the browser stays known");
    // A device cookie of another account does not help.
    let forged = attempt(ADMIN_PASSWORD, "192.0.2.1", Some("made-up".into()))
        .await
        .err();
    assert!(matches!(forged, Some(AppError::TooManyAttempts(_))));
}

#[tokio::test]
async fn failed_logins_are_audited_with_the_address() {
    let ctx = context().await;
    assert!(
        login(&ctx, "admin", "wrong-password", "198.51.100.9", None)
            .await
            .is_err()
    );
    let details: Vec<String> = ctx
        .db
        .query("SELECT VALUE detail FROM audit WHERE action = 'login.failed' AND target = 'admin'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(details.len(), 1);
    assert!(details[0].contains("198.51.100.9"), "{details:?}");
}

#[tokio::test]
async fn resetting_the_admin_password_lifts_its_lock() {
    let ctx = context().await;
    for i in 0..5 {
        let _refused = login(
            &ctx,
            "admin",
            "wrong-password",
            &format!("10.2.0.{i}"),
            None,
        )
        .await;
    }
    assert!(login_throttle(&ctx, "admin").await.locked_until > db::now());
    reset_admin_password(&ctx, "another-good-password")
        .await
        .unwrap();
    assert!(
        login(&ctx, "admin", "another-good-password", "10.2.0.99", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime_however_busy() {
    let mut ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    assert!(resolve(&ctx, Some(&outcome.token)).await.is_ok());
    ctx = with_settings(&ctx, |s| s.session_max_secs = -1);
    assert_eq!(
        resolve(&ctx, Some(&outcome.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
}

#[tokio::test]
async fn expired_sessions_are_swept_from_the_table() {
    let mut ctx = context().await;
    let admin = common::admin(&ctx).await;
    let admin_id = admin.acting().id.clone();
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &admin_id)
            .await
            .unwrap(),
        1
    );
    ctx = with_settings(&ctx, |s| s.session_idle_secs = -1);
    app::service::auth::sweep(&ctx).await.unwrap();
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &admin_id)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_account_keeps_at_most_twenty_live_sessions_the_oldest_end() {
    let ctx = context().await;
    let mut tokens = Vec::new();
    for _ in 0..(MAX_SESSIONS_PER_ACCOUNT + 3) {
        tokens.push(
            login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
                .await
                .unwrap()
                .token,
        );
        // Sessions are ordered by their start, in whole seconds.
        ctx.db
            .query("UPDATE session SET created_at -= 1")
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let admin_id = db::accounts::get_by_login(&ctx.db, "admin")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &admin_id)
            .await
            .unwrap(),
        MAX_SESSIONS_PER_ACCOUNT
    );
    assert!(
        resolve(&ctx, Some(&tokens[0])).await.is_err(),
        "the oldest ended"
    );
    assert!(
        resolve(&ctx, tokens.last().map(String::as_str))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn an_admin_reset_of_a_resellers_password_ends_the_resellers_sessions() {
    let ctx = context().await;
    let admin = common::admin(&ctx).await;
    let id = app::service::resellers::create(&ctx, &admin, common::reseller_form("acme"))
        .await
        .unwrap();
    let stolen = login(&ctx, "acme", "reseller-password", "6.6.6.6", None)
        .await
        .unwrap();
    assert!(resolve(&ctx, Some(&stolen.token)).await.is_ok());
    let mut form = common::reseller_form("acme");
    form.password = "fresh-password-1".into();
    form.password_confirm = "fresh-password-1".into();
    app::service::resellers::update(&ctx, &admin, &id, form)
        .await
        .unwrap();
    assert_eq!(
        resolve(&ctx, Some(&stolen.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
}

#[tokio::test]
async fn disabling_an_account_removes_its_sessions_in_the_same_write() {
    let ctx = context().await;
    let admin = common::admin(&ctx).await;
    let acme = app::service::resellers::create(&ctx, &admin, common::reseller_form("acme"))
        .await
        .unwrap();
    let web1 = common::add_user(&ctx, &acme, "web1", 10, true, true).await;
    login(&ctx, "acme", "reseller-password", "1.1.1.1", None)
        .await
        .unwrap();
    login(&ctx, "web1", "user-password", "1.1.1.1", None)
        .await
        .unwrap();
    let reseller = common::acting_as(&ctx, &acme).await;
    let mut form = common::user_form("web1", "10", "0");
    form.password.clear();
    form.password_confirm.clear();
    form.enabled = false;
    app::service::users::update(&ctx, &reseller, &web1, form)
        .await
        .unwrap();
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &web1)
            .await
            .unwrap(),
        0
    );
    app::service::resellers::set_enabled(&ctx, &admin, std::slice::from_ref(&acme), false, false)
        .await
        .unwrap();
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &acme)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn sessions_opened_before_version_6_keep_working_after_it() {
    let ctx = context().await;
    let outcome = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    // A database at version 5: sessions without the `account` field.
    ctx.db
        .query(
            "REMOVE INDEX session_account ON session;
             REMOVE FIELD account ON session;
             UPDATE session UNSET account;
             DELETE schema_migration WHERE version >= 6;",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(db::migrate(&ctx.db).await.unwrap(), 13);
    ctx.sessions.clear();
    let actor = resolve(&ctx, Some(&outcome.token)).await.unwrap();
    assert_eq!(actor.acting().login, "admin");
    assert_eq!(
        db::sessions::count_for_account(&ctx.db, &actor.acting().id)
            .await
            .unwrap(),
        1,
        "the session was given its account"
    );
}
