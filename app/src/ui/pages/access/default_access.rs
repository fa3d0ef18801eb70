//! The admin's Default access page: the functions new resellers and new
//! users are granted when they are created.

use leptos::prelude::*;
use leptos_meta::Title;

use super::checks::{Group, MenuPreview, ModuleChecks, groups, requested, tick_only, ticked};
use crate::api::access::{RoleDefaults, default_access, set_default_access};
use crate::domain::Role;
use crate::domain::access::{Access, effective};
use crate::error::AppError;
use crate::ui::components::field::{field_error, form_error};
use crate::ui::i18n::pages::{
    a_new, defaults_form_label, defaults_intro, new_accounts, save_defaults, use_pages_texts,
};
use crate::ui::i18n::{use_locale, use_texts};

#[component]
pub fn DefaultAccessPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| default_access());
    let (t, frame) = (use_pages_texts(), use_texts());
    view! {
        <Title text=t.default_access />
        <h1>{t.default_access}</h1>
        <p class="hint access-intro">{t.default_access_intro}</p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{frame.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view
                        .roles
                        .into_iter()
                        .map(|defaults| view! { <RoleDefaultsForm defaults /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The ids' prefix of a role's form: "resellers".
fn prefix_of(role: Role) -> &'static str {
    match role {
        Role::Reseller => "resellers",
        _ => "users",
    }
}

#[component]
fn RoleDefaultsForm(defaults: RoleDefaults) -> impl IntoView {
    let RoleDefaults {
        role,
        saved,
        modules,
    } = defaults;
    let locale = use_locale();
    let t = use_pages_texts();
    let prefix = prefix_of(role);
    let title = new_accounts(locale, role);
    let groups: Vec<Group> = groups(&modules, locale, |_| None);
    let everything: Vec<String> = Access::everything_for(role).keys();
    let saved = RwSignal::new(saved);
    let save = Action::new(move |keys: &Vec<String>| {
        let keys = keys.clone();
        async move { set_default_access(role, keys).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            saved.set(true);
        }
    });
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let general = form_error(error, &["functions"]);
    let functions_error = field_error(error, "functions");
    let outcome = move || match save.value().get() {
        Some(Ok(true)) => Some(t.defaults_saved),
        Some(Ok(false)) => Some(t.nothing_changed),
        _ => None,
    };
    let preview = {
        let groups = groups.clone();
        Signal::derive(move || effective(role, &ticked(&groups), None))
    };
    let submit = {
        let groups = groups.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch(requested(&groups));
        }
    };
    let allow_all = {
        let groups = groups.clone();
        move |_| tick_only(&groups, &everything)
    };
    let heading_id = format!("{prefix}-defaults-heading");
    let labelled_by = heading_id.clone();
    let error_id = format!("{prefix}-functions-error");
    view! {
        <section class="access-role" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="hint access-intro">
                {move || defaults_intro(locale, role, saved.get())}
            </p>
            <div class="access-layout">
                <form class="card access-form" on:submit=submit novalidate=true aria-label=defaults_form_label(locale, role)>
                    {groups
                        .into_iter()
                        .map(|group| view! { <ModuleChecks group prefix /> })
                        .collect_view()}
                    <p class="error" id=error_id role="alert">{move || functions_error.get()}</p>
                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                        {move || general.get()}
                    </p>
                    <p class="notice" role="status" hidden=move || outcome().is_none()>{outcome}</p>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || save.pending().get()>
                            {move || if save.pending().get() { t.saving.to_owned() } else { save_defaults(locale, role) }}
                        </button>
                        <button type="button" class="button secondary" on:click=allow_all>
                            {t.allow_everything}
                        </button>
                    </div>
                </form>
                <MenuPreview role rights=preview login=a_new(locale, role).to_owned() prefix />
            </div>
        </section>
    }
}
