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
    let ctx = AppContext {
        db,
        settings: Settings::default(),
    };
    app::service::accounts::bootstrap_admin(&ctx, Some(ADMIN_PASSWORD))
        .await
        .expect("bootstrap");
    ctx
}

use app::domain::Features;
use app::domain::form::AccountForm;
use app::service::Actor;

/// The admin, acting in its own panel.
pub async fn admin(ctx: &AppContext) -> Actor {
    let outcome = app::service::auth::login(ctx, "admin", ADMIN_PASSWORD, "127.0.0.1", None)
        .await
        .expect("admin login");
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

/// A user of `owner`, written straight to storage with the owner's counters,
/// as the Users module does.
pub async fn add_user(
    ctx: &AppContext,
    owner_id: &str,
    login: &str,
    disk: i64,
    enabled: bool,
    php: bool,
) -> String {
    use app::db::accounts;
    let id = accounts::new_id();
    let now = app::db::now();
    let hash = app::service::passwords::hash("user-password")
        .await
        .unwrap();
    accounts::insert(
        &ctx.db,
        &id,
        accounts::NewAccount {
            owner: Some(accounts::record(owner_id)),
            created_at: now,
            updated_at: now,
            login: login.into(),
            role: "user".into(),
            enabled,
            password_hash: hash,
            email: None,
            comment: String::new(),
            users_limit: Some(0),
            disk_limit: Some(disk),
            traffic_limit: Some(0),
            shell: false,
            cgi: false,
            php,
            ssi: false,
            https: false,
            oversell: false,
        },
    )
    .await
    .unwrap();
    let owner = accounts::get(&ctx.db, owner_id).await.unwrap().unwrap();
    let allocation = app::model::allocation(&owner).with(app::domain::pool::Share {
        disk_mib: app::domain::Limit::Finite(disk as u64),
        traffic_mib: app::domain::Limit::Finite(0),
    });
    accounts::set_allocation(&ctx.db, owner_id, &allocation, now)
        .await
        .unwrap();
    app::db::counters::add(&ctx.db, app::db::counters::USERS, 1)
        .await
        .unwrap();
    id
}
