//! The support center: the acting account's tickets (the admin: also every
//! ticket on the server), newest activity first, filtered and paged. The
//! filters and pages are links and a GET form, so the page works before
//! its script has loaded; once it has, new tickets and replies show live.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::{PriorityBadge, StatusBadge};
use crate::api::support::{
    TicketListRow, TicketPage, TicketQuery, filter_categories, list_tickets,
};
use crate::domain::Role;
use crate::domain::access::Function;
use crate::domain::support::{Mailbox, Priority, Status};
use crate::model::Me;
use crate::ui::i18n::support::{SupportTexts, use_support_texts};

/// The query of a link to this page with `query`'s filters.
fn href(query: &TicketQuery) -> String {
    let pairs = [
        ("mailbox", query.mailbox.as_str()),
        ("status", query.status.as_str()),
        ("priority", query.priority.as_str()),
        ("category", query.category.as_str()),
        ("search", query.search.as_str()),
        ("after", query.after.as_deref().unwrap_or("")),
    ];
    let encoded: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding_light(v)))
        .collect();
    if encoded.is_empty() {
        "/support".into()
    } else {
        format!("/support?{}", encoded.join("&"))
    }
}

/// Percent-encodes what a query value may not hold as is.
fn urlencoding_light(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn row_view(row: TicketListRow, t: &'static SupportTexts) -> impl IntoView {
    let link = format!("/support/{}", row.id);
    let unread = row.unread;
    view! {
        <tr class:unread=unread>
            <th scope="row" data-label=t.subject class="ticket-subject">
                <a href=link>
                    {unread.then(|| view! { <span class="unread-dot" aria-hidden="true">"● "</span> })}
                    {row.subject}
                </a>
                {unread.then(|| view! { <span class="visually-hidden">{t.unread_mark}</span> })}
            </th>
            // One block, so that on a phone the direction goes under the
            // login instead of beside it (a third column of the card).
            <td data-label=t.with>
                <div>
                    {row.with}
                    {row.direction.map(|d| view! { <span class="sub">{t.direction_shown(d)}</span> })}
                </div>
            </td>
            <td data-label=t.status><StatusBadge status=row.status /></td>
            <td data-label=t.priority><PriorityBadge priority=row.priority /></td>
            <td data-label=t.category>{row.category.unwrap_or_else(|| "—".into())}</td>
            <td data-label=t.last_activity><time datetime=row.last_at_ms.to_string()>{crate::ui::i18n::pages::support_time(crate::ui::i18n::use_locale(), row.last_time, row.last_at_ms)}</time></td>
        </tr>
    }
}

fn table(page: TicketPage, t: &'static SupportTexts) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <p class="empty">{t.no_tickets_match}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table ticket-table">
                <caption class="visually-hidden">{t.tickets_newest_first}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.subject}</th>
                        <th scope="col">{t.with}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.priority}</th>
                        <th scope="col">{t.category}</th>
                        <th scope="col">{t.last_activity}</th>
                    </tr>
                </thead>
                <tbody>{page.rows.into_iter().map(|row| row_view(row, t)).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn SupportPage() -> impl IntoView {
    let me = use_context::<Me>();
    let role = me.as_ref().map_or(Role::User, Me::role);
    let may_open = role != Role::Admin && me.as_ref().is_some_and(|m| m.may(Function::SupportSend));
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| TicketQuery {
            mailbox: p.get("mailbox").unwrap_or_default(),
            status: p.get("status").unwrap_or_default(),
            priority: p.get("priority").unwrap_or_default(),
            category: p.get("category").unwrap_or_default(),
            search: p.get("search").unwrap_or_default(),
            after: p.get("after").filter(|a| !a.is_empty()),
        })
    });
    let page = Resource::new(
        move || (query.get(), crate::ui::live::LiveUpdates::tickets()),
        |(query, _)| list_tickets(query),
    );
    let categories = Resource::new(|| (), |_| filter_categories());
    let t = use_support_texts();
    let boxes: Vec<(Mailbox, &'static str)> = [
        (Mailbox::Mine, t.mailbox_mine),
        (Mailbox::Above, t.mailbox_above),
        (Mailbox::Below, t.mailbox_below),
        (Mailbox::Server, t.mailbox_server),
    ]
    .into_iter()
    .filter(|(m, _)| m.applies_to(role))
    .collect();
    let filter_value = move |pick: fn(&TicketQuery) -> String| move || query.with(pick);
    view! {
        <Title text=t.support_center />
        <div class="page-head">
            <h1>{t.support_center}</h1>
            {may_open.then(|| view! { <a class="button primary" href="/support/new">{t.new_ticket}</a> })}
        </div>
        <nav class="tabs" aria-label=t.mailboxes>
            {boxes
                .into_iter()
                .map(|(mailbox, label)| {
                    let link = href(&TicketQuery { mailbox: mailbox.key().into(), ..Default::default() });
                    let current = move || (query.with(|q| q.mailbox.clone()) == mailbox.key()).then_some("page");
                    view! { <a href=link aria-current=current>{label}</a> }
                })
                .collect_view()}
        </nav>
        <section class="card">
            <Form method="GET" action="/support" attr:class="filters ticket-filters" attr:role="search" attr:aria-label=t.filter_tickets>
                <input type="hidden" name="mailbox" value=filter_value(|q| q.mailbox.clone()) prop:value=filter_value(|q| q.mailbox.clone()) />
                <div class="field inline">
                    <label for="ticket-search">{t.subject}</label>
                    <input id="ticket-search" name="search" type="search" autocomplete="off" placeholder=t.words_in_subject value=filter_value(|q| q.search.clone()) prop:value=filter_value(|q| q.search.clone()) />
                </div>
                <div class="field inline">
                    <label for="ticket-status">{t.status}</label>
                    <select id="ticket-status" name="status" prop:value=filter_value(|q| q.status.clone())>
                        <option value="">{t.any_status}</option>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.key() selected=move || query.with(|q| q.status == s.key())>{t.status_label(s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field inline">
                    <label for="ticket-priority-filter">{t.priority}</label>
                    <select id="ticket-priority-filter" name="priority" prop:value=filter_value(|q| q.priority.clone())>
                        <option value="">{t.any_priority}</option>
                        {Priority::ALL.into_iter().map(|p| view! { <option value=p.key() selected=move || query.with(|q| q.priority == p.key())>{t.priority_label(p)}</option> }).collect_view()}
                    </select>
                </div>
                // A select holds only options: the whole field waits for them.
                <Suspense>
                    {move || Suspend::new(async move {
                        let chosen = query.with_untracked(|q| q.category.clone());
                        let options = categories.await.unwrap_or_default();
                        view! {
                            <div class="field inline">
                                <label for="ticket-category-filter">{t.category}</label>
                                <select id="ticket-category-filter" name="category">
                                    <option value="">{t.any_category}</option>
                                    {options
                                        .into_iter()
                                        .map(|c| {
                                            let selected = c.id == chosen;
                                            view! { <option value=c.id selected=selected>{c.name}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                </Suspense>
                <button type="submit" class="button primary">{t.apply}</button>
            </Form>
            <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let older = page.next.clone().map(|next| href(&TicketQuery { after: Some(next), ..query.get_untracked() }));
                            let first = query.with_untracked(|q| q.after.is_some()).then(|| href(&TicketQuery { after: None, ..query.get_untracked() }));
                            view! {
                                {table(page, t)}
                                <nav class="pager" aria-label=t.ticket_pages>
                                    {first.map(|link| view! { <a class="button secondary" href=link>{t.newest}</a> })}
                                    {older.map(|link| view! { <a class="button secondary" href=link>{t.older}</a> })}
                                </nav>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error-box" role="alert">{crate::ui::i18n::refusals::localized(&error)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
