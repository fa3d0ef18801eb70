use std::fmt;

use serde::{Deserialize, Serialize};

/// An account's login: it doubles as the system user name, so it follows the
/// rules of one (`^[a-z][a-z0-9_-]{0,31}$`) and never changes after creation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Login(String);

pub const LOGIN_MAX_LEN: usize = 32;

impl Login {
    pub fn parse(input: &str) -> Result<Self, String> {
        let value = input.trim();
        if value.is_empty() {
            return Err("Enter a login.".into());
        }
        if value.len() > LOGIN_MAX_LEN {
            return Err(format!(
                "A login has at most {LOGIN_MAX_LEN} characters (this one has {}).",
                value.chars().count()
            ));
        }
        let mut chars = value.chars();
        let first = chars.next().unwrap_or(' ');
        if !first.is_ascii_lowercase() {
            return Err("A login starts with a lower-case letter (a–z).".into());
        }
        if let Some(bad) = value
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
        {
            return Err(format!(
                "A login may contain only a–z, 0–9, '_' and '-' (found '{bad}')."
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_system_user_names() {
        for ok in ["a", "acme", "web-01", "r_2", &"a".repeat(32)] {
            assert_eq!(Login::parse(ok).map(|l| l.to_string()), Ok(ok.to_string()));
        }
    }

    #[test]
    fn trims_surrounding_space() {
        assert_eq!(
            Login::parse("  acme ").map(|l| l.to_string()),
            Ok("acme".into())
        );
    }

    #[test]
    fn refuses_what_a_system_user_name_cannot_be() {
        for bad in [
            "",
            "   ",
            "1acme",
            "-acme",
            "Acme",
            "ac me",
            "acmé",
            "a.b",
            &"a".repeat(33),
        ] {
            assert!(Login::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn names_the_offending_character() {
        let message = Login::parse("ab$c").err().unwrap_or_default();
        assert!(message.contains('$'), "{message}");
    }
}
