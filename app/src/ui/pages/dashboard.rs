use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::dashboard::dashboard_summary;
use crate::domain::{Feature, Limit};
use crate::model::{AccountOverview, Dashboard};
use crate::ui::components::amount::{Allocated, LimitMib, Mib};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| dashboard_summary());
    view! {
        <Title text="Dashboard" />
        <h1>"Dashboard"</h1>
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(Dashboard::Admin { resellers, users }) => view! {
                        <div class="tiles">
                            <section class="tile" aria-labelledby="tile-resellers">
                                <h2 id="tile-resellers">"Resellers"</h2>
                                <p class="figure">{resellers}</p>
                            </section>
                            <section class="tile" aria-labelledby="tile-users">
                                <h2 id="tile-users">"Users"</h2>
                                <p class="figure">{users}</p>
                            </section>
                        </div>
                    }.into_any(),
                    Ok(Dashboard::Reseller(me)) => view! { <Pool me reseller=true /> }.into_any(),
                    Ok(Dashboard::User(me)) => view! { <Pool me reseller=false /> <SupportContact /> }.into_any(),
                    Err(error) => view! { <p class="error-box" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An account's own limits, what it has handed out and used, and its properties.
#[component]
fn Pool(me: AccountOverview, reseller: bool) -> impl IntoView {
    let users_row = reseller.then(|| {
        view! {
            <tr>
                <th scope="row">"Users"</th>
                <td data-label="Allocated to users">{me.allocation.users}</td>
                <td data-label="Used">{me.allocation.users}</td>
                <td data-label="Limit">{me.limits.users.to_string()}</td>
            </tr>
        }
    });
    let allocation = me.allocation;
    view! {
        <section class="card">
            <h2>"Resources"</h2>
            <div class="table-scroll">
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">"Resource"</th>
                            {reseller.then(|| view! { <th scope="col">"Allocated to users"</th> })}
                            <th scope="col">"Used"</th>
                            <th scope="col">"Limit"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {users_row}
                        <AmountRow
                            name="Disk"
                            allocated=reseller.then_some((allocation.disk_mib, allocation.disk_unlimited))
                            used=me.used_disk_mib
                            limit=me.limits.disk_mib
                        />
                        <AmountRow
                            name="Traffic (per month)"
                            allocated=reseller.then_some((allocation.traffic_mib, allocation.traffic_unlimited))
                            used=me.used_traffic_mib
                            limit=me.limits.traffic_mib
                        />
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card">
            <h2>"Properties"</h2>
            <ul class="feature-list">
                {Feature::ALL
                    .into_iter()
                    .map(|f| {
                        let on = me.features.has(f);
                        view! {
                            <li class:on=on>
                                <span aria-hidden="true">{if on { "✓ " } else { "✗ " }}</span>
                                {f.label()}
                                <span class="visually-hidden">{if on { ": on" } else { ": off" }}</span>
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
                    <h2>"Your provider"</h2>
                    <p>"Provided by " <strong>{owner}</strong> {contact}</p>
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
    view! {
        <tr>
            <th scope="row">{name}</th>
            {allocated.map(|(mib, unlimited)| view! {
                <td data-label="Allocated to users"><Allocated mib unlimited /></td>
            })}
            <td data-label="Used"><Mib mib=used /></td>
            <td data-label="Limit"><LimitMib limit /></td>
        </tr>
    }
}

/// Where a user turns for help: its provider's contact, from the brand.
#[component]
fn SupportContact() -> impl IntoView {
    let brand = crate::ui::brand::use_brand();
    brand.has_contact().then(|| {
        view! {
            <section class="card support-contact" aria-labelledby="support-contact">
                <h2 id="support-contact">"Need help?"</h2>
                <p>
                    {format!("{} support", brand.name)}
                    ": "
                    <crate::ui::brand::ContactLinks brand=brand.clone() />
                </p>
            </section>
        }
    })
}
