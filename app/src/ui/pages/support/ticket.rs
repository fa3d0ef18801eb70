//! One ticket: its thread, and for its two parties a reply form, closing
//! and (for the receiving side) the working priority. Messages are plain
//! text, shown exactly as typed. The thread follows the event stream: a
//! reply from the other party appears without a reload. The forms post
//! without the page's script too (the server sends the browser back here).

use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{PriorityBadge, StatusBadge};
use crate::api::support::{
    CloseTicket, MessageView, ReplyTicket, SetTicketPriority, TicketThread, get_ticket,
};
use crate::domain::support::Priority;
use crate::ui::components::field::last_error;
use crate::ui::i18n::pages::{support_author, support_time};
use crate::ui::i18n::support::{asked_priority, messages_shown, use_support_texts};
use crate::ui::i18n::use_locale;

fn message_view(message: MessageView) -> impl IntoView {
    let locale = use_locale();
    let who = support_author(locale, message.who);
    let time = support_time(locale, message.time, message.at_ms);
    view! {
        <li class="message" class:mine=message.mine id=format!("message-{}", message.seq)>
            <p class="message-meta">
                <strong>{who}</strong>
                " · "
                <time datetime=message.at_ms.to_string()>{time}</time>
            </p>
            // Plain text: escaped by the view, line breaks kept by the style,
            // directional overrides confined to the message.
            <div class="message-text">{message.text}</div>
        </li>
    }
}

#[component]
fn Head(thread: TicketThread) -> impl IntoView {
    let locale = use_locale();
    let t = use_support_texts();
    let asked = (thread.asked_priority != thread.priority).then(|| {
        view! { <span class="sub">{asked_priority(locale, thread.asked_priority)}</span> }
    });
    view! {
        <dl class="ticket-facts">
            <div><dt>{t.status}</dt><dd><StatusBadge status=thread.status /></dd></div>
            <div><dt>{t.priority}</dt><dd><PriorityBadge priority=thread.priority />{asked}</dd></div>
            <div><dt>{t.category}</dt><dd>{thread.category.unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>{t.between}</dt><dd>{thread.upper_login}" ↔ "{thread.lower_login}</dd></div>
            <div><dt>{t.opened_by}</dt><dd>{thread.opened_by}</dd></div>
        </dl>
    }
}

/// The reply form, closing, and the working priority.
#[component]
fn Actions(
    id: String,
    may_set_priority: bool,
    closed: bool,
    priority: Priority,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let reply = ServerAction::<ReplyTicket>::new();
    let close = ServerAction::<CloseTicket>::new();
    let set_priority = ServerAction::<SetTicketPriority>::new();
    let text = NodeRef::<Textarea>::new();
    let error = last_error(reply);
    let text_error = Signal::derive(move || {
        error
            .get()
            .map(|e| e.for_field("text").unwrap_or_else(|| e.to_string()))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = reply.value().get() {
            if let Some(area) = text.get() {
                area.set_value("");
            }
            reload.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        let changed = matches!(close.value().get(), Some(Ok(())))
            || matches!(set_priority.value().get(), Some(Ok(())));
        if changed {
            reload.update(|n| *n += 1);
        }
    });
    let other_error = Signal::derive(move || {
        close
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| set_priority.value().get().and_then(Result::err))
            .map(|e| e.to_string())
    });
    let (reply_id, close_id, priority_id) = (id.clone(), id.clone(), id);
    let t = use_support_texts();
    let reply_label = if closed {
        t.reopen_with_reply
    } else {
        t.send_reply
    };
    view! {
        <ActionForm action=reply attr:class="stack reply-form">
            <input type="hidden" name="ticket" value=reply_id />
            <div class="field" class:invalid=move || text_error.get().is_some()>
                <label for="reply-text">{t.your_reply}</label>
                <textarea
                    id="reply-text"
                    name="text"
                    rows="5"
                    required=true
                    maxlength=crate::domain::support::TEXT_MAX_CHARS as u32
                    node_ref=text
                    aria-invalid=move || text_error.get().is_some().then_some("true")
                    aria-describedby="reply-text-error"
                ></textarea>
                <p class="error" id="reply-text-error" role="alert" aria-live="polite">{move || text_error.get()}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || reply.pending().get()>{reply_label}</button>
            </div>
        </ActionForm>
        <div class="ticket-actions">
            {(!closed).then(|| view! {
                <ActionForm action=close attr:class="inline-form">
                    <input type="hidden" name="ticket" value=close_id />
                    <button type="submit" class="button secondary" disabled=move || close.pending().get()>{t.close_ticket}</button>
                </ActionForm>
            })}
            {may_set_priority.then(|| view! {
                <ActionForm action=set_priority attr:class="inline-form priority-form">
                    <input type="hidden" name="ticket" value=priority_id />
                    <label for="working-priority">{t.working_priority}</label>
                    <select id="working-priority" name="priority">
                        {Priority::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.key() selected=p == priority>{t.priority_label(p)}</option> })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button secondary" disabled=move || set_priority.pending().get()>{t.set}</button>
                </ActionForm>
            })}
            <p class="error" role="alert" aria-live="polite">{move || other_error.get()}</p>
        </div>
    }
}

type ThreadResource = Resource<Result<TicketThread, crate::error::AppError>>;

/// The facts and messages, live: only this part is drawn again when the
/// other party writes, so that a reply being typed below is left alone.
#[component]
fn LiveThread(thread: ThreadResource) -> impl IntoView {
    let locale = use_locale();
    let t = use_support_texts();
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match thread.await {
                    Ok(thread) => {
                        let earlier = thread.earlier.map(|n| format!("/support/{}?before={n}", thread.id));
                        let count = thread.messages.len();
                        view! {
                            <section class="card">
                                <Head thread=thread.clone() />
                            </section>
                            <section class="card" aria-labelledby="thread-title">
                                <h2 id="thread-title">{messages_shown(locale, count as u64)}</h2>
                                {earlier.map(|link| view! { <p><a href=link>{t.show_earlier}</a></p> })}
                                <ol class="thread">
                                    {thread.messages.into_iter().map(message_view).collect_view()}
                                </ol>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let before = move || query.with(|q| q.get("before").and_then(|b| b.parse::<i64>().ok()));
    let reload = RwSignal::new(0u32);
    // What the forms depend on: read again after one's own action.
    let facts = Resource::new(
        move || (id(), before(), reload.get()),
        |(id, before, _)| get_ticket(id, before),
    );
    let thread = Resource::new(
        move || {
            (
                id(),
                before(),
                reload.get(),
                // The other party wrote, closed it, or changed the priority.
                crate::ui::live::LiveUpdates::tickets(),
            )
        },
        |(id, before, _, _)| get_ticket(id, before),
    );
    let t = use_support_texts();
    view! {
        <Title text=t.ticket />
        <p class="back-link"><a href="/support">{t.back_to_support}</a></p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(facts) => {
                        let actions = facts.party.then(|| view! {
                            <section class="card">
                                <Actions
                                    id=facts.id.clone()
                                    may_set_priority=facts.may_set_priority
                                    closed=facts.status == crate::domain::support::Status::Closed
                                    priority=facts.priority
                                    reload
                                />
                            </section>
                        });
                        let observer = (!facts.party).then(|| view! {
                            <p class="notice-box">{t.observer_notice}</p>
                        });
                        view! {
                            <h1 class="ticket-title">{facts.subject.clone()}</h1>
                            <LiveThread thread />
                            {observer}
                            {actions}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
