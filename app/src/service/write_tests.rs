//! A write brings the list model up to date whatever becomes of the request
//! that made it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use super::shared::new_account;
use super::{Actor, AppContext, Settings, accounts as lifecycle, resellers};
use crate::db::lists::Lists;
use crate::db::{self, accounts};
use crate::domain::form::{AccountForm, FormMode};
use crate::error::AppResult;

async fn admin_context() -> (AppContext, Actor) {
    let namespace = format!("t{}", accounts::new_id());
    let db = db::connect("mem://", None, &namespace)
        .await
        .expect("connect");
    db::migrate(&db).await.expect("migrate");
    let ctx = AppContext::open(db, Settings::default())
        .await
        .expect("list model");
    lifecycle::bootstrap_admin(&ctx, Some("admin-secret-1"))
        .await
        .expect("bootstrap");
    let admin = accounts::get_by_login(&ctx.db, "admin")
        .await
        .expect("read")
        .expect("the admin");
    let actor = Actor::new("test".into(), vec![admin]);
    (ctx, actor)
}

fn reseller_form(login: &str) -> AccountForm {
    AccountForm {
        login: login.into(),
        password: "reseller-password".into(),
        password_confirm: "reseller-password".into(),
        users: "10".into(),
        disk_mib: "1000".into(),
        traffic_mib: "5000".into(),
        enabled: true,
        ..Default::default()
    }
}

/// A stored password hash of the right shape (the schema checks it).
const HASH: &str = "$argon2id$test";

fn listed(ctx: &AppContext, login: &str) -> bool {
    ctx.lists.snapshot().iter().any(|row| row.login == login)
}

/// Drives a request until its account is committed, failing if the request
/// finishes first: its re-read is held back, and it must wait for it.
async fn until_committed<F>(ctx: &AppContext, request: &mut std::pin::Pin<Box<F>>, login: &str)
where
    F: Future<Output = AppResult<String>>,
{
    loop {
        tokio::select! {
            biased;
            outcome = &mut *request => panic!("finished before its re-read: {outcome:?}"),
            () = tokio::time::sleep(Duration::from_millis(5)) => {}
        }
        if accounts::get_by_login(&ctx.db, login)
            .await
            .expect("read")
            .is_some()
        {
            return;
        }
    }
}

#[tokio::test]
async fn a_write_returns_only_once_the_list_shows_it() {
    let (ctx, admin) = admin_context().await;
    let held = ctx.lists.hold_rereads().await;
    let mut create = Box::pin(resellers::create(&ctx, &admin, reseller_form("acme")));
    until_committed(&ctx, &mut create, "acme").await;
    tokio::select! {
        outcome = &mut create => panic!("finished before its re-read: {outcome:?}"),
        () = tokio::time::sleep(Duration::from_millis(50)) => {}
    }
    drop(held);
    create.await.expect("created");
    assert!(listed(&ctx, "acme"));
}

#[tokio::test]
async fn a_request_dropped_after_its_commit_still_brings_the_list_up_to_date() {
    let (ctx, admin) = admin_context().await;
    let held = ctx.lists.hold_rereads().await;
    let mut create = Box::pin(resellers::create(&ctx, &admin, reseller_form("acme")));
    until_committed(&ctx, &mut create, "acme").await;
    // Its client goes away.
    drop(create);
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !listed(&ctx, "acme") {
        assert!(
            Instant::now() < deadline,
            "the dropped request's re-read never ran"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_login_deleted_and_created_again_is_listed_when_the_re_reads_come_in_reverse() {
    let (ctx, admin) = admin_context().await;
    let old_id = resellers::create(&ctx, &admin, reseller_form("acme"))
        .await
        .expect("created");
    // Deleted and created again: both commit before either re-read, and the
    // re-reads are applied in the other order.
    accounts::delete(&ctx.db, &old_id).await.expect("deleted");
    let valid = reseller_form("acme")
        .parse(FormMode::Create, true)
        .expect("a valid form");
    let new_id = accounts::new_id();
    let row = new_account(
        &valid,
        "acme",
        "reseller",
        &admin.acting().id,
        HASH.into(),
        &crate::domain::access::Access::everything_for(crate::domain::Role::Reseller),
    );
    accounts::insert(&ctx.db, &new_id, row)
        .await
        .expect("created again");
    ctx.lists
        .refresh(&ctx.db, std::slice::from_ref(&new_id))
        .await;
    ctx.lists.refresh(&ctx.db, &[old_id]).await;
    let from_scratch = Lists::load(&ctx.db).await.expect("loaded");
    assert_eq!(ctx.lists.snapshot(), from_scratch.snapshot());
    assert!(
        ctx.lists
            .snapshot()
            .iter()
            .any(|row| row.id == new_id && row.login == "acme")
    );
}
