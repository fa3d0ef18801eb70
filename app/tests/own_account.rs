#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::error::AppError;
use app::service::auth::{login, resolve};
use app::service::own_account::{change_password, profile, set_email};
use common::{ADMIN_PASSWORD, context};

#[tokio::test]
async fn changing_ones_password_ends_every_other_session_and_keeps_this_one() {
    let ctx = context().await;
    let here = login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
        .await
        .unwrap();
    let elsewhere = login(&ctx, "admin", ADMIN_PASSWORD, "5.6.7.8", None)
        .await
        .unwrap();
    let me = resolve(&ctx, Some(&here.token)).await.unwrap();
    assert!(resolve(&ctx, Some(&elsewhere.token)).await.is_ok());
    change_password(
        &ctx,
        &me,
        ADMIN_PASSWORD,
        "my-new-password",
        "my-new-password",
    )
    .await
    .unwrap();
    assert!(
        resolve(&ctx, Some(&here.token)).await.is_ok(),
        "this session stays"
    );
    assert_eq!(
        resolve(&ctx, Some(&elsewhere.token)).await.err(),
        Some(AppError::Unauthenticated)
    );
    assert!(
        login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
            .await
            .is_err()
    );
    assert!(
        login(&ctx, "admin", "my-new-password", "1.2.3.4", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing_and_guesses_are_throttled() {
    let ctx = context().await;
    let me = common::admin(&ctx).await;
    let error = change_password(&ctx, &me, "not-it", "my-new-password", "my-new-password")
        .await
        .err()
        .unwrap();
    assert_eq!(
        error.for_field("current_password").as_deref(),
        Some("That is not your current password.")
    );
    for _ in 0..4 {
        let _wrong =
            change_password(&ctx, &me, "not-it", "my-new-password", "my-new-password").await;
    }
    let locked = change_password(
        &ctx,
        &me,
        ADMIN_PASSWORD,
        "my-new-password",
        "my-new-password",
    )
    .await
    .err();
    assert!(
        matches!(locked, Some(AppError::TooManyAttempts(_))),
        "{locked:?}"
    );
    assert!(
        login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn new_passwords_are_checked_field_by_field() {
    let ctx = context().await;
    let me = common::admin(&ctx).await;
    let empty = change_password(&ctx, &me, "", "my-new-password", "my-new-password")
        .await
        .err()
        .unwrap();
    assert!(empty.for_field("current_password").is_some());
    let short = change_password(&ctx, &me, ADMIN_PASSWORD, "short", "short")
        .await
        .err()
        .unwrap();
    assert!(short.for_field("new_password").is_some(), "{short:?}");
    let differ = change_password(
        &ctx,
        &me,
        ADMIN_PASSWORD,
        "my-new-password",
        "my-new-passwort",
    )
    .await
    .err()
    .unwrap();
    assert!(
        differ.for_field("new_password_confirm").is_some(),
        "{differ:?}"
    );
    assert!(
        login(&ctx, "admin", ADMIN_PASSWORD, "1.2.3.4", None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_reseller_sets_its_contact_email_and_its_users_see_it() {
    let ctx = context().await;
    let admin = common::admin(&ctx).await;
    let acme = app::service::resellers::create(&ctx, &admin, common::reseller_form("acme"))
        .await
        .unwrap();
    let web1 = common::add_user(&ctx, &acme, "web1", 10, true, true).await;
    let reseller = common::acting_as(&ctx, &acme).await;
    let bad = set_email(&ctx, &reseller, "not an address")
        .await
        .err()
        .unwrap();
    assert!(bad.for_field("email").is_some());
    set_email(&ctx, &reseller, "help@acme.example")
        .await
        .unwrap();
    assert_eq!(
        profile(&ctx, &reseller).await.unwrap().email.as_deref(),
        Some("help@acme.example")
    );
    let user = common::acting_as(&ctx, &web1).await;
    let dashboard = app::service::dashboard::dashboard(&ctx, &user)
        .await
        .unwrap();
    let app::model::Dashboard::User(overview) = dashboard else {
        panic!("a user's dashboard");
    };
    assert_eq!(overview.owner_email.as_deref(), Some("help@acme.example"));
    set_email(&ctx, &reseller, "  ").await.unwrap();
    assert_eq!(profile(&ctx, &reseller).await.unwrap().email, None);
}
