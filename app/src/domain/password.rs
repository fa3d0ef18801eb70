/// A new password as typed by a person. Only its length is ruled on: long
/// passphrases are welcome, composition rules are not imposed (NIST 800-63B).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

pub const PASSWORD_MIN_LEN: usize = 8;
pub const PASSWORD_MAX_LEN: usize = 128;

impl Password {
    pub fn parse(input: &str, confirmation: &str) -> Result<Self, String> {
        let length = input.chars().count();
        if length == 0 {
            return Err("Enter a password.".into());
        }
        if length < PASSWORD_MIN_LEN {
            return Err(format!(
                "A password has at least {PASSWORD_MIN_LEN} characters."
            ));
        }
        if length > PASSWORD_MAX_LEN {
            return Err(format!(
                "A password has at most {PASSWORD_MAX_LEN} characters."
            ));
        }
        if input.trim().is_empty() {
            return Err("A password cannot be only spaces.".into());
        }
        if input != confirmation {
            return Err("The two passwords differ.".into());
        }
        Ok(Self(input.to_owned()))
    }

    /// On edit a blank password means "keep the current one".
    pub fn parse_change(input: &str, confirmation: &str) -> Result<Option<Self>, String> {
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
        assert!(Password::parse("", "").is_err());
        assert!(Password::parse("short", "short").is_err());
        assert!(Password::parse("          ", "          ").is_err());
        let long = "x".repeat(129);
        assert!(Password::parse(&long, &long).is_err());
        assert!(Password::parse("correct horse", "correct house").is_err());
    }

    #[test]
    fn blank_change_keeps_the_current_password() {
        assert_eq!(Password::parse_change("", ""), Ok(None));
        assert!(Password::parse_change("", "something").is_err());
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
