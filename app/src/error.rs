//! The one error type every server function returns. It travels to the browser
//! as JSON, so a validation refusal arrives with the field it belongs to.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::domain::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please log in.")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// One or more fields were refused; nothing was changed.
    #[error("{}", summary(.0))]
    Validation(Vec<InvalidField>),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyAttempts(String),
    #[error("Something went wrong on the server. Please try again.")]
    Internal,
    /// Transport and encoding failures between browser and server.
    #[error("The server could not be reached ({0}).")]
    Transport(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidField {
    pub field: String,
    pub message: String,
}

fn summary(fields: &[InvalidField]) -> String {
    match fields {
        [one] => one.message.clone(),
        _ => "Some fields need correcting.".into(),
    }
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![InvalidField {
            field: field.into(),
            message: message.into(),
        }])
    }

    pub fn fields(errors: Vec<FieldError>) -> Self {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| InvalidField {
                    field: e.field.into(),
                    message: e.message,
                })
                .collect(),
        )
    }

    /// The message for one field, if this error refused it.
    pub fn for_field(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation(fields) => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.clone()),
            _ => None,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyAttempts(_) => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::fields(vec![error])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_is_found_by_its_field() {
        let error = AppError::field("login", "Enter a login.");
        assert_eq!(error.for_field("login").as_deref(), Some("Enter a login."));
        assert_eq!(error.for_field("password"), None);
        assert_eq!(error.to_string(), "Enter a login.");
    }

    #[test]
    fn survives_the_trip_as_json() {
        let error = AppError::fields(vec![FieldError::new("disk_mib", "too much")]);
        let json = serde_json::to_string(&error).unwrap_or_default();
        let back: AppError = serde_json::from_str(&json).unwrap_or(AppError::Internal);
        assert_eq!(back, error);
    }
}
