//! The Support center's pages: the inbox, a ticket's thread, a new ticket
//! to one's owner, a message to accounts below, and ticket categories.

pub mod categories;
pub mod inbox;
pub mod message;
pub mod new_ticket;
pub mod ticket;

use leptos::prelude::*;

use crate::domain::support::{Priority, Status};
use crate::ui::i18n::support::use_support_texts;

/// A ticket's status, in words and colour.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let t = use_support_texts();
    view! { <span class=format!("status-badge {}", status.key())>{t.status_label(status)}</span> }
}

/// A priority, in words and colour.
#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let t = use_support_texts();
    view! { <span class=format!("priority-badge {}", priority.key())>{t.priority_label(priority)}</span> }
}
