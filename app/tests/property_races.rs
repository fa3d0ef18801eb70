#![allow(clippy::unwrap_used, clippy::expect_used)]
#![recursion_limit = "512"]

//! Properties under concurrency: whatever the interleaving of user edits and
//! the admin revoking a property from their reseller, no user ends up with a
//! property its reseller lacks.

mod common;

use app::db::{accounts, listing};
use app::domain::Features;
use app::domain::form::AccountForm;
use app::error::AppError;
use app::service::{AppContext, resellers, users};
use common::{acting_as, add_user, admin, context, reseller_form, user_form};

const USERS: usize = 8;
const ROUNDS: usize = 16;

/// An edit form that leaves the password and the pool share as they are.
fn without_password(mut form: AccountForm) -> AccountForm {
    form.password.clear();
    form.password_confirm.clear();
    form
}

fn user_edit(login: &str, php: bool) -> AccountForm {
    let mut form = without_password(user_form(login, "10", "0"));
    form.features.php = php;
    form
}

fn reseller_edit(php: bool, revoke_from_users: bool) -> AccountForm {
    let mut form = without_password(reseller_form("acme"));
    form.features.php = php;
    form.revoke_from_users = revoke_from_users;
    form
}

fn features(row: &accounts::AccountRow) -> Features {
    Features {
        shell: row.shell,
        cgi: row.cgi,
        php: row.php,
        ssi: row.ssi,
        https: row.https,
    }
}

/// The logins of the reseller's users that hold a property it lacks.
async fn users_beyond_their_reseller(ctx: &AppContext, reseller_id: &str) -> Vec<String> {
    let owner = accounts::get(&ctx.db, reseller_id).await.unwrap().unwrap();
    listing::users_of(&ctx.db, reseller_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|user| !features(user).beyond(&features(&owner)).is_empty())
        .map(|user| user.login)
        .collect()
}

fn accepted_or_refused(outcome: Result<(), AppError>, what: &str) {
    match outcome {
        Ok(()) | Err(AppError::Validation(_)) => {}
        Err(other) => panic!("{what} failed: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_grants_never_outlive_the_resellers_revocation() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    let acme_id = resellers::create(&ctx, &admin, reseller_form("acme"))
        .await
        .unwrap();
    let mut members = Vec::new();
    for n in 0..USERS {
        let login = format!("web{n}");
        members.push((
            add_user(&ctx, &acme_id, &login, 10, true, false).await,
            login,
        ));
    }
    let acme = acting_as(&ctx, &acme_id).await;
    let mut violations = Vec::new();
    for round in 0..ROUNDS {
        // Start from a reseller with PHP and users without it, so that every
        // edit of the round grants it.
        resellers::update(&ctx, &admin, &acme_id, reseller_edit(true, false))
            .await
            .unwrap();
        for (id, login) in &members {
            users::update(&ctx, &acme, id, user_edit(login, false))
                .await
                .unwrap();
        }
        let mut tasks = tokio::task::JoinSet::new();
        for (n, (id, login)) in members.iter().enumerate() {
            if n == USERS / 2 {
                let (ctx, admin, acme_id) = (ctx.clone(), admin.clone(), acme_id.clone());
                // Both kinds of revocation: refused while a user has PHP, or
                // taking it from the users too.
                let revoke_from_users = round % 2 == 0;
                tasks.spawn(async move {
                    let form = reseller_edit(false, revoke_from_users);
                    let outcome = resellers::update(&ctx, &admin, &acme_id, form).await;
                    accepted_or_refused(outcome, "the revocation");
                });
            }
            let (ctx, acme, id, login) = (ctx.clone(), acme.clone(), id.clone(), login.clone());
            tasks.spawn(async move {
                let outcome = users::update(&ctx, &acme, &id, user_edit(&login, true)).await;
                accepted_or_refused(outcome, "a grant");
            });
        }
        while let Some(joined) = tasks.join_next().await {
            joined.unwrap();
        }
        let beyond = users_beyond_their_reseller(&ctx, &acme_id).await;
        if !beyond.is_empty() {
            violations.push((round, beyond));
        }
    }
    assert!(
        violations.is_empty(),
        "users kept PHP that their reseller lost (round, users): {violations:?}"
    );
    common::assert_lists_match_database(&ctx).await;
}
