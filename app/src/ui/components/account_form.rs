//! The add/edit form of an account: a reseller (with its pool) or a user
//! (drawing from its owner's pool).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

use super::account_badges::StateBadge;
use super::account_kind::ListKind;
use super::field::{BoundField, CheckField, LimitField, field_error, form_error};
use crate::api::resellers::{create_reseller, update_reseller};
use crate::api::users::{create_user, update_user};
use crate::domain::form::AccountForm;
use crate::domain::limits::format_mib_exactly_in;
use crate::domain::locale::Locale;
use crate::domain::pool::Allocation;
use crate::domain::{Feature, Features, Limit, Limits};
use crate::error::AppError;
use crate::model::{AccountDetail, PoolView};
use crate::ui::i18n::accounts::{
    add_account, only_owner_properties, pool_allocated_oversell, pool_left, pool_summary, texts_in,
};
use crate::ui::i18n::{frame, use_locale};

/// "100 MiB left of 500 MiB" under a user's limit field.
fn pool_hint(
    locale: Locale,
    limit: Limit,
    allocated_to_others: u64,
    oversell: bool,
) -> Option<String> {
    let Limit::Finite(max) = limit else {
        return Some(texts_in(locale).pool_unlimited.into());
    };
    let left = max.saturating_sub(allocated_to_others);
    let exactly = |mib| format_mib_exactly_in(locale, mib);
    Some(if oversell {
        pool_allocated_oversell(locale, &exactly(allocated_to_others), &exactly(max))
    } else {
        pool_left(locale, &exactly(left), &exactly(max))
    })
}

/// An account form refused after a plain post (no WebAssembly yet): what was
/// typed, passwords left out, and why it was refused.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefusedAccountForm {
    pub form: AccountForm,
    pub error: AppError,
}

/// The form as an account's saved settings fill it, or a new account's defaults.
fn form_of(detail: Option<&AccountDetail>, grantable: Features) -> AccountForm {
    let Some(detail) = detail else {
        return AccountForm {
            features: Features {
                php: true,
                https: true,
                ..Default::default()
            }
            .intersect(&grantable),
            enabled: true,
            ..Default::default()
        };
    };
    let limits = detail.row.limits;
    AccountForm {
        login: detail.row.login.clone(),
        email: detail.email.clone().unwrap_or_default(),
        comment: detail.comment.clone(),
        users: limits.users.input_value(),
        users_unlimited: limits.users.is_unlimited(),
        disk_mib: limits.disk_mib.input_value(),
        disk_unlimited: limits.disk_mib.is_unlimited(),
        traffic_mib: limits.traffic_mib.input_value(),
        traffic_unlimited: limits.traffic_mib.is_unlimited(),
        features: detail.row.features,
        oversell: detail.oversell,
        enabled: detail.enabled,
        ..Default::default()
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
pub fn AccountFormView(
    kind: ListKind,
    detail: Option<AccountDetail>,
    /// For a user: the pool it draws from.
    #[prop(optional)]
    pool: Option<PoolView>,
) -> impl IntoView {
    let editing = detail.is_some();
    let reseller = kind == ListKind::Resellers;
    let base = kind.base();
    let id = detail.as_ref().map(|d| d.id.clone());
    // A form posted before the WebAssembly ran and refused: the server
    // renders it again with what was typed, and the browser hydrates the same.
    let refused = SharedValue::new(use_context::<RefusedAccountForm>).into_inner();
    let grantable = pool.as_ref().map_or(Features::ALL, |p| p.features);
    let typed = match &refused {
        Some(refused) => refused.form.clone(),
        None => form_of(detail.as_ref(), grantable),
    };
    let text = |value: &str| RwSignal::new(value.to_owned());
    // The login of an account being edited is not posted (its box is disabled).
    let login = text(detail.as_ref().map_or(&typed.login, |d| &d.row.login));
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let email = text(&typed.email);
    let comment = text(&typed.comment);
    let users = text(&typed.users);
    let users_unlimited = RwSignal::new(typed.users_unlimited);
    let disk = text(&typed.disk_mib);
    let disk_unlimited = RwSignal::new(typed.disk_unlimited);
    let traffic = text(&typed.traffic_mib);
    let traffic_unlimited = RwSignal::new(typed.traffic_unlimited);
    let feature_signals: Vec<(Feature, RwSignal<bool>)> = Feature::ALL
        .into_iter()
        .map(|f| (f, RwSignal::new(typed.features.has(f))))
        .collect();
    let oversell = RwSignal::new(typed.oversell);
    let enabled = RwSignal::new(typed.enabled);
    let revoke_from_users = RwSignal::new(typed.revoke_from_users);

    let signals_for_submit = feature_signals.clone();
    let save = Action::new(move |form: &AccountForm| {
        let (form, id) = (form.clone(), id.clone());
        async move {
            match (id, reseller) {
                (Some(id), true) => update_reseller(id, form).await,
                (None, true) => create_reseller(form).await.map(|_| ()),
                (Some(id), false) => update_user(id, form).await,
                (None, false) => create_user(form).await.map(|_| ()),
            }
        }
    });
    let refusal = refused.map(|r| r.error);
    let error: Signal<Option<AppError>> = Signal::derive(move || match save.value().get() {
        Some(result) => result.err(),
        None => refusal.clone(),
    });
    let general = form_error(error, FIELDS);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            navigate(base, Default::default());
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
    let suspended_by = detail.as_ref().and_then(|d| d.row.suspended_by.clone());
    let locale = use_locale();
    let t = texts_in(locale);
    let feature_label = |feature: Feature| frame::use_texts().feature(feature);
    let add_label = add_account(locale, kind);
    let current = detail.as_ref().map(|d| d.row.limits);
    let hint_for = |pick: fn(&Limits) -> Limit, allocated: fn(&Allocation) -> u64| {
        pool.as_ref().and_then(|p| {
            let own = current.map(|l| pick(&l).finite().unwrap_or(0)).unwrap_or(0);
            pool_hint(
                locale,
                pick(&p.limits),
                allocated(&p.allocation).saturating_sub(own),
                p.oversell,
            )
        })
    };
    let disk_hint = hint_for(|l| l.disk_mib, |a| a.disk_mib);
    let traffic_hint = hint_for(|l| l.traffic_mib, |a| a.traffic_mib);
    let finite = |pick: fn(&Limits) -> Limit| {
        pool.as_ref()
            .is_some_and(|p| !pick(&p.limits).is_unlimited())
    };
    let disk_finite = finite(|l| l.disk_mib);
    let traffic_finite = finite(|l| l.traffic_mib);
    let pool_summary = pool.as_ref().map(|p| {
        let summary = pool_summary(
            locale,
            &p.owner_login,
            p.allocation.users,
            p.limits.users.finite(),
            p.oversell,
        );
        view! { <p class="hint">{summary}</p> }
    });
    view! {
        <form class="card account-form" method="post" on:submit=submit novalidate=true>
            {state.map(|state| view! { <p>{t.account_state}": " <StateBadge state suspended_by /></p> })}
            <fieldset>
                <legend>{t.account}</legend>
                <BoundField
                    name="login"
                    label=t.login
                    value=login
                    autocomplete="off"
                    maxlength=32
                    disabled=editing
                    hint=if editing { t.login_fixed } else { t.login_rules }
                    error=field_error(error, "login")
                />
                <div class="two-col">
                    <BoundField
                        name="password"
                        label=t.password
                        kind="password"
                        value=password
                        autocomplete="new-password"
                        hint=if editing { t.password_keep } else { t.password_rules }
                        error=field_error(error, "password")
                    />
                    <BoundField
                        name="password_confirm"
                        label=t.confirm_password
                        kind="password"
                        value=password_confirm
                        autocomplete="new-password"
                        error=field_error(error, "password_confirm")
                    />
                </div>
                <BoundField name="email" label=t.contact_email_optional kind="email" value=email autocomplete="off" error=field_error(error, "email") />
                <div class="field" class:invalid=move || field_error(error, "comment").get().is_some()>
                    <label for="field-comment">{t.comment}</label>
                    <textarea id="field-comment" name="comment" rows="2" maxlength="1000" bind:value=comment>{comment.get_untracked()}</textarea>
                    <p class="error" role="alert">{move || field_error(error, "comment").get()}</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>{t.limits}</legend>
                {pool_summary}
                <div class="three-col">
                    {reseller.then(|| view! {
                        <LimitField name="users" unlimited_name="users_unlimited" label=t.users unit=t.accounts_unit value=users unlimited=users_unlimited error=field_error(error, "users") />
                    })}
                    <LimitField
                        name="disk_mib"
                        unlimited_name="disk_unlimited"
                        label=t.disk_quota
                        unit=t.mib_unit
                        value=disk
                        unlimited=disk_unlimited
                        error=field_error(error, "disk_mib")
                        hint=disk_hint
                        no_unlimited=disk_finite
                    />
                    <LimitField
                        name="traffic_mib"
                        unlimited_name="traffic_unlimited"
                        label=t.traffic
                        unit=t.mib_per_month_unit
                        value=traffic
                        unlimited=traffic_unlimited
                        error=field_error(error, "traffic_mib")
                        hint=traffic_hint
                        no_unlimited=traffic_finite
                    />
                </div>
                {reseller.then(|| view! {
                    <CheckField name="oversell" label=t.oversell checked=oversell hint=t.oversell_hint />
                })}
            </fieldset>
            <fieldset>
                <legend>{if reseller { t.properties_of_users_domains } else { t.properties_of_domains }}</legend>
                {pool.as_ref().map(|p| view! {
                    <p class="hint">{only_owner_properties(locale, &p.owner_login)}</p>
                })}
                <div class="checks">
                    {feature_signals
                        .iter()
                        .map(|(feature, on)| {
                            // A property the owner lacks cannot be granted; one the
                            // account already has can still be taken away.
                            let locked = !grantable.has(*feature) && !on.get_untracked();
                            view! { <CheckField name=feature.key() label=feature_label(*feature) checked=*on disabled=locked /> }
                        })
                        .collect_view()}
                </div>
                <p class="error" role="alert">{move || field_error(error, "features").get()}</p>
                {(editing && reseller).then(|| view! {
                    <CheckField name="revoke_from_users" label=t.revoke_from_users checked=revoke_from_users />
                })}
            </fieldset>
            <fieldset>
                <legend>{t.account_state}</legend>
                <CheckField name="enabled" label=t.account_active checked=enabled hint=if reseller { t.active_hint_reseller } else { t.active_hint_user } />
            </fieldset>
            <p class="error-box" role="alert" hidden=move || general.get().is_none()>{move || general.get()}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { t.saving } else if editing { t.save } else { add_label }}
                </button>
                <a class="button secondary" href=base>{t.cancel}</a>
            </div>
        </form>
    }
}
