/// A new password as typed by a person. Only its length is ruled on: long
/// passphrases are welcome, composition rules are not imposed (NIST 800-63B).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

pub const PASSWORD_MIN_LEN: usize = 8;
pub const PASSWORD_MAX_LEN: usize = 128;

/// Why a new password was refused. Each refusal belongs to one form field:
/// a mismatch is the confirmation's, everything else the password's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    Missing,
    TooShort,
    TooLong,
    OnlySpaces,
    /// The confirmation differs from the password.
    Mismatch,
}

impl PasswordError {
    /// The form field the refusal is shown next to.
    pub fn field(self) -> &'static str {
        match self {
            PasswordError::Mismatch => "password_confirm",
            _ => "password",
        }
    }
}

impl std::fmt::Display for PasswordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasswordError::Missing => f.write_str("Enter a password."),
            PasswordError::TooShort => {
                write!(f, "A password has at least {PASSWORD_MIN_LEN} characters.")
            }
            PasswordError::TooLong => {
                write!(f, "A password has at most {PASSWORD_MAX_LEN} characters.")
            }
            PasswordError::OnlySpaces => f.write_str("A password cannot be only spaces."),
            PasswordError::Mismatch => f.write_str("The two passwords differ."),
        }
    }
}

impl std::error::Error for PasswordError {}

impl Password {
    pub fn parse(input: &str, confirmation: &str) -> Result<Self, PasswordError> {
        let length = input.chars().count();
        if length == 0 {
            return Err(PasswordError::Missing);
        }
        if length < PASSWORD_MIN_LEN {
            return Err(PasswordError::TooShort);
        }
        if length > PASSWORD_MAX_LEN {
            return Err(PasswordError::TooLong);
        }
        if input.trim().is_empty() {
            return Err(PasswordError::OnlySpaces);
        }
        if input != confirmation {
            return Err(PasswordError::Mismatch);
        }
        Ok(Self(input.to_owned()))
    }

    /// On edit a blank password means "keep the current one".
    pub fn parse_change(input: &str, confirmation: &str) -> Result<Option<Self>, PasswordError> {
        if input.is_empty() && confirmation.is_empty() {
            return Ok(None);
        }
        Self::parse(input, confirmation).map(Some)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

// Never print a password, not even in a debug log.
impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_long_enough_confirmed_password() {
        assert!(Password::parse("correct horse", "correct horse").is_ok());
    }

    #[test]
    fn refuses_short_empty_blank_overlong_or_unconfirmed() {
        let long = "x".repeat(129);
        let cases = [
            ("", "", PasswordError::Missing),
            ("short", "short", PasswordError::TooShort),
            ("          ", "          ", PasswordError::OnlySpaces),
            (long.as_str(), long.as_str(), PasswordError::TooLong),
            ("correct horse", "correct house", PasswordError::Mismatch),
        ];
        for (input, confirmation, refusal) in cases {
            assert_eq!(
                Password::parse(input, confirmation),
                Err(refusal),
                "{input:?}"
            );
        }
    }

    #[test]
    fn only_a_mismatch_belongs_to_the_confirmation_field() {
        assert_eq!(PasswordError::Mismatch.field(), "password_confirm");
        for refusal in [
            PasswordError::Missing,
            PasswordError::TooShort,
            PasswordError::TooLong,
            PasswordError::OnlySpaces,
        ] {
            assert_eq!(refusal.field(), "password", "{refusal:?}");
        }
        assert_eq!(
            PasswordError::TooShort.to_string(),
            "A password has at least 8 characters."
        );
    }

    #[test]
    fn blank_change_keeps_the_current_password() {
        assert_eq!(Password::parse_change("", ""), Ok(None));
        assert_eq!(
            Password::parse_change("", "something"),
            Err(PasswordError::Missing)
        );
        assert!(matches!(
            Password::parse_change("new secret", "new secret"),
            Ok(Some(_))
        ));
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let password = Password::parse("topsecret1", "topsecret1").ok();
        assert!(!format!("{password:?}").contains("topsecret1"));
    }
}
