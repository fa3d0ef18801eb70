use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::users::{get_user, user_pool};
use crate::ui::components::account_form::AccountFormView;
use crate::ui::components::account_kind::ListKind;
use crate::ui::i18n::accounts::{account_heading, add_account, list_title, use_accounts_texts};
use crate::ui::i18n::{use_locale, use_texts};

#[component]
pub fn NewUserPage() -> impl IntoView {
    let pool = Resource::new(|| (), |_| user_pool(None));
    view! {
        <Title text=add_account(use_locale(), ListKind::Users) />
        <h1>{add_account(use_locale(), ListKind::Users)}</h1>
        <Suspense fallback=|| view! { <p class="loading" role="status">{use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match pool.await {
                    Ok(pool) => view! { <AccountFormView kind=ListKind::Users detail=None pool /> }.into_any(),
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditUserPage() -> impl IntoView {
    let params = use_params_map();
    let form = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id| async move {
            let detail = get_user(id.clone()).await?;
            let pool = user_pool(Some(id)).await?;
            Ok::<_, crate::error::AppError>((detail, pool))
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok((detail, pool)) => view! {
                        <Title text=format!("{} — {}", detail.row.login, list_title(use_locale(), ListKind::Users)) />
                        <h1>{account_heading(use_locale(), ListKind::Users, &detail.row.login)}</h1>
                        <AccountFormView kind=ListKind::Users detail=Some(detail) pool />
                    }.into_any(),
                    Err(error) => view! {
                        <h1>{list_title(use_locale(), ListKind::Users)}</h1>
                        <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p>
                        <p><a href="/users">{use_accounts_texts().back_to_users}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
