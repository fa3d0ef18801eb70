//! "Message": the form the resellers and users lists open for the selected
//! accounts. Each gets a ticket of its own, in its support center.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::support::{message_options, send_message};
use crate::domain::support::TicketForm;
use crate::ui::components::field::form_error;
use crate::ui::components::ticket_fields::{TicketDraft, TicketFields};
use crate::ui::i18n::support::{each_gets_a_ticket, use_support_texts};
use crate::ui::i18n::use_locale;

const FIELDS: &[&str] = &["subject", "priority", "category", "text"];

#[component]
pub fn MessagePage() -> impl IntoView {
    let query = use_query_map();
    let to = move || {
        query.with(|q| {
            q.get("to")
                .unwrap_or_default()
                .split(',')
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect::<Vec<String>>()
        })
    };
    let options = Resource::new(to, message_options);
    let send = Action::new(move |form: &TicketForm| {
        let (to, form) = (to(), form.clone());
        async move { send_message(to, form).await }
    });
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let general = form_error(error, FIELDS);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(ids)) = send.value().get() {
            match ids.as_slice() {
                [one] => navigate(&format!("/support/{one}"), Default::default()),
                _ => navigate("/support?mailbox=below", Default::default()),
            }
        }
    });
    let locale = use_locale();
    let t = use_support_texts();
    view! {
        <Title text=t.send_a_message />
        <div class="page-head">
            <h1>{t.send_a_message}</h1>
        </div>
        <section class="card">
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => {
                            let draft = TicketDraft::new();
                            let count = options.to.len();
                            let submit = move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                send.dispatch(draft.form());
                            };
                            view! {
                                <p class="muted">
                                    {t.to} <strong class="recipients">{options.to.join(", ")}</strong>
                                    {(count > 1).then(|| each_gets_a_ticket(locale, count as u64))}
                                </p>
                                <form class="stack ticket-form" novalidate=true on:submit=submit>
                                    <TicketFields draft categories=options.categories error />
                                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                                        {move || general.get()}
                                    </p>
                                    <div class="form-actions">
                                        <button type="submit" class="button primary" disabled=move || send.pending().get()>{t.send}</button>
                                    </div>
                                </form>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
