use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::resellers::get_reseller;
use crate::ui::components::account_form::AccountFormView;
use crate::ui::components::account_kind::ListKind;

#[component]
pub fn NewResellerPage() -> impl IntoView {
    view! {
        <Title text="Add reseller" />
        <h1>"Add reseller"</h1>
        <AccountFormView kind=ListKind::Resellers detail=None />
    }
}

#[component]
pub fn EditResellerPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_reseller,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! {
                        <Title text=format!("{} — Resellers", detail.row.login) />
                        <h1>"Reseller " {detail.row.login.clone()}</h1>
                        <AccountFormView kind=ListKind::Resellers detail=Some(detail) />
                    }.into_any(),
                    Err(error) => view! {
                        <h1>"Reseller"</h1>
                        <p class="error-box" role="alert">{error.to_string()}</p>
                        <p><a href="/resellers">"Back to resellers"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
