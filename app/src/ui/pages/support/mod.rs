//! The Support center's pages: the inbox, a ticket's thread, a new ticket
//! to one's owner, a message to accounts below, and ticket categories.

pub mod categories;
pub mod inbox;
pub mod message;
pub mod new_ticket;
pub mod ticket;

use leptos::prelude::*;

use crate::domain::support::{Priority, Status};

/// A ticket's status, in words and colour.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("status-badge {}", status.key())>{status.label()}</span> }
}

/// A priority, in words and colour.
#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    view! { <span class=format!("priority-badge {}", priority.key())>{priority.label()}</span> }
}
