#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::service::{AppContext, Settings};

pub const ADMIN_PASSWORD: &str = "admin-secret-1";

/// A fresh in-memory database in its own namespace, migrated, with an admin.
pub async fn context() -> AppContext {
    let namespace = format!("t{}", app::db::accounts::new_id());
    let db = app::db::connect("mem://", None, &namespace)
        .await
        .expect("connect");
    app::db::migrate(&db).await.expect("migrate");
    let ctx = AppContext::open(db, Settings::default())
        .await
        .expect("list model");
    app::service::accounts::bootstrap_admin(&ctx, Some(ADMIN_PASSWORD))
        .await
        .expect("bootstrap");
    ctx
}

/// The same instance with other settings (its memory and stream shared).
pub fn with_settings(ctx: &AppContext, change: impl FnOnce(&mut Settings)) -> AppContext {
    let mut parts = ctx.parts();
    change(&mut parts.settings);
    AppContext::from(parts)
}

use app::domain::Features;
use app::domain::form::AccountForm;
use app::service::Actor;

/// Logs in as a browser would. The server answers "busy" rather than queue a
/// login behind many password hashes (the tests beside this one hash
/// passwords too), and a browser tries again a moment later.
pub async fn log_in(
    ctx: &AppContext,
    login: &str,
    password: &str,
) -> app::service::auth::LoginOutcome {
    for _ in 0..40 {
        match app::service::auth::login(ctx, login, password, "127.0.0.1", None).await {
            Err(app::error::AppError::TooManyAttempts(message)) if message.contains("busy") => {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            outcome => return outcome.unwrap_or_else(|e| panic!("{login} login: {e:?}")),
        }
    }
    panic!("{login} login: the server stayed busy for 10 s")
}

/// The admin, acting in its own panel.
pub async fn admin(ctx: &AppContext) -> Actor {
    let outcome = log_in(ctx, "admin", ADMIN_PASSWORD).await;
    app::service::auth::resolve(ctx, Some(&outcome.token))
        .await
        .expect("admin session")
}

pub fn reseller_form(login: &str) -> AccountForm {
    AccountForm {
        login: login.into(),
        password: "reseller-password".into(),
        password_confirm: "reseller-password".into(),
        users: "10".into(),
        disk_mib: "1000".into(),
        traffic_mib: "5000".into(),
        features: Features {
            php: true,
            https: true,
            ..Default::default()
        },
        enabled: true,
        ..Default::default()
    }
}

/// An account acting in its own panel, without going through a login.
pub async fn acting_as(ctx: &AppContext, id: &str) -> Actor {
    let row = app::db::accounts::get(&ctx.db, id)
        .await
        .unwrap()
        .expect("account exists");
    Actor::new("test".into(), vec![row])
}

pub fn user_form(login: &str, disk: &str, traffic: &str) -> AccountForm {
    AccountForm {
        login: login.into(),
        password: "user-password".into(),
        password_confirm: "user-password".into(),
        disk_mib: disk.into(),
        traffic_mib: traffic.into(),
        features: Features {
            php: true,
            ..Default::default()
        },
        enabled: true,
        ..Default::default()
    }
}

/// A user of `owner`, created by the owner through the Users module.
pub async fn add_user(
    ctx: &AppContext,
    owner_id: &str,
    login: &str,
    disk: i64,
    enabled: bool,
    php: bool,
) -> String {
    let owner = acting_as(ctx, owner_id).await;
    let mut form = user_form(login, &disk.to_string(), "0");
    form.features.php = php;
    form.enabled = enabled;
    app::service::users::create(ctx, &owner, form)
        .await
        .expect("user created")
}

/// The list model holds exactly what a fresh load from the database would.
pub async fn assert_lists_match_database(ctx: &AppContext) {
    let fresh = app::db::lists::Lists::load(&ctx.db).await.expect("load");
    assert_eq!(ctx.lists.snapshot(), fresh.snapshot());
}
