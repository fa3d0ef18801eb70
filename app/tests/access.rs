#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Access to modules: grants down the tree, defaults for new accounts, and
//! the audit of every change.

mod common;

use app::domain::Role;
use app::domain::access::{Access, Function, Needs};
use app::error::AppError;
use app::service::actor::{grants_of, rights_of};
use app::service::{AppContext, access, auth, resellers};
use common::*;

async fn new_reseller(ctx: &AppContext, login: &str) -> String {
    let admin = admin(ctx).await;
    resellers::create(ctx, &admin, reseller_form(login))
        .await
        .expect("reseller created")
}

async fn row(ctx: &AppContext, id: &str) -> app::db::accounts::AccountRow {
    app::db::accounts::get(&ctx.db, id).await.unwrap().unwrap()
}

/// A session opened by logging in, as a browser holds it.
async fn session(ctx: &AppContext, login: &str, password: &str) -> String {
    log_in(ctx, login, password).await.token
}

/// Every function a reseller can hold, except `but`.
fn all_reseller_keys_but(but: &[Function]) -> Vec<String> {
    Access::everything_for(Role::Reseller)
        .without(&but.iter().copied().collect())
        .keys()
}

/// The details of the audit entries of `action`, sorted (entries of one
/// second have no order to rely on).
async fn audit_details(ctx: &AppContext, action: &str) -> Vec<String> {
    let mut details: Vec<String> = ctx
        .db
        .query("SELECT VALUE detail FROM audit WHERE action = $action")
        .bind(("action", action.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    details.sort();
    details
}

fn refused_field(outcome: Result<bool, AppError>, field: &str) -> String {
    match outcome {
        Err(error) => error
            .for_field(field)
            .unwrap_or_else(|| panic!("refused, but not on {field}: {error:?}")),
        Ok(changed) => panic!("accepted (changed: {changed}), expected a refusal on {field}"),
    }
}

#[tokio::test]
async fn withholding_a_function_from_a_reseller_refuses_it_on_the_next_request_of_its_open_session()
{
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let id = new_reseller(&ctx, "acme").await;
    let token = session(&ctx, "acme", "reseller-password").await;
    let before = auth::resolve(&ctx, Some(&token)).await.unwrap();
    assert!(before.check(Needs::Function(Function::UsersCreate)).is_ok());

    let changed = access::set(
        &ctx,
        &admin,
        &id,
        Role::Reseller,
        &all_reseller_keys_but(&[Function::UsersCreate]),
    )
    .await
    .unwrap();

    assert!(changed);
    assert!(!rights_of(&row(&ctx, &id).await).allows(Function::UsersCreate));
    let after = auth::resolve(&ctx, Some(&token)).await.unwrap();
    assert!(matches!(
        after.check(Needs::Function(Function::UsersCreate)),
        Err(AppError::Forbidden(_))
    ));
    assert!(after.rights().allows(Function::UsersList));
}

#[tokio::test]
async fn withdrawing_from_a_reseller_withdraws_from_its_users_without_rewriting_them() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let reseller = new_reseller(&ctx, "acme").await;
    let user = add_user(&ctx, &reseller, "bob", 10, true, false).await;
    let token = session(&ctx, "bob", "user-password").await;
    let stored_before = row(&ctx, &user).await.access;
    assert!(
        auth::resolve(&ctx, Some(&token))
            .await
            .unwrap()
            .rights()
            .allows(Function::AuditView)
    );

    access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &all_reseller_keys_but(&[Function::AuditView]),
    )
    .await
    .unwrap();

    let user_row = row(&ctx, &user).await;
    assert_eq!(user_row.access, stored_before, "the user was rewritten");
    assert!(grants_of(&user_row).allows(Function::AuditView));
    assert!(!rights_of(&user_row).allows(Function::AuditView));
    let session_after = auth::resolve(&ctx, Some(&token)).await.unwrap();
    assert!(!session_after.rights().allows(Function::AuditView));
    // Its Access page says who withholds it.
    let page = access::view(&ctx, &admin, &user, Role::User).await.unwrap();
    let audit = &page.modules[0].functions[0];
    assert_eq!(audit.key, "audit.view");
    assert!(audit.checked && !audit.in_effect);
    assert_eq!(audit.withheld_by.as_deref(), Some("acme"));
}

#[tokio::test]
async fn a_reseller_cannot_grant_what_it_does_not_hold() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let reseller = new_reseller(&ctx, "acme").await;
    let user = add_user(&ctx, &reseller, "bob", 10, true, false).await;
    let acme = acting_as(&ctx, &reseller).await;
    access::set(&ctx, &acme, &user, Role::User, &[])
        .await
        .unwrap();
    access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &all_reseller_keys_but(&[Function::AuditView]),
    )
    .await
    .unwrap();
    let acme = acting_as(&ctx, &reseller).await;
    let page = access::view(&ctx, &acme, &user, Role::User).await.unwrap();
    assert!(!page.modules[0].functions[0].grantable);

    let outcome = access::set(&ctx, &acme, &user, Role::User, &["audit.view".into()]).await;

    let message = refused_field(outcome, "functions");
    assert!(message.contains("Audit log: View"), "{message}");
    assert!(!grants_of(&row(&ctx, &user).await).allows(Function::AuditView));
    assert_eq!(audit_details(&ctx, "user.access").await.len(), 1);
}

#[tokio::test]
async fn a_reseller_cannot_see_or_set_the_access_of_another_resellers_user() {
    let ctx = context().await;
    let acme = new_reseller(&ctx, "acme").await;
    let other = new_reseller(&ctx, "other").await;
    let theirs = add_user(&ctx, &other, "carol", 10, true, false).await;
    let acme_actor = acting_as(&ctx, &acme).await;

    let seen = access::view(&ctx, &acme_actor, &theirs, Role::User).await;
    let set = access::set(&ctx, &acme_actor, &theirs, Role::User, &[]).await;
    let reseller_page = access::view(&ctx, &acme_actor, &other, Role::Reseller).await;
    let as_user = access::view(&ctx, &acme_actor, &other, Role::User).await;

    assert!(matches!(seen, Err(AppError::NotFound(_))), "{seen:?}");
    assert!(matches!(set, Err(AppError::NotFound(_))), "{set:?}");
    assert!(matches!(reseller_page, Err(AppError::Forbidden(_))));
    assert!(matches!(as_user, Err(AppError::NotFound(_))));
    assert!(grants_of(&row(&ctx, &theirs).await).allows(Function::AuditView));
}

#[tokio::test]
async fn grants_the_reseller_cannot_see_are_kept_when_it_saves_and_return_with_its_own() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let reseller = new_reseller(&ctx, "acme").await;
    let user = add_user(&ctx, &reseller, "bob", 10, true, false).await;
    access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &all_reseller_keys_but(&[Function::AuditView]),
    )
    .await
    .unwrap();
    let acme = acting_as(&ctx, &reseller).await;

    // Acme saves what it sees of the user's grants (everything but Audit,
    // which it no longer holds) as they are.
    let visible: Vec<String> = Access::everything_for(Role::User)
        .iter()
        .filter(|f| *f != Function::AuditView)
        .map(|f| f.key().to_owned())
        .collect();
    let changed = access::set(&ctx, &acme, &user, Role::User, &visible)
        .await
        .unwrap();

    assert!(!changed);
    assert!(grants_of(&row(&ctx, &user).await).allows(Function::AuditView));
    access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &all_reseller_keys_but(&[]),
    )
    .await
    .unwrap();
    assert!(rights_of(&row(&ctx, &user).await).allows(Function::AuditView));
}

#[tokio::test]
async fn defaults_apply_to_accounts_created_after_them_and_not_to_earlier_ones() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let earlier = new_reseller(&ctx, "early").await;
    let everything = grants_of(&row(&ctx, &earlier).await);
    assert_eq!(everything, Access::everything_for(Role::Reseller));

    access::set_defaults(
        &ctx,
        &admin,
        Role::Reseller,
        &["users.list".into(), "audit.view".into()],
    )
    .await
    .unwrap();
    access::set_defaults(&ctx, &admin, Role::User, &[])
        .await
        .unwrap();
    let later = new_reseller(&ctx, "late").await;
    let user = add_user(&ctx, &later, "bob", 10, true, false).await;

    let expected: Access = [Function::UsersList, Function::AuditView]
        .into_iter()
        .collect();
    assert_eq!(grants_of(&row(&ctx, &later).await), expected);
    assert!(grants_of(&row(&ctx, &user).await).is_empty());
    assert_eq!(grants_of(&row(&ctx, &earlier).await), everything);
    let page = access::defaults(&ctx, &admin).await.unwrap();
    assert!(page.roles.iter().all(|r| r.saved));
    let reseller_page = access::view(&ctx, &admin, &earlier, Role::Reseller)
        .await
        .unwrap();
    assert_eq!(reseller_page.defaults, expected.keys());
}

#[tokio::test]
async fn functions_of_the_admins_role_alone_cannot_be_granted() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let reseller = new_reseller(&ctx, "acme").await;
    let user = add_user(&ctx, &reseller, "bob", 10, true, false).await;

    let to_reseller = access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &["resellers.create".into()],
    )
    .await;
    let to_user = access::set(&ctx, &admin, &user, Role::User, &["users.create".into()]).await;
    let as_default = access::set_defaults(
        &ctx,
        &admin,
        Role::Reseller,
        &["settings.default_access".into()],
    )
    .await;
    let unknown = access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &["users.fly".into()],
    )
    .await;
    let admin_defaults = access::set_defaults(&ctx, &admin, Role::Admin, &[]).await;
    let page = access::view(&ctx, &admin, &reseller, Role::Reseller)
        .await
        .unwrap();

    refused_field(to_reseller, "functions");
    refused_field(to_user, "functions");
    refused_field(as_default, "functions");
    refused_field(unknown, "functions");
    refused_field(admin_defaults, "role");
    assert!(!grants_of(&row(&ctx, &reseller).await).allows(Function::ResellersCreate));
    let offered: Vec<&str> = page
        .modules
        .iter()
        .flat_map(|m| m.functions.iter().map(|f| f.key.as_str()))
        .collect();
    assert!(
        !offered.iter().any(|k| k.starts_with("resellers.")),
        "{offered:?}"
    );
    assert!(audit_details(&ctx, "reseller.access").await.is_empty());
    assert!(audit_details(&ctx, "access.defaults").await.is_empty());
}

#[tokio::test]
async fn every_change_of_access_is_audited_with_what_changed_and_a_no_op_is_not() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let reseller = new_reseller(&ctx, "acme").await;
    let without_delete = all_reseller_keys_but(&[Function::UsersDelete]);

    let first = access::set(&ctx, &admin, &reseller, Role::Reseller, &without_delete)
        .await
        .unwrap();
    let again = access::set(&ctx, &admin, &reseller, Role::Reseller, &without_delete)
        .await
        .unwrap();
    let back = access::set(
        &ctx,
        &admin,
        &reseller,
        Role::Reseller,
        &all_reseller_keys_but(&[Function::UsersEnter]),
    )
    .await
    .unwrap();

    assert!(first && !again && back);
    assert_eq!(
        audit_details(&ctx, "reseller.access").await,
        vec![
            "granted Users: Delete; withdrew Users: Enter the panel".to_owned(),
            "withdrew Users: Delete".to_owned(),
        ]
    );

    let keys = vec!["audit.view".to_owned()];
    assert!(
        access::set_defaults(&ctx, &admin, Role::User, &keys)
            .await
            .unwrap()
    );
    assert!(
        !access::set_defaults(&ctx, &admin, Role::User, &keys)
            .await
            .unwrap()
    );
    assert_eq!(audit_details(&ctx, "access.defaults").await.len(), 1);
}
