//! Ticket categories: the admin's are the server's, a reseller's sort the
//! tickets its users send it. A category any ticket used can be renamed or
//! disabled (no longer offered), never deleted.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PriorityBadge;
use crate::api::support::{CategoryView, delete_category, list_categories, save_category};
use crate::domain::locale::Locale;
use crate::domain::support::{CategoryForm, Priority};
use crate::error::AppError;
use crate::ui::components::field::{BoundField, CheckField, field_error, form_error};
use crate::ui::i18n::support::{
    SupportTexts, category_in_use, delete_category_named, edit_category_named, texts_in,
};
use crate::ui::i18n::use_locale;

const FIELDS: &[&str] = &["name", "position", "default_priority"];

/// The form's values, and which category they edit (None: a new one).
#[derive(Clone, Copy)]
struct Draft {
    editing: RwSignal<Option<String>>,
    name: RwSignal<String>,
    position: RwSignal<String>,
    enabled: RwSignal<bool>,
    default_priority: RwSignal<String>,
}

impl Draft {
    fn new() -> Self {
        Draft {
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            position: RwSignal::new("0".into()),
            enabled: RwSignal::new(true),
            default_priority: RwSignal::new(String::new()),
        }
    }

    fn edit(&self, c: &CategoryView) {
        self.editing.set(Some(c.id.clone()));
        self.name.set(c.name.clone());
        self.position.set(c.position.to_string());
        self.enabled.set(c.enabled);
        self.default_priority.set(
            c.default_priority
                .map(|p| p.key().to_owned())
                .unwrap_or_default(),
        );
    }

    fn clear(&self) {
        self.editing.set(None);
        self.name.set(String::new());
        self.position.set("0".into());
        self.enabled.set(true);
        self.default_priority.set(String::new());
    }

    fn form(&self) -> CategoryForm {
        CategoryForm {
            name: self.name.get_untracked(),
            position: self.position.get_untracked(),
            enabled: self.enabled.get_untracked(),
            default_priority: self.default_priority.get_untracked(),
        }
    }
}

fn row_view(
    c: CategoryView,
    draft: Draft,
    delete: Action<String, Result<(), AppError>>,
    locale: Locale,
) -> impl IntoView {
    let t: &'static SupportTexts = texts_in(locale);
    let (id, name) = (c.id.clone(), c.name.clone());
    let used = c.tickets > 0;
    let edit_label = edit_category_named(locale, &c.name);
    let delete_label = delete_category_named(locale, &c.name);
    view! {
        <tr>
            <th scope="row" data-label=t.name>{c.name.clone()}</th>
            <td data-label=t.position>{c.position}</td>
            <td data-label=t.state>{if c.enabled { t.enabled } else { t.disabled }}</td>
            <td data-label=t.default_priority>
                {match c.default_priority {
                    Some(p) => view! { <PriorityBadge priority=p /> }.into_any(),
                    None => "—".into_any(),
                }}
            </td>
            <td data-label=t.tickets>{c.tickets}</td>
            <td data-label=t.actions class="row-actions">
                <button type="button" class="button secondary" aria-label=edit_label on:click=move |_| draft.edit(&c)>{t.edit}</button>
                <button
                    type="button"
                    class="button secondary"
                    aria-label=delete_label
                    title=used.then(|| category_in_use(locale, &name))
                    on:click=move |_| {
                        delete.dispatch(id.clone());
                    }
                >
                    {t.delete}
                </button>
            </td>
        </tr>
    }
}

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let locale = use_locale();
    let t = texts_in(locale);
    let draft = Draft::new();
    let reload = RwSignal::new(0u32);
    let categories = Resource::new(move || reload.get(), |_| list_categories());
    let save = Action::new(move |(id, form): &(Option<String>, CategoryForm)| {
        let (id, form) = (id.clone(), form.clone());
        async move { save_category(id, form).await }
    });
    let delete = Action::new(move |id: &String| {
        let id = id.clone();
        async move { delete_category(id).await }
    });
    let notice = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            notice.set(Some(Ok(t.category_saved.into())));
            draft.clear();
            reload.update(|n| *n += 1);
        }
        Some(Err(AppError::Validation(_))) | None => {}
        Some(Err(error)) => notice.set(Some(Err(crate::ui::i18n::refusals::localized(&error)))),
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => {
            notice.set(Some(Ok(t.category_deleted.into())));
            reload.update(|n| *n += 1);
        }
        Some(Err(error)) => notice.set(Some(Err(crate::ui::i18n::refusals::localized(&error)))),
        None => {}
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let general = form_error(error, FIELDS);
    let priority_error = field_error(error, "default_priority");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        save.dispatch((draft.editing.get_untracked(), draft.form()));
    };
    view! {
        <Title text=t.ticket_categories />
        <div class="page-head">
            <h1>{t.ticket_categories}</h1>
        </div>
        <section class="card">
            <h2>{move || if draft.editing.get().is_some() { t.edit_category } else { t.add_a_category }}</h2>
            <form class="stack category-form" novalidate=true on:submit=submit>
                <div class="two-col">
                    <BoundField name="name" label=t.name value=draft.name maxlength=60 error=field_error(error, "name") />
                    <BoundField name="position" label=t.position value=draft.position inputmode="numeric" hint=t.position_hint error=field_error(error, "position") />
                </div>
                <div class="field" class:invalid=move || priority_error.get().is_some()>
                    <label for="field-default_priority">{t.default_priority}</label>
                    <select
                        id="field-default_priority"
                        name="default_priority"
                        prop:value=move || draft.default_priority.get()
                        on:change=move |ev| draft.default_priority.set(event_target_value(&ev))
                        aria-describedby="field-default_priority-error"
                    >
                        <option value="">{t.no_priority}</option>
                        {Priority::ALL.into_iter().map(|p| view! { <option value=p.key()>{t.priority_label(p)}</option> }).collect_view()}
                    </select>
                    <p class="error" id="field-default_priority-error" role="alert" aria-live="polite">{move || priority_error.get()}</p>
                </div>
                <CheckField name="enabled" label=t.enabled checked=draft.enabled hint=t.enabled_hint />
                <p class="error-box" role="alert" hidden=move || general.get().is_none()>{move || general.get()}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>
                        {move || if draft.editing.get().is_some() { t.save_category } else { t.add_category }}
                    </button>
                    <Show when=move || draft.editing.get().is_some()>
                        <button type="button" class="button secondary" on:click=move |_| draft.clear()>{t.cancel}</button>
                    </Show>
                </div>
            </form>
        </section>
        <p class="status-line" role="status" aria-live="polite">
            {move || match notice.get() {
                Some(Ok(text)) => view! { <span class="notice">"✓ "{text}</span> }.into_any(),
                Some(Err(text)) => view! { <span class="error-box">"⚠ "{text}</span> }.into_any(),
                None => ().into_any(),
            }}
        </p>
        <section class="card">
            <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match categories.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{t.no_categories_yet}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                                <table class="data-table category-table">
                                    <caption class="visually-hidden">{t.ticket_categories}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.name}</th>
                                            <th scope="col">{t.position}</th>
                                            <th scope="col">{t.state}</th>
                                            <th scope="col">{t.default_priority}</th>
                                            <th scope="col">{t.tickets}</th>
                                            <th scope="col">{t.actions}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows.into_iter().map(|c| row_view(c, draft, delete, locale)).collect_view()}</tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
