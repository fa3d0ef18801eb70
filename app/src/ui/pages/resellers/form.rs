use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::resellers::{create_reseller, get_reseller, update_reseller};
use crate::domain::form::AccountForm;
use crate::domain::{Feature, Features};
use crate::error::AppError;
use crate::model::AccountDetail;
use crate::ui::components::account_badges::StateBadge;
use crate::ui::components::field::{BoundField, CheckField, LimitField, field_error, form_error};

#[component]
pub fn NewResellerPage() -> impl IntoView {
    view! {
        <Title text="Add reseller — Trellis" />
        <h1>"Add reseller"</h1>
        <ResellerForm detail=None />
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
                        <Title text=format!("{} — Resellers — Trellis", detail.row.login) />
                        <h1>"Reseller " {detail.row.login.clone()}</h1>
                        <ResellerForm detail=Some(detail) />
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

const FIELDS: &[&str] = &[
    "login",
    "password",
    "password_confirm",
    "email",
    "comment",
    "users",
    "disk_mib",
    "traffic_mib",
    "features",
];

#[component]
fn ResellerForm(detail: Option<AccountDetail>) -> impl IntoView {
    let editing = detail.is_some();
    let id = detail.as_ref().map(|d| d.id.clone());
    let limits = detail.as_ref().map(|d| d.row.limits);
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let login = text(detail.as_ref().map(|d| d.row.login.clone()));
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let email = text(detail.as_ref().and_then(|d| d.email.clone()));
    let comment = text(detail.as_ref().map(|d| d.comment.clone()));
    let users = text(limits.map(|l| l.users.input_value()));
    let users_unlimited = RwSignal::new(limits.is_some_and(|l| l.users.is_unlimited()));
    let disk = text(limits.map(|l| l.disk_mib.input_value()));
    let disk_unlimited = RwSignal::new(limits.is_some_and(|l| l.disk_mib.is_unlimited()));
    let traffic = text(limits.map(|l| l.traffic_mib.input_value()));
    let traffic_unlimited = RwSignal::new(limits.is_some_and(|l| l.traffic_mib.is_unlimited()));
    let initial_features = detail.as_ref().map(|d| d.row.features).unwrap_or(Features {
        php: true,
        https: true,
        ..Default::default()
    });
    let feature_signals: Vec<(Feature, RwSignal<bool>)> = Feature::ALL
        .into_iter()
        .map(|f| (f, RwSignal::new(initial_features.has(f))))
        .collect();
    let oversell = RwSignal::new(detail.as_ref().is_some_and(|d| d.oversell));
    let enabled = RwSignal::new(detail.as_ref().is_none_or(|d| d.enabled));
    let revoke_from_users = RwSignal::new(false);

    let signals_for_submit = feature_signals.clone();
    let save = Action::new(move |form: &AccountForm| {
        let (form, id) = (form.clone(), id.clone());
        async move {
            match id {
                Some(id) => update_reseller(id, form).await.map(|_| ()),
                None => create_reseller(form).await.map(|_| ()),
            }
        }
    });
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let general = form_error(error, FIELDS);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            navigate("/resellers", Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut features = Features::default();
        for (feature, on) in &signals_for_submit {
            features.set(*feature, on.get_untracked());
        }
        save.dispatch(AccountForm {
            login: login.get_untracked(),
            password: password.get_untracked(),
            password_confirm: password_confirm.get_untracked(),
            email: email.get_untracked(),
            comment: comment.get_untracked(),
            users: users.get_untracked(),
            users_unlimited: users_unlimited.get_untracked(),
            disk_mib: disk.get_untracked(),
            disk_unlimited: disk_unlimited.get_untracked(),
            traffic_mib: traffic.get_untracked(),
            traffic_unlimited: traffic_unlimited.get_untracked(),
            features,
            oversell: oversell.get_untracked(),
            enabled: enabled.get_untracked(),
            revoke_from_users: revoke_from_users.get_untracked(),
        });
    };
    let state = detail.as_ref().map(|d| d.row.state);
    view! {
        <form class="card account-form" on:submit=submit novalidate=true>
            {state.map(|state| view! { <p>"State: " <StateBadge state /></p> })}
            <fieldset>
                <legend>"Account"</legend>
                <BoundField
                    name="login"
                    label="Login"
                    value=login
                    autocomplete="off"
                    maxlength=32
                    disabled=editing
                    hint=if editing { "The login cannot be changed." } else { "Lower-case letters, digits, '_' and '-'; starts with a letter; at most 32." }
                    error=field_error(error, "login")
                />
                <div class="two-col">
                    <BoundField
                        name="password"
                        label="Password"
                        kind="password"
                        value=password
                        autocomplete="new-password"
                        hint=if editing { "Leave blank to keep the current password." } else { "At least 8 characters." }
                        error=field_error(error, "password")
                    />
                    <BoundField
                        name="password_confirm"
                        label="Confirm password"
                        kind="password"
                        value=password_confirm
                        autocomplete="new-password"
                        error=field_error(error, "password_confirm")
                    />
                </div>
                <BoundField name="email" label="Contact e-mail (optional)" kind="email" value=email autocomplete="off" error=field_error(error, "email") />
                <div class="field" class:invalid=move || field_error(error, "comment").get().is_some()>
                    <label for="field-comment">"Comment"</label>
                    <textarea id="field-comment" name="comment" rows="2" maxlength="1000" bind:value=comment></textarea>
                    <p class="error" role="alert">{move || field_error(error, "comment").get()}</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Limits"</legend>
                <div class="three-col">
                    <LimitField name="users" label="Users" unit="accounts" value=users unlimited=users_unlimited error=field_error(error, "users") />
                    <LimitField name="disk_mib" label="Disk quota" unit="MiB" value=disk unlimited=disk_unlimited error=field_error(error, "disk_mib") />
                    <LimitField name="traffic_mib" label="Traffic" unit="MiB per month" value=traffic unlimited=traffic_unlimited error=field_error(error, "traffic_mib") />
                </div>
                <CheckField name="oversell" label="Overselling allowed" checked=oversell hint="its users' allocations may add up to more than its limits" />
            </fieldset>
            <fieldset>
                <legend>"Properties of its users' WWW domains"</legend>
                <div class="checks">
                    {feature_signals
                        .iter()
                        .map(|(feature, on)| view! { <CheckField name=feature.key() label=feature.label() checked=*on /> })
                        .collect_view()}
                </div>
                <p class="error" role="alert">{move || field_error(error, "features").get()}</p>
                {editing.then(|| view! {
                    <CheckField name="revoke_from_users" label="Also revoke removed properties from its users" checked=revoke_from_users />
                })}
            </fieldset>
            <fieldset>
                <legend>"State"</legend>
                <CheckField name="enabled" label="Account active" checked=enabled hint="a disabled reseller and all its users cannot log in" />
            </fieldset>
            <p class="error-box" role="alert" hidden=move || general.get().is_none()>{move || general.get()}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else if editing { "Save" } else { "Add reseller" }}
                </button>
                <a class="button secondary" href="/resellers">"Cancel"</a>
            </div>
        </form>
    }
}
