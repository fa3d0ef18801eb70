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
    /// The request itself could not be read: not the shape the server
    /// function takes, not valid JSON or form data, not UTF-8. A client
    /// fault, so nothing was attempted.
    #[error("The request could not be read: {0}")]
    BadRequest(String),
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
            AppError::BadRequest(_) => 400,
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
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                AppError::BadRequest(short(&detail))
            }
            // On the server this is the request body failing to arrive as
            // text (invalid UTF-8, a broken stream); in the browser it is the
            // response failing to decode, which is a transport failure.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(detail) => AppError::BadRequest(short(&detail)),
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// A decoder's complaint, cut to a length that a person or a log line can
/// take in: a body can be up to the size limit, and a decoder may quote it.
fn short(detail: &str) -> String {
    const MAX_CHARS: usize = 200;
    match detail.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &detail[..cut]),
        None => detail.to_owned(),
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
    fn an_unreadable_request_body_is_a_400_with_a_short_message() {
        let missing = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "missing field `form` at line 1 column 2".into(),
        ));
        assert_eq!(
            missing,
            AppError::BadRequest("missing field `form` at line 1 column 2".into())
        );
        assert_eq!(missing.status(), 400);
        let quoted = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".repeat(5_000)));
        assert!(quoted.to_string().chars().count() < 300, "{quoted}");
        assert_eq!(quoted.status(), 400);
        let server_side = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "the handler failed".into(),
        ));
        assert_eq!(server_side.status(), 500);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_body_that_is_not_text_is_a_400_on_the_server() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "invalid utf-8 sequence of 1 bytes from index 0".into(),
        ));
        assert_eq!(error.status(), 400);
    }

    #[test]
    fn survives_the_trip_as_json() {
        let error = AppError::fields(vec![FieldError::new("disk_mib", "too much")]);
        let json = serde_json::to_string(&error).unwrap_or_default();
        let back: AppError = serde_json::from_str(&json).unwrap_or(AppError::Internal);
        assert_eq!(back, error);
    }
}
