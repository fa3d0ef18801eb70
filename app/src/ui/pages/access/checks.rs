//! The pieces both Access pages share: a module's check boxes, and the
//! preview of the menu that a set of rights gives.

use leptos::prelude::*;

use crate::api::access::{FunctionAccess, ModuleAccess};
use crate::domain::Role;
use crate::domain::access::{Access, Function, Module, menu};
use crate::domain::locale::Locale;
use crate::ui::i18n::pages::{
    function_label, functions_allowed, menu_preview_hint, module_label, use_pages_texts,
};
use crate::ui::i18n::{use_locale, use_texts};

/// One function's check box, as the form holds it.
#[derive(Clone)]
pub struct CheckBox {
    pub function: Option<Function>,
    pub key: String,
    pub label: String,
    pub grantable: bool,
    /// Why it cannot be changed, or why it has no effect.
    pub note: Option<String>,
    pub initial: bool,
    pub on: RwSignal<bool>,
}

/// One module's check boxes.
#[derive(Clone)]
pub struct Group {
    /// The module's English name, which its ids are made of.
    pub key: String,
    /// Its name in the page's language.
    pub label: String,
    pub boxes: Vec<CheckBox>,
}

/// The form's state for these modules, named in `locale`; `note` explains
/// a function's box.
pub fn groups(
    modules: &[ModuleAccess],
    locale: Locale,
    note: impl Fn(&FunctionAccess) -> Option<String>,
) -> Vec<Group> {
    modules
        .iter()
        .map(|module| Group {
            key: module.label.clone(),
            label: Module::ALL
                .into_iter()
                .find(|m| m.label() == module.label)
                .map_or_else(
                    || module.label.clone(),
                    |m| module_label(locale, m).to_owned(),
                ),
            boxes: module
                .functions
                .iter()
                .map(|f| {
                    let function = Function::parse(&f.key);
                    CheckBox {
                        function,
                        key: f.key.clone(),
                        label: function.map_or_else(
                            || f.label.clone(),
                            |function| function_label(locale, function).to_owned(),
                        ),
                        grantable: f.grantable,
                        note: note(f),
                        initial: f.checked,
                        on: RwSignal::new(f.checked),
                    }
                })
                .collect(),
        })
        .collect()
}

fn boxes(groups: &[Group]) -> impl Iterator<Item = &CheckBox> {
    groups.iter().flat_map(|g| g.boxes.iter())
}

/// Everything ticked (tracked, for the preview).
pub fn ticked(groups: &[Group]) -> Access {
    boxes(groups)
        .filter(|b| b.on.get())
        .filter_map(|b| b.function)
        .collect()
}

/// What to send: the ticked functions the caller can change. The others are
/// kept as stored by the server, whatever is sent.
pub fn requested(groups: &[Group]) -> Vec<String> {
    boxes(groups)
        .filter(|b| b.grantable && b.on.get_untracked())
        .map(|b| b.key.clone())
        .collect()
}

/// Ticks exactly `keys` among the boxes the caller can change.
pub fn tick_only(groups: &[Group], keys: &[String]) {
    for b in boxes(groups).filter(|b| b.grantable) {
        b.on.set(keys.contains(&b.key));
    }
}

/// A module as a fieldset whose legend is the module's own check box: ticked
/// when all of its functions are, and ticking it ticks all it can.
#[component]
pub fn ModuleChecks(
    group: Group,
    /// Keeps ids unique when a page holds several forms.
    prefix: &'static str,
) -> impl IntoView {
    let slug = group.key.to_lowercase().replace(' ', "-");
    let module_id = format!("{prefix}-module-{slug}");
    let count_id = format!("{module_id}-count");
    let total = group.boxes.len();
    let signals: Vec<(RwSignal<bool>, bool)> =
        group.boxes.iter().map(|b| (b.on, b.grantable)).collect();
    let count = {
        let signals = signals.clone();
        Memo::new(move |_| signals.iter().filter(|(on, _)| on.get()).count())
    };
    let changeable = signals.iter().any(|(_, grantable)| *grantable);
    // The box shows "all allowed", which a function the caller cannot change
    // may keep false after a click ticked the rest: re-applying the state on
    // every click puts the box back in line with it.
    let clicks = RwSignal::new(0u32);
    let toggle = move |_| {
        let tick = !signals
            .iter()
            .filter(|(_, g)| *g)
            .all(|(on, _)| on.get_untracked());
        for (on, _) in signals.iter().filter(|(_, g)| *g) {
            on.set(tick);
        }
        clicks.update(|n| *n += 1);
    };
    let all = move || {
        clicks.track();
        count.get() == total
    };
    let some = move || {
        clicks.track();
        (1..total).contains(&count.get())
    };
    let initially_all = group.boxes.iter().all(|b| b.initial);
    let locale = use_locale();
    view! {
        <fieldset class="access-module">
            <legend>
                <span class="check">
                    <input
                        type="checkbox"
                        id=module_id.clone()
                        checked=initially_all
                        prop:checked=all
                        prop:indeterminate=some
                        disabled=!changeable
                        aria-describedby=count_id.clone()
                        on:change=toggle
                    />
                    <label for=module_id.clone()>{group.label.clone()}</label>
                </span>
            </legend>
            <p class="hint access-count" id=count_id>
                {move || functions_allowed(locale, count.get(), total)}
            </p>
            <ul class="access-functions">
                {group
                    .boxes
                    .into_iter()
                    .map(|b| function_check(b, prefix))
                    .collect_view()}
            </ul>
        </fieldset>
    }
}

fn function_check(b: CheckBox, prefix: &'static str) -> impl IntoView {
    let id = format!("{prefix}-function-{}", b.key.replace('.', "-"));
    let note_id = format!("{id}-note");
    let described = b.note.is_some().then(|| note_id.clone());
    view! {
        <li>
            <span class="check">
                <input
                    type="checkbox"
                    id=id.clone()
                    name="functions"
                    value=b.key.clone()
                    checked=b.initial
                    bind:checked=b.on
                    disabled=!b.grantable
                    aria-describedby=described
                />
                <label for=id>{b.label}</label>
            </span>
            {b.note.map(|note| view! { <p class="hint" id=note_id>{note}</p> })}
        </li>
    }
}

/// The side menu an account of `role` gets with `rights`, as the panel
/// builds it.
#[component]
pub fn MenuPreview(
    role: Role,
    #[prop(into)] rights: Signal<Access>,
    /// Who will see it: a login, or "a new user" in the page's language.
    login: String,
    /// Keeps the heading's id unique when a page holds several previews.
    prefix: &'static str,
) -> impl IntoView {
    let heading_id = format!("{prefix}-preview-heading");
    let labelled_by = heading_id.clone();
    let (t, frame) = (use_pages_texts(), use_texts());
    let hint = menu_preview_hint(use_locale(), &login);
    view! {
        <section class="card access-preview" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t.menu_preview}</h2>
            <p class="hint">{hint}</p>
            <ul class="access-menu">
                {move || {
                    menu(role, &rights.get())
                        .into_iter()
                        .map(|item| view! { <li>{frame.menu_label(&item, role)}</li> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
