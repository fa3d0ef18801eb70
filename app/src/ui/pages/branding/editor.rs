//! The brand form: name, colours (with their contrast worked out as they
//! are typed), contact, footer, a reseller's host names, and the logo.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

use super::preview::BrandPreview;
use crate::api::branding::{get_brand_settings, remove_logo, save_brand};
use crate::domain::branding::{BrandForm, Colour, TEXT_ON_BRAND, contrast_ratio};
use crate::error::AppError;
use crate::model::BrandSettings;
use crate::ui::components::field::{BoundField, field_error, form_error};
use crate::ui::components::layout::go_to;
use crate::ui::i18n::pages::{self, branding_of, pick_colour, server_brand_named, use_pages_texts};
use crate::ui::i18n::{use_locale, use_texts};

const FIELDS: &[&str] = &[
    "name",
    "primary",
    "accent",
    "contact_email",
    "contact_url",
    "footer",
    "hosts",
];

/// The form's values as they are being edited.
#[derive(Clone, Copy)]
pub struct Draft {
    pub custom: RwSignal<bool>,
    pub name: RwSignal<String>,
    pub primary: RwSignal<String>,
    pub accent: RwSignal<String>,
    pub contact_email: RwSignal<String>,
    pub contact_url: RwSignal<String>,
    pub footer: RwSignal<String>,
    pub hosts: RwSignal<String>,
    pub logo: RwSignal<Option<String>>,
}

impl Draft {
    fn of(settings: &BrandSettings) -> Self {
        let form = &settings.form;
        Draft {
            custom: RwSignal::new(settings.custom || settings.reseller.is_none()),
            name: RwSignal::new(form.name.clone()),
            primary: RwSignal::new(form.primary.clone()),
            accent: RwSignal::new(form.accent.clone()),
            contact_email: RwSignal::new(form.contact_email.clone()),
            contact_url: RwSignal::new(form.contact_url.clone()),
            footer: RwSignal::new(form.footer.clone()),
            hosts: RwSignal::new(settings.hosts.join("\n")),
            logo: RwSignal::new(settings.logo.clone()),
        }
    }

    fn form(&self) -> BrandForm {
        BrandForm {
            name: self.name.get_untracked(),
            primary: self.primary.get_untracked(),
            accent: self.accent.get_untracked(),
            contact_email: self.contact_email.get_untracked(),
            contact_url: self.contact_url.get_untracked(),
            footer: self.footer.get_untracked(),
        }
    }
}

#[component]
pub fn BrandEditor(of: Signal<String>) -> impl IntoView {
    let settings = Resource::new(move || of.get(), get_brand_settings);
    let (t, frame) = (use_pages_texts(), use_texts());
    view! {
        <Title text=t.branding />
        <Suspense fallback=move || view! { <p class="loading" role="status">{frame.loading}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <Editor settings /> }.into_any(),
                    Err(error) => view! {
                        <h1>{t.branding}</h1>
                        <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(settings: BrandSettings) -> impl IntoView {
    let draft = Draft::of(&settings);
    let of = settings.of.clone();
    let for_reseller = settings.reseller.is_some();
    let locale = use_locale();
    let t = use_pages_texts();
    let heading = match &settings.reseller {
        Some(login) => branding_of(locale, login),
        None => t.branding_server.to_owned(),
    };
    let path = use_location().pathname;
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let save = Action::new(
        move |(of, custom, form, hosts): &(String, bool, BrandForm, String)| {
            let (of, custom, form, hosts) = (of.clone(), *custom, form.clone(), hosts.clone());
            async move { save_brand(of, custom, form, hosts).await }
        },
    );
    // A full load: the header, colours and title are the server's work.
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            go_to(&format!("{}?saved=1", path.get_untracked()));
        }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let general = form_error(error, FIELDS);
    let submit = {
        let of = of.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch((
                of.clone(),
                draft.custom.get_untracked(),
                draft.form(),
                draft.hosts.get_untracked(),
            ));
        }
    };
    let locked = Signal::derive(move || !draft.custom.get());
    let inherited = settings.inherited.name.clone();
    view! {
        <div class="page-head">
            <h1>{heading}</h1>
        </div>
        {saved.then(|| view! { <p class="notice-box" role="status">{t.brand_saved}</p> })}
        <div class="branding-layout">
            <section class="card" aria-labelledby="brand-form-title">
                <h2 id="brand-form-title">{t.brand}</h2>
                <form class="stack brand-form" novalidate=true on:submit=submit>
                    {for_reseller.then(|| view! {
                        <fieldset class="choice">
                            <legend>{t.which_brand}</legend>
                            <div class="check">
                                <input id="brand-inherit" type="radio" name="custom" value="false"
                                    prop:checked=move || !draft.custom.get()
                                    on:change=move |_| draft.custom.set(false) />
                                <label for="brand-inherit">{server_brand_named(locale, &inherited)}</label>
                            </div>
                            <div class="check">
                                <input id="brand-custom" type="radio" name="custom" value="true"
                                    prop:checked=move || draft.custom.get()
                                    on:change=move |_| draft.custom.set(true) />
                                <label for="brand-custom">{t.own_brand}</label>
                            </div>
                        </fieldset>
                    })}
                    <BoundField name="name" label=t.panel_name value=draft.name maxlength=40 disabled=locked
                        hint=t.panel_name_hint error=field_error(error, "name") />
                    <div class="two-col">
                        <ColourField name="primary" label=t.primary_colour value=draft.primary disabled=locked
                            error=field_error(error, "primary") />
                        <ColourField name="accent" label=t.accent_colour value=draft.accent disabled=locked
                            error=field_error(error, "accent") />
                    </div>
                    <div class="two-col">
                        <BoundField name="contact_email" label=t.support_email kind="email" value=draft.contact_email
                            disabled=locked error=field_error(error, "contact_email") />
                        <BoundField name="contact_url" label=t.support_url kind="url" value=draft.contact_url
                            disabled=locked hint="https://…" error=field_error(error, "contact_url") />
                    </div>
                    <BoundField name="footer" label=t.footer_line value=draft.footer maxlength=200 disabled=locked
                        hint=t.footer_hint error=field_error(error, "footer") />
                    {for_reseller.then(|| view! { <HostsField hosts=draft.hosts error=field_error(error, "hosts") /> })}
                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>{move || general.get()}</p>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || save.pending().get()>
                            {move || if save.pending().get() { t.saving } else { t.save_brand }}
                        </button>
                    </div>
                </form>
                {(!for_reseller).then(|| view! { <ServerHosts hosts=settings.server_hosts.clone() /> })}
            </section>
            <section class="card" aria-labelledby="brand-preview-title">
                <h2 id="brand-preview-title">{t.preview}</h2>
                <BrandPreview draft />
            </section>
        </div>
        <LogoSection of draft saved_custom=settings.custom || !for_reseller />
    }
}

/// A colour as `#rrggbb`, with a picker, a swatch and its contrast with
/// white text worked out as it is typed.
#[component]
fn ColourField(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    let locale = use_locale();
    let t = use_pages_texts();
    let contrast = move || match Colour::parse(&value.get()) {
        Some(colour) => pages::contrast(locale, contrast_ratio(colour, TEXT_ON_BRAND)),
        None => t.colour_format.to_owned(),
    };
    let picker = move || {
        Colour::parse(&value.get())
            .map(Colour::hex)
            .unwrap_or_else(|| "#000000".into())
    };
    view! {
        <div class="field colour-field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>{contrast}</p>
            <div class="colour-row">
                <input id=id.clone() name=name type="text" bind:value=value
                    autocomplete="off" spellcheck="false"
                    disabled=move || disabled.get()
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described />
                <input type="color" class="colour-picker" aria-label=pick_colour(locale, label)
                    prop:value=picker
                    disabled=move || disabled.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
            <p class="error" id=error_id role="alert" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn HostsField(
    hosts: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_pages_texts();
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for="field-hosts">{t.host_names}</label>
            <p class="hint" id="field-hosts-hint">{t.host_names_hint}</p>
            <textarea id="field-hosts" name="hosts" rows="3" spellcheck="false"
                prop:value=move || hosts.get()
                on:input=move |ev| hosts.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby="field-hosts-hint field-hosts-error"></textarea>
            <p class="error" id="field-hosts-error" role="alert" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// The server's own host names come from its settings, not from here.
#[component]
fn ServerHosts(hosts: Vec<String>) -> impl IntoView {
    let t = use_pages_texts();
    view! {
        <div class="server-hosts">
            <h3>{t.server_host_names}</h3>
            {if hosts.is_empty() {
                view! { <p class="hint">{t.server_hosts_none}</p> }.into_any()
            } else {
                view! {
                    <ul>{hosts.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                    <p class="hint">{t.server_hosts_set}</p>
                }.into_any()
            }}
        </div>
    }
}

/// The logo: the current one, an upload and a removal. A reseller that
/// inherits the server's brand has none of its own until it saves one.
#[component]
fn LogoSection(of: String, draft: Draft, saved_custom: bool) -> impl IntoView {
    let t = use_pages_texts();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let upload = {
        let of = of.clone();
        move |_| {
            error.set(None);
            let Some(file) = chosen_file(file_input) else {
                error.set(Some(t.choose_image_first.into()));
                return;
            };
            busy.set(true);
            let of = of.clone();
            leptos::task::spawn_local(async move {
                match send_logo(&of, file).await {
                    Ok(_) => go_to(&format!("{}?saved=1", current_path())),
                    Err(refusal) => {
                        busy.set(false);
                        error.set(Some(crate::ui::i18n::refusals::localized(&refusal)));
                    }
                }
            });
        }
    };
    let remove = Action::new(move |of: &String| {
        let of = of.clone();
        async move { remove_logo(of).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => go_to(&format!("{}?saved=1", current_path())),
        Some(Err(refusal)) => error.set(Some(crate::ui::i18n::refusals::localized(&refusal))),
        None => {}
    });
    view! {
        <section class="card logo-section" aria-labelledby="logo-title">
            <h2 id="logo-title">{t.logo}</h2>
            {move || match draft.logo.get() {
                Some(src) => view! { <img class="logo-current" src=src alt=t.current_logo /> }.into_any(),
                None => view! { <p class="hint">{t.no_logo}</p> }.into_any(),
            }}
            {if saved_custom {
                let of = of.clone();
                view! {
                    <div class="field" class:invalid=move || error.get().is_some()>
                        <label for="field-logo">{t.new_logo}</label>
                        <p class="hint" id="field-logo-hint">{t.new_logo_hint}</p>
                        <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp"
                            node_ref=file_input aria-describedby="field-logo-hint field-logo-error" />
                        <p class="error" id="field-logo-error" role="alert" aria-live="polite">{move || error.get()}</p>
                    </div>
                    <div class="form-actions">
                        <button type="button" class="button primary" disabled=move || busy.get() on:click=upload>
                            {move || if busy.get() { t.uploading } else { t.upload_logo }}
                        </button>
                        {move || draft.logo.get().is_some().then(|| {
                            let of = of.clone();
                            view! {
                                <button type="button" class="button secondary"
                                    disabled=move || remove.pending().get()
                                    on:click=move |_| { remove.dispatch(of.clone()); }>
                                    {t.remove_logo}
                                </button>
                            }
                        })}
                    </div>
                }.into_any()
            } else {
                view! { <p class="hint">{t.own_brand_for_logo}</p> }.into_any()
            }}
        </section>
    }
}

fn current_path() -> String {
    #[cfg(feature = "hydrate")]
    if let Some(path) = web_sys::window().and_then(|w| w.location().pathname().ok()) {
        return path;
    }
    "/branding".into()
}

#[cfg(feature = "hydrate")]
type ChosenFile = send_wrapper::SendWrapper<web_sys::File>;
#[cfg(not(feature = "hydrate"))]
type ChosenFile = ();

#[cfg(feature = "hydrate")]
fn chosen_file(input: NodeRef<leptos::html::Input>) -> Option<ChosenFile> {
    let file = input.get_untracked()?.files()?.get(0)?;
    Some(send_wrapper::SendWrapper::new(file))
}

#[cfg(not(feature = "hydrate"))]
fn chosen_file(_input: NodeRef<leptos::html::Input>) -> Option<ChosenFile> {
    None
}

/// Sends the file as the request body; the answer is the new logo's URL or
/// the refusal, as the server functions give it.
#[cfg(feature = "hydrate")]
async fn send_logo(of: &str, file: ChosenFile) -> Result<String, AppError> {
    #[derive(serde::Deserialize)]
    struct Uploaded {
        url: String,
    }
    let of: String = of.chars().filter(char::is_ascii_alphanumeric).collect();
    let file = file.take();
    let transport = |e: gloo_net::Error| AppError::Transport(e.to_string());
    let response = gloo_net::http::Request::post(&format!("/api/branding/logo?of={of}"))
        .header("content-type", &file.type_())
        .body(file)
        .map_err(transport)?
        .send()
        .await
        .map_err(transport)?;
    if response.ok() {
        return response
            .json::<Uploaded>()
            .await
            .map(|u| u.url)
            .map_err(transport);
    }
    match response.json::<AppError>().await {
        Ok(refusal) => Err(refusal),
        Err(_) => Err(AppError::Transport(format!("status {}", response.status()))),
    }
}

#[cfg(not(feature = "hydrate"))]
async fn send_logo(_of: &str, _file: ChosenFile) -> Result<String, AppError> {
    Err(AppError::Transport("uploads need the page's script".into()))
}
