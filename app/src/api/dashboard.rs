use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Dashboard;

/// The acting account's dashboard: totals for the admin, its own pool for others.
#[server(endpoint = "dashboard/summary")]
pub async fn dashboard_summary() -> Result<Dashboard, AppError> {
    use super::request::*;
    serve(Needs::SignedIn, move |ctx, actor| async move {
        crate::service::dashboard::dashboard(&ctx, &actor).await
    })
    .await
}
