//! A new ticket to the acting account's owner (its reseller, or the admin).
//! The form posts as a plain form too, before the page's script has loaded.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::api::support::{OpenTicket, new_ticket_options};
use crate::ui::components::field::{form_error, last_error};
use crate::ui::components::ticket_fields::{TicketDraft, TicketFields};
use crate::ui::i18n::support::use_support_texts;

const FIELDS: &[&str] = &["subject", "priority", "category", "text"];

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| new_ticket_options());
    let open = ServerAction::<OpenTicket>::new();
    let error = last_error(open);
    let general = form_error(error, FIELDS);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = open.value().get() {
            navigate(&format!("/support/{id}"), Default::default());
        }
    });
    let t = use_support_texts();
    view! {
        <Title text=t.new_ticket />
        <div class="page-head">
            <h1>{t.new_ticket}</h1>
        </div>
        <section class="card">
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => {
                            let draft = TicketDraft::new();
                            view! {
                                <p class="muted">{t.to} <strong>{options.to.join(", ")}</strong></p>
                                <ActionForm action=open attr:class="stack ticket-form" attr:novalidate=true>
                                    <TicketFields draft categories=options.categories error />
                                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                                        {move || general.get()}
                                    </p>
                                    <div class="form-actions">
                                        <button type="submit" class="button primary" disabled=move || open.pending().get()>{t.send_ticket}</button>
                                        <a class="button secondary" href="/support">{t.cancel}</a>
                                    </div>
                                </ActionForm>
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
