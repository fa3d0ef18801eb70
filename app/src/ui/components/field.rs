use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::i18n::refusals::{error_text, translate};
use crate::ui::i18n::use_locale;

/// True once this page runs its WebAssembly: what only script can undo (a
/// disabled box, a button hidden until a selection) waits for it.
pub fn hydrated() -> Signal<bool> {
    let hydrated = RwSignal::new(false);
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| hydrated.set(true));
    hydrated.into()
}

/// The error of one field in the last refusal, if any.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let locale = use_locale();
    Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.for_field(field))
            .map(|message| translate(locale, &message))
    })
}

/// A labelled text input with its error beside it, wired for screen readers.
#[component]
pub fn TextField(
    /// The form name, matching the server function's argument.
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                // (A property is set by the WebAssembly; the attribute is what
                // a page shows before it runs.)
                value=move || value.get()
                prop:value=move || value.get()
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
            <p class="error" id=error_id.clone() role="alert" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// The message of an error that belongs to no single field.
pub fn form_error(
    error: Signal<Option<AppError>>,
    fields: &'static [&'static str],
) -> Signal<Option<String>> {
    let locale = use_locale();
    Signal::derive(move || match error.get() {
        Some(AppError::Validation(list))
            if list.iter().all(|f| fields.contains(&f.field.as_str())) =>
        {
            None
        }
        Some(error) => Some(error_text(locale, &error)),
        None => None,
    })
}

/// The refusal held by an action's last result.
pub fn last_error<T>(action: ServerAction<T>) -> Signal<Option<AppError>>
where
    T: server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    T::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// A labelled input bound to a signal, with its error beside it.
#[component]
pub fn BoundField(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                value=value.get_untracked()
                bind:value=value
                autocomplete=autocomplete
                maxlength=maxlength
                inputmode=inputmode
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
            <p class="error" id=error_id.clone() role="alert" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A check box with its label after it.
#[component]
pub fn CheckField(
    name: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="check">
            <input id=id.clone() name=name type="checkbox" checked=checked.get_untracked() bind:checked=checked disabled=move || disabled.get() />
            <label for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="hint">" — "{h}</span> })}
            </label>
        </div>
    }
}

/// A limit: an amount, or "unlimited" which disables the amount.
#[component]
pub fn LimitField(
    name: &'static str,
    /// The name its "unlimited" box is posted under.
    unlimited_name: &'static str,
    label: &'static str,
    unit: &'static str,
    value: RwSignal<String>,
    unlimited: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    /// What the pool still holds, shown under the field.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// "Unlimited" is offered only where the owner itself is unlimited.
    #[prop(optional)]
    no_unlimited: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let unlimited_id = format!("{id}-unlimited");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = format!("{hint_id} {error_id}");
    // Before the WebAssembly runs nothing can enable a disabled box again, so
    // the amount stays open and the server lets "unlimited" win.
    let hydrated = hydrated();
    let unlimited_label = crate::ui::i18n::accounts::use_accounts_texts().unlimited;
    view! {
        <div class="field limit" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}" ("{unit}")"</label>
            <div class="limit-row">
                <input
                    id=id.clone()
                    name=name
                    type="text"
                    inputmode="numeric"
                    value=value.get_untracked()
                    bind:value=value
                    disabled=move || hydrated.get() && unlimited.get()
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described_by
                />
                <span class="check">
                    <input
                        id=unlimited_id.clone()
                        name=unlimited_name
                        type="checkbox"
                        checked=unlimited.get_untracked()
                        bind:checked=unlimited
                        disabled=move || no_unlimited && !unlimited.get()
                    />
                    <label for=unlimited_id.clone()>{unlimited_label}</label>
                </span>
            </div>
            <p class="hint" id=hint_id>{move || hint.get()}</p>
            <p class="error" id=error_id.clone() role="alert" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}
