use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::resellers::get_reseller;
use crate::ui::components::account_form::AccountFormView;
use crate::ui::components::account_kind::ListKind;
use crate::ui::i18n::accounts::{account_heading, add_account, list_title, use_accounts_texts};
use crate::ui::i18n::{use_locale, use_texts};

#[component]
pub fn NewResellerPage() -> impl IntoView {
    view! {
        <Title text=add_account(use_locale(), ListKind::Resellers) />
        <h1>{add_account(use_locale(), ListKind::Resellers)}</h1>
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
        <Suspense fallback=|| view! { <p class="loading" role="status">{use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! {
                        <Title text=format!("{} — {}", detail.row.login, list_title(use_locale(), ListKind::Resellers)) />
                        <h1>{account_heading(use_locale(), ListKind::Resellers, &detail.row.login)}</h1>
                        <AccountFormView kind=ListKind::Resellers detail=Some(detail) />
                    }.into_any(),
                    Err(error) => view! {
                        <h1>{list_title(use_locale(), ListKind::Resellers)}</h1>
                        <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p>
                        <p><a href="/resellers">{use_accounts_texts().back_to_resellers}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
