//! The fields of a ticket form — subject, priority, category, text — shared
//! by a new ticket to one's owner and a message to accounts below. Each
//! field carries its form name, so that the form also posts without the
//! page's script.

use leptos::prelude::*;

use crate::api::support::CategoryChoice;
use crate::domain::support::{Priority, SUBJECT_MAX_CHARS, TEXT_MAX_CHARS};
use crate::error::AppError;
use crate::ui::i18n::support::use_support_texts;

/// What a ticket form holds as typed.
#[derive(Debug, Clone, Copy)]
pub struct TicketDraft {
    pub subject: RwSignal<String>,
    pub priority: RwSignal<String>,
    pub category: RwSignal<String>,
    pub text: RwSignal<String>,
    /// Whether the priority was chosen by hand (a category's default then
    /// no longer replaces it).
    pub priority_chosen: RwSignal<bool>,
}

impl TicketDraft {
    pub fn new() -> Self {
        TicketDraft {
            subject: RwSignal::new(String::new()),
            priority: RwSignal::new(Priority::Medium.key().to_owned()),
            category: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            priority_chosen: RwSignal::new(false),
        }
    }

    pub fn form(&self) -> crate::domain::support::TicketForm {
        crate::domain::support::TicketForm {
            subject: self.subject.get_untracked(),
            priority: self.priority.get_untracked(),
            category: self.category.get_untracked(),
            text: self.text.get_untracked(),
        }
    }
}

impl Default for TicketDraft {
    fn default() -> Self {
        Self::new()
    }
}

fn described(id: &str, error: Signal<Option<String>>) -> impl Fn() -> Option<String> + use<> {
    let error_id = format!("{id}-error");
    move || error.get().is_some().then(|| error_id.clone())
}

#[component]
pub fn TicketFields(
    draft: TicketDraft,
    categories: Vec<CategoryChoice>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.for_field(name)))
    };
    let (subject_error, priority_error, category_error, text_error) = (
        field("subject"),
        field("priority"),
        field("category"),
        field("text"),
    );
    let defaults: Vec<(String, Option<Priority>)> = categories
        .iter()
        .map(|c| (c.id.clone(), c.default_priority))
        .collect();
    // The only category, chosen for the writer.
    if categories.len() == 1 {
        draft.category.set(categories[0].id.clone());
        if let Some(p) = categories[0].default_priority {
            draft.priority.set(p.key().to_owned());
        }
    }
    let choose_category = move |id: String| {
        if !draft.priority_chosen.get_untracked()
            && let Some((_, Some(p))) = defaults.iter().find(|(c, _)| *c == id)
        {
            draft.priority.set(p.key().to_owned());
        }
        draft.category.set(id);
    };
    let t = use_support_texts();
    let has_categories = !categories.is_empty();
    let placeholder = if has_categories {
        t.choose_a_category
    } else {
        t.no_categories
    };
    view! {
        <div class="field" class:invalid=move || subject_error.get().is_some()>
            <label for="ticket-subject">{t.subject}</label>
            <input
                id="ticket-subject"
                name="subject"
                type="text"
                required=true
                maxlength=SUBJECT_MAX_CHARS as u32
                autocomplete="off"
                value=draft.subject.get_untracked()
                bind:value=draft.subject
                aria-invalid=move || subject_error.get().is_some().then_some("true")
                aria-describedby=described("ticket-subject", subject_error)
            />
            <p class="error" id="ticket-subject-error" role="alert" aria-live="polite">{move || subject_error.get()}</p>
        </div>
        <div class="two-col">
            <div class="field" class:invalid=move || priority_error.get().is_some()>
                <label for="ticket-priority">{t.priority}</label>
                <select
                    id="ticket-priority"
                    name="priority"
                    prop:value=move || draft.priority.get()
                    on:change=move |ev| {
                        draft.priority_chosen.set(true);
                        draft.priority.set(event_target_value(&ev));
                    }
                    aria-invalid=move || priority_error.get().is_some().then_some("true")
                    aria-describedby=described("ticket-priority", priority_error)
                >
                    {Priority::ALL
                        .into_iter()
                        .map(|p| view! {
                            <option value=p.key() selected=move || draft.priority.get() == p.key()>{t.priority_meaning(p)}</option>
                        })
                        .collect_view()}
                </select>
                <p class="error" id="ticket-priority-error" role="alert" aria-live="polite">{move || priority_error.get()}</p>
            </div>
            <div class="field" class:invalid=move || category_error.get().is_some()>
                <label for="ticket-category">{t.category}</label>
                <select
                    id="ticket-category"
                    name="category"
                    disabled=!has_categories
                    prop:value=move || draft.category.get()
                    on:change=move |ev| choose_category(event_target_value(&ev))
                    aria-invalid=move || category_error.get().is_some().then_some("true")
                    aria-describedby=described("ticket-category", category_error)
                >
                    <option value="">{placeholder}</option>
                    {categories
                        .into_iter()
                        .map(|c| {
                            let id = c.id.clone();
                            view! { <option value=c.id selected=move || draft.category.get() == id>{c.name}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="error" id="ticket-category-error" role="alert" aria-live="polite">{move || category_error.get()}</p>
            </div>
        </div>
        <div class="field" class:invalid=move || text_error.get().is_some()>
            <label for="ticket-text">{t.message}</label>
            <p class="hint" id="ticket-text-hint">{t.plain_text_hint}</p>
            <textarea
                id="ticket-text"
                name="text"
                rows="8"
                required=true
                maxlength=TEXT_MAX_CHARS as u32
                bind:value=draft.text
                aria-invalid=move || text_error.get().is_some().then_some("true")
                aria-describedby=move || {
                    if text_error.get().is_some() {
                        "ticket-text-hint ticket-text-error"
                    } else {
                        "ticket-text-hint"
                    }
                }
            >{draft.text.get_untracked()}</textarea>
            <p class="error" id="ticket-text-error" role="alert" aria-live="polite">{move || text_error.get()}</p>
        </div>
    }
}
