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
