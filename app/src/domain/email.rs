use serde::{Deserialize, Serialize};

/// A contact address. Deliberately lenient (one '@', a dot in the domain, no
/// spaces): the only real check of an address is a mail that arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

pub const EMAIL_MAX_LEN: usize = 254;

impl Email {
    /// Blank input means "no address".
    pub fn parse_optional(input: &str) -> Result<Option<Self>, String> {
        let value = input.trim();
        if value.is_empty() {
            return Ok(None);
        }
        if value.len() > EMAIL_MAX_LEN {
            return Err(format!(
                "An e-mail address has at most {EMAIL_MAX_LEN} characters."
            ));
        }
        let valid = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !valid {
            return Err("Enter an e-mail address like name@example.com.".into());
        }
        Ok(Some(Self(value.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_no_address() {
        assert_eq!(Email::parse_optional("  "), Ok(None));
    }

    #[test]
    fn accepts_ordinary_addresses() {
        assert!(matches!(
            Email::parse_optional("ops@acme.example"),
            Ok(Some(_))
        ));
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "acme",
            "@acme.com",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "a@.com",
            "a@com.",
        ] {
            assert!(Email::parse_optional(bad).is_err(), "{bad}");
        }
    }
}
