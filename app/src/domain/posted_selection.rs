//! An action on the selected rows of a list, as a browser posts it before the
//! WebAssembly runs: the ticked boxes (`row=<id>:<login>`, the login only to
//! name the account back to the user) and the button pressed (`op=…`).

use serde::{Deserialize, Serialize};

/// The buttons of a list's toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostedAction {
    Edit,
    Access,
    Branding,
    Enter,
    Message,
    Enable,
    Disable,
    /// Asks first: the list comes back with the confirmation open.
    Delete,
    /// The confirmation's own button.
    DeleteConfirmed,
}

impl PostedAction {
    pub const ALL: [PostedAction; 9] = [
        PostedAction::Edit,
        PostedAction::Access,
        PostedAction::Branding,
        PostedAction::Enter,
        PostedAction::Message,
        PostedAction::Enable,
        PostedAction::Disable,
        PostedAction::Delete,
        PostedAction::DeleteConfirmed,
    ];

    /// The value its button posts as `op`.
    pub fn key(self) -> &'static str {
        match self {
            PostedAction::Edit => "edit",
            PostedAction::Access => "access",
            PostedAction::Branding => "branding",
            PostedAction::Enter => "enter",
            PostedAction::Message => "message",
            PostedAction::Enable => "enable",
            PostedAction::Disable => "disable",
            PostedAction::Delete => "delete",
            PostedAction::DeleteConfirmed => "delete-confirmed",
        }
    }

    /// Whether it works on exactly one account (it opens that account's page).
    pub fn takes_one(self) -> bool {
        matches!(
            self,
            PostedAction::Edit
                | PostedAction::Access
                | PostedAction::Branding
                | PostedAction::Enter
        )
    }
}

/// The value a row's check box posts: its id, and its login to name it.
pub fn row_value(id: &str, login: &str) -> String {
    format!("{id}:{login}")
}

/// A parsed post: what to do, to which accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedSelection {
    pub action: PostedAction,
    /// `(id, login)` in the order the boxes were posted.
    pub rows: Vec<(String, String)>,
    /// "also enable users disabled individually", ticked.
    pub also_users: bool,
}

impl PostedSelection {
    /// `noun` names the list's accounts in the refusal ("reseller").
    pub fn parse(fields: &[(String, String)], noun: &str) -> Result<PostedSelection, String> {
        let op = fields
            .iter()
            .find(|(key, _)| key == "op")
            .map(|(_, v)| v.as_str());
        let action = PostedAction::ALL
            .into_iter()
            .find(|action| Some(action.key()) == op)
            .ok_or_else(|| "Choose an action.".to_owned())?;
        let rows: Vec<(String, String)> = fields
            .iter()
            .filter(|(key, _)| key == "row")
            .filter_map(|(_, value)| value.split_once(':'))
            // An id is a record key: anything else was not one of our boxes
            // (and must not reach the addresses built from it).
            .filter(|(id, _)| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(|(id, login)| (id.to_owned(), login.to_owned()))
            .collect();
        if rows.is_empty() {
            return Err(format!("Select at least one {noun}."));
        }
        if action.takes_one() && rows.len() != 1 {
            return Err(format!("Select exactly one {noun} for this action."));
        }
        Ok(PostedSelection {
            action,
            rows,
            also_users: fields.iter().any(|(key, _)| key == "also_users"),
        })
    }

    pub fn ids(&self) -> Vec<String> {
        self.rows.iter().map(|(id, _)| id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ticked_rows_and_the_pressed_button_are_read() {
        let posted = post(&[
            ("row", "aaa:acme"),
            ("row", "bbb:beta"),
            ("also_users", "on"),
            ("op", "enable"),
        ]);
        let selection = PostedSelection::parse(&posted, "reseller");
        assert_eq!(
            selection,
            Ok(PostedSelection {
                action: PostedAction::Enable,
                rows: vec![("aaa".into(), "acme".into()), ("bbb".into(), "beta".into())],
                also_users: true,
            })
        );
    }

    #[test]
    fn nothing_ticked_is_refused_naming_the_accounts() {
        let refused = PostedSelection::parse(&post(&[("op", "disable")]), "user");
        assert_eq!(refused, Err("Select at least one user.".into()));
    }

    #[test]
    fn an_action_on_one_account_wants_exactly_one() {
        let two = post(&[("row", "a:x"), ("row", "b:y"), ("op", "edit")]);
        assert!(PostedSelection::parse(&two, "reseller").is_err());
        let one = post(&[("row", "a:x"), ("op", "edit")]);
        assert_eq!(
            PostedSelection::parse(&one, "reseller").map(|s| s.ids()),
            Ok(vec!["a".to_owned()])
        );
    }

    #[test]
    fn a_row_that_is_not_a_record_key_is_not_taken() {
        let posted = post(&[("row", "../x:evil"), ("row", "a&b=c:y"), ("op", "edit")]);
        assert_eq!(
            PostedSelection::parse(&posted, "user"),
            Err("Select at least one user.".into())
        );
    }

    #[test]
    fn an_unknown_button_is_refused() {
        let posted = post(&[("row", "a:x"), ("op", "format-disk")]);
        assert_eq!(
            PostedSelection::parse(&posted, "user"),
            Err("Choose an action.".into())
        );
    }

    #[test]
    fn every_button_value_is_read_back_as_its_action() {
        for action in PostedAction::ALL {
            let posted = post(&[("row", "a:x"), ("op", action.key())]);
            assert_eq!(
                PostedSelection::parse(&posted, "user").map(|s| s.action),
                Ok(action)
            );
        }
        assert_eq!(row_value("a", "x"), "a:x");
    }
}
