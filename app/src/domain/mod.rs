//! Pure rules of the hosting hierarchy: no Leptos, no database, no async.
//! Everything here is shared by the server and the browser and unit-tested in place.

pub mod access;
pub mod account;
pub mod audit;
pub mod branding;
pub mod changes;
pub mod client_address;
pub mod email;
pub mod features;
pub mod form;
pub mod limits;
pub mod listing;
pub mod listing_address;
pub mod locale;
pub mod login;
pub mod password;
pub mod pool;
pub mod posted_selection;
pub mod role;
pub mod support;
pub mod suspension;
pub mod throttle;

pub use account::{AccountState, InactiveReason};
pub use email::Email;
pub use features::{Feature, Features};
pub use limits::{Limit, Limits};
pub use login::Login;
pub use password::{Password, PasswordError};
pub use role::Role;

/// A refusal of one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
