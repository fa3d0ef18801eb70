//! The Support center: tickets down and up the hierarchy, their threads and
//! the ticket categories. Who may read or act on a ticket is decided by the
//! service for every call; a ticket someone may not read answers 404.
//!
//! Opening a ticket and replying take form fields (URL-encoded), so that
//! their forms also work before the page has hydrated.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::support::{CategoryForm, Priority, Status, TicketForm};
use crate::error::AppError;

/// The inbox's filters as the page sends them (a blank one filters nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketQuery {
    /// "" (all of one's own), "above", "below", or "server" (the admin).
    pub mailbox: String,
    pub status: String,
    pub priority: String,
    pub category: String,
    pub search: String,
    /// The `next` of the page before.
    pub after: Option<String>,
}

/// One ticket as an inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketListRow {
    pub id: String,
    pub subject: String,
    pub status: Status,
    /// The working priority, and the requester's when it differs.
    pub priority: Priority,
    pub asked_priority: Priority,
    pub category: Option<String>,
    /// The other party's login (for the admin's view of the server: both).
    pub with: String,
    /// "From above", "From below", or None where the viewer is no party.
    pub direction: Option<String>,
    pub last_at_ms: i64,
    pub last_time: String,
    pub unread: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPage {
    pub rows: Vec<TicketListRow>,
    pub next: Option<String>,
}

/// One message of a thread. Its text is plain text, shown as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub seq: i64,
    /// "admin", or "admin as acme" when written from an entered panel.
    pub who: String,
    pub at_ms: i64,
    pub time: String,
    pub text: String,
    /// Written by the viewer's side.
    pub mine: bool,
}

/// A ticket with (the newest part of) its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketThread {
    pub id: String,
    pub subject: String,
    pub status: Status,
    pub priority: Priority,
    pub asked_priority: Priority,
    pub category: Option<String>,
    pub upper_login: String,
    pub lower_login: String,
    /// Who opened it (a login).
    pub opened_by: String,
    /// The viewer is a party: it may reply and close; else it only reads.
    pub party: bool,
    pub may_set_priority: bool,
    pub messages: Vec<MessageView>,
    /// The number of the newest message not shown, if older ones exist.
    pub earlier: Option<i64>,
}

/// Unread tickets of the acting account, by where the other party stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadCounts {
    pub from_above: u64,
    pub from_below: u64,
}

impl UnreadCounts {
    pub fn total(&self) -> u64 {
        self.from_above + self.from_below
    }
}

/// A category a ticket form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub id: String,
    pub name: String,
    pub default_priority: Option<Priority>,
}

/// What a ticket form needs: to whom it goes, and its categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFormOptions {
    /// The logins it goes to.
    pub to: Vec<String>,
    pub categories: Vec<CategoryChoice>,
}

/// A category on the categories page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: String,
    pub name: String,
    pub position: i64,
    pub enabled: bool,
    pub default_priority: Option<Priority>,
    /// Tickets filed under it: one used by any is never deleted.
    pub tickets: u64,
}

/// A page of the acting account's tickets (the admin: also every ticket on
/// the server), newest activity first.
#[server(endpoint = "support/list", input = server_fn::codec::Json)]
pub async fn list_tickets(query: TicketQuery) -> Result<TicketPage, AppError> {
    use super::request::*;
    serve(Function::SupportRead, move |ctx, actor| async move {
        crate::service::support::list(&ctx, &actor, query).await
    })
    .await
}

/// A ticket and its newest messages (`before`: the ones before that number).
/// Opening it marks it read for the party that opens it.
#[server(endpoint = "support/get", input = server_fn::codec::Json)]
pub async fn get_ticket(
    id: String,
    #[server(default)] before: Option<i64>,
) -> Result<TicketThread, AppError> {
    use super::request::*;
    serve(Function::SupportRead, move |ctx, actor| async move {
        crate::service::support::get(&ctx, &actor, &id, before).await
    })
    .await
}

/// The categories the inbox can filter by.
#[server(endpoint = "support/filter_categories", input = server_fn::codec::Json)]
pub async fn filter_categories() -> Result<Vec<CategoryChoice>, AppError> {
    use super::request::*;
    serve(Function::SupportRead, move |ctx, actor| async move {
        crate::service::support::filter_categories(&ctx, &actor).await
    })
    .await
}

/// How many tickets wait unread, from above and from below.
#[server(endpoint = "support/unread", input = server_fn::codec::Json)]
pub async fn unread_tickets() -> Result<UnreadCounts, AppError> {
    use super::request::*;
    serve(Function::SupportRead, move |ctx, actor| async move {
        crate::service::support::unread(&ctx, &actor).await
    })
    .await
}

/// What the form of a new ticket to one's owner offers.
#[server(endpoint = "support/new_ticket_options", input = server_fn::codec::Json)]
pub async fn new_ticket_options() -> Result<TicketFormOptions, AppError> {
    use super::request::*;
    serve(Function::SupportSend, move |ctx, actor| async move {
        crate::service::support::options_up(&ctx, &actor).await
    })
    .await
}

/// What the form of a message to these accounts below offers.
#[server(endpoint = "support/message_options", input = server_fn::codec::Json)]
pub async fn message_options(to: Vec<String>) -> Result<TicketFormOptions, AppError> {
    use super::request::*;
    serve(Function::SupportSend, move |ctx, actor| async move {
        crate::service::support::options_down(&ctx, &actor, &to).await
    })
    .await
}

/// Opens a ticket to the acting account's owner; answers its id.
#[server(endpoint = "support/open")]
pub async fn open_ticket(
    subject: String,
    priority: String,
    #[server(default)] category: String,
    text: String,
) -> Result<String, AppError> {
    use super::request::*;
    let form = TicketForm {
        subject,
        priority,
        category,
        text,
    };
    serve(Function::SupportSend, move |ctx, actor| async move {
        crate::service::support::open_up(&ctx, &actor, form).await
    })
    .await
}

/// Sends a message to accounts below the acting one: one ticket each.
/// Answers the tickets' ids.
#[server(endpoint = "support/message", input = server_fn::codec::Json)]
pub async fn send_message(to: Vec<String>, form: TicketForm) -> Result<Vec<String>, AppError> {
    use super::request::*;
    serve(Function::SupportSend, move |ctx, actor| async move {
        crate::service::support::message_down(&ctx, &actor, &to, form).await
    })
    .await
}

/// Adds a message to a ticket's thread (reopening it if closed).
#[server(endpoint = "support/reply")]
pub async fn reply_ticket(ticket: String, text: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::SupportReply, move |ctx, actor| async move {
        crate::service::support::reply(&ctx, &actor, &ticket, &text).await
    })
    .await
}

/// Closes a ticket.
#[server(endpoint = "support/close")]
pub async fn close_ticket(ticket: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::SupportReply, move |ctx, actor| async move {
        crate::service::support::close(&ctx, &actor, &ticket).await
    })
    .await
}

/// Changes a ticket's working priority (the receiving side only).
#[server(endpoint = "support/set_priority")]
pub async fn set_ticket_priority(ticket: String, priority: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::SupportReply, move |ctx, actor| async move {
        crate::service::support::set_priority(&ctx, &actor, &ticket, &priority).await
    })
    .await
}

/// The acting account's ticket categories (the admin: the server's).
#[server(endpoint = "support/categories", input = server_fn::codec::Json)]
pub async fn list_categories() -> Result<Vec<CategoryView>, AppError> {
    use super::request::*;
    serve(Function::SupportCategories, move |ctx, actor| async move {
        crate::service::support_categories::list(&ctx, &actor).await
    })
    .await
}

/// Creates a category (`id` absent) or saves one; answers its id.
#[server(endpoint = "support/save_category", input = server_fn::codec::Json)]
pub async fn save_category(
    #[server(default)] id: Option<String>,
    form: CategoryForm,
) -> Result<String, AppError> {
    use super::request::*;
    serve(Function::SupportCategories, move |ctx, actor| async move {
        crate::service::support_categories::save(&ctx, &actor, id.as_deref(), form).await
    })
    .await
}

/// Deletes a category that no ticket uses.
#[server(endpoint = "support/delete_category", input = server_fn::codec::Json)]
pub async fn delete_category(id: String) -> Result<(), AppError> {
    use super::request::*;
    serve(Function::SupportCategories, move |ctx, actor| async move {
        crate::service::support_categories::delete(&ctx, &actor, &id).await
    })
    .await
}
