//! A reseller's or a user's Access page: the functions it was granted, module
//! by module, and the menu they give it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::checks::{Group, MenuPreview, ModuleChecks, groups, requested, tick_only, ticked};
use crate::api::access::{
    AccessView, FunctionAccess, reseller_access, set_reseller_access, set_user_access, user_access,
};
use crate::domain::Role;
use crate::domain::access::{Access, effective};
use crate::domain::locale::Locale;
use crate::error::AppError;
use crate::ui::components::field::{field_error, form_error};
use crate::ui::i18n::pages::{
    access_form_label, access_intro, texts_in, use_pages_texts, withheld_by,
};
use crate::ui::i18n::{use_locale, use_texts};

#[component]
pub fn ResellerAccessPage() -> impl IntoView {
    view! { <AccountAccessPage role=Role::Reseller /> }
}

#[component]
pub fn UserAccessPage() -> impl IntoView {
    view! { <AccountAccessPage role=Role::User /> }
}

/// Where the page's account is listed.
fn list_of(role: Role) -> &'static str {
    if role == Role::Reseller {
        "/resellers"
    } else {
        "/users"
    }
}

/// A save's answer: whether anything changed.
type Save = Action<(String, Vec<String>), Result<bool, AppError>>;

#[component]
fn AccountAccessPage(role: Role) -> impl IntoView {
    let params = use_params_map();
    // Owned by the page, not the form: the form is rebuilt from what was
    // stored after a save, and the outcome stays on show.
    let save: Save = Action::new(move |(id, keys): &(String, Vec<String>)| {
        let (id, keys) = (id.clone(), keys.clone());
        async move {
            match role {
                Role::Reseller => set_reseller_access(id, keys).await,
                _ => set_user_access(id, keys).await,
            }
        }
    });
    // Re-read after a save that changed something; a refusal keeps the form
    // as the caller left it.
    let saves = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(true)) = save.value().get() {
            saves.update(|n| *n += 1);
        }
    });
    let page = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), saves.get()),
        move |(id, _)| async move {
            match role {
                Role::Reseller => reseller_access(id).await,
                _ => user_access(id).await,
            }
        },
    );
    let (t, frame) = (use_pages_texts(), use_texts());
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{frame.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <AccessForm view save /> }.into_any(),
                    Err(error) => view! {
                        <Title text=t.access />
                        <h1>{t.access}</h1>
                        <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p>
                        <p><a href=list_of(role)>{t.back_to_list}</a></p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Why a function's box is locked or has no effect.
fn note(locale: Locale, function: &FunctionAccess) -> Option<String> {
    let mut notes = Vec::new();
    if !function.grantable {
        notes.push(texts_in(locale).cannot_change.to_owned());
    }
    if let Some(owner) = &function.withheld_by {
        notes.push(withheld_by(locale, owner));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

#[component]
fn AccessForm(view: AccessView, save: Save) -> impl IntoView {
    let AccessView {
        id,
        login,
        role,
        owner_login,
        modules,
        defaults,
        owner_rights,
    } = view;
    let locale = use_locale();
    let t = use_pages_texts();
    let groups: Vec<Group> = groups(&modules, locale, |f| note(locale, f));
    let owner_rights = owner_rights.map(|keys| Access::from_keys(keys.iter().map(String::as_str)));
    let under_reseller = owner_rights.is_some();
    let preview = {
        let groups = groups.clone();
        Signal::derive(move || effective(role, &ticked(&groups), owner_rights.as_ref()))
    };
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let general = form_error(error, &["functions"]);
    let functions_error = field_error(error, "functions");
    let outcome = move || match save.value().get() {
        Some(Ok(true)) => Some(t.access_saved),
        Some(Ok(false)) => Some(t.nothing_changed),
        _ => None,
    };
    let submit = {
        let groups = groups.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch((id.clone(), requested(&groups)));
        }
    };
    let reset = {
        let groups = groups.clone();
        move |_| tick_only(&groups, &defaults)
    };
    let base = list_of(role);
    let intro = access_intro(
        locale,
        role,
        owner_login.as_deref().filter(|_| under_reseller),
    );
    view! {
        <Title text=format!("{}{login}", t.access_title_prefix) />
        <h1 class="access-title">{t.access_title_prefix} {login.clone()}</h1>
        <p class="hint access-intro">{intro}</p>
        <div class="access-layout">
            <form class="card access-form" on:submit=submit novalidate=true aria-label=access_form_label(locale, &login)>
                {groups
                    .into_iter()
                    .map(|group| view! { <ModuleChecks group prefix="access" /> })
                    .collect_view()}
                <p class="error" id="access-functions-error" role="alert">
                    {move || functions_error.get()}
                </p>
                <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get()}
                </p>
                <p class="notice" role="status" hidden=move || outcome().is_none()>{outcome}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { t.saving } else { t.save }}
                    </button>
                    <button type="button" class="button secondary" on:click=reset>
                        {t.reset_to_defaults}
                    </button>
                    <a class="button secondary" href=base>{t.back_to_list}</a>
                </div>
                <p class="hint">{t.reset_to_defaults_hint}</p>
            </form>
            <MenuPreview role rights=preview login=login.clone() prefix="access" />
        </div>
    }
}
