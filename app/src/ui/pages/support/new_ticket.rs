//! A new ticket to the acting account's owner (its reseller, or the admin).
//! The form posts as a plain form too, before the page's script has loaded.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::api::support::{OpenTicket, new_ticket_options};
use crate::ui::components::field::{form_error, last_error};
use crate::ui::components::ticket_fields::{TicketDraft, TicketFields};

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
    view! {
        <Title text="New ticket" />
        <div class="page-head">
            <h1>"New ticket"</h1>
        </div>
        <section class="card">
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => {
                            let draft = TicketDraft::new();
                            view! {
                                <p class="muted">"To: " <strong>{options.to.join(", ")}</strong></p>
                                <ActionForm action=open attr:class="stack ticket-form" attr:novalidate=true>
                                    <TicketFields draft categories=options.categories error />
                                    <p class="error-box" role="alert" hidden=move || general.get().is_none()>
                                        {move || general.get()}
                                    </p>
                                    <div class="form-actions">
                                        <button type="submit" class="button primary" disabled=move || open.pending().get()>"Send ticket"</button>
                                        <a class="button secondary" href="/support">"Cancel"</a>
                                    </div>
                                </ActionForm>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error-box" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
