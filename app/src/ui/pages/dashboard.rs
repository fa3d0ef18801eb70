use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::dashboard::dashboard_summary;
use crate::domain::{Feature, Limit};
use crate::model::{AccountOverview, Dashboard};
use crate::ui::components::amount::{Allocated, LimitMib, Mib};
use crate::ui::i18n::accounts::{brand_support, use_accounts_texts};
use crate::ui::i18n::{frame, use_locale};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| dashboard_summary());
    let t = use_accounts_texts();
    let loading = frame::use_texts().loading;
    view! {
        <Title text=t.dashboard />
        <h1>{t.dashboard}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(Dashboard::Admin { resellers, users }) => view! {
                        <div class="tiles">
                            <section class="tile" aria-labelledby="tile-resellers">
                                <h2 id="tile-resellers">{frame::use_texts().nav_resellers}</h2>
                                <p class="figure">{resellers}</p>
                            </section>
                            <section class="tile" aria-labelledby="tile-users">
                                <h2 id="tile-users">{t.users}</h2>
                                <p class="figure">{users}</p>
                            </section>
                        </div>
                    }.into_any(),
                    Ok(Dashboard::Reseller(me)) => view! { <Pool me reseller=true /> }.into_any(),
                    Ok(Dashboard::User(me)) => view! { <Pool me reseller=false /> <SupportContact /> }.into_any(),
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An account's own limits, what it has handed out and used, and its properties.
#[component]
fn Pool(me: AccountOverview, reseller: bool) -> impl IntoView {
    let t = use_accounts_texts();
    let frame = frame::use_texts();
    let users_row = reseller.then(|| {
        view! {
            <tr>
                <th scope="row">{t.users}</th>
                <td data-label=t.allocated_to_users>{me.allocation.users}</td>
                <td data-label=t.used>{me.allocation.users}</td>
                <td data-label=t.limit>{me.limits.users.to_string()}</td>
            </tr>
        }
    });
    let allocation = me.allocation;
    view! {
        <section class="card">
            <h2>{t.resources}</h2>
            <div class="table-scroll">
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{t.resource}</th>
                            {reseller.then(|| view! { <th scope="col">{t.allocated_to_users}</th> })}
                            <th scope="col">{t.used}</th>
                            <th scope="col">{t.limit}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {users_row}
                        <AmountRow
                            name=t.disk
                            allocated=reseller.then_some((allocation.disk_mib, allocation.disk_unlimited))
                            used=me.used_disk_mib
                            limit=me.limits.disk_mib
                        />
                        <AmountRow
                            name=t.traffic_per_month
                            allocated=reseller.then_some((allocation.traffic_mib, allocation.traffic_unlimited))
                            used=me.used_traffic_mib
                            limit=me.limits.traffic_mib
                        />
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card">
            <h2>{t.properties}</h2>
            <ul class="feature-list">
                {Feature::ALL
                    .into_iter()
                    .map(|f| {
                        let on = me.features.has(f);
                        view! {
                            <li class:on=on>
                                <span aria-hidden="true">{if on { "✓ " } else { "✗ " }}</span>
                                {frame.feature(f)}
                                <span class="visually-hidden">{if on { t.on_suffix } else { t.off_suffix }}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        {me.owner_login.map(|owner| {
            let contact = me.owner_email.map(|email| {
                let mailto = format!("mailto:{email}");
                view! { " — " <a href=mailto>{email}</a> }
            });
            view! {
                <section class="card">
                    <h2>{t.your_provider}</h2>
                    <p>{t.provided_by} <strong>{owner}</strong> {contact}</p>
                </section>
            }
        })}
    }
}

/// One amount resource of the Resources table; `allocated` (sum, unlimited
/// users) only for a reseller.
#[component]
fn AmountRow(
    name: &'static str,
    allocated: Option<(u64, u64)>,
    used: u64,
    limit: Limit,
) -> impl IntoView {
    let t = use_accounts_texts();
    view! {
        <tr>
            <th scope="row">{name}</th>
            {allocated.map(|(mib, unlimited)| view! {
                <td data-label=t.allocated_to_users><Allocated mib unlimited /></td>
            })}
            <td data-label=t.used><Mib mib=used /></td>
            <td data-label=t.limit><LimitMib limit /></td>
        </tr>
    }
}

/// Where a user turns for help: its provider's contact, from the brand.
#[component]
fn SupportContact() -> impl IntoView {
    let brand = crate::ui::brand::use_brand();
    let (t, locale) = (use_accounts_texts(), use_locale());
    brand.has_contact().then(|| {
        view! {
            <section class="card support-contact" aria-labelledby="support-contact">
                <h2 id="support-contact">{t.need_help}</h2>
                <p>
                    {brand_support(locale, &brand.name)}
                    ": "
                    <crate::ui::brand::ContactLinks brand=brand.clone() />
                </p>
            </section>
        }
    })
}
