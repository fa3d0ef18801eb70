//! The account form (reseller or user) as typed, and its parsing into values
//! the rules can trust. Every refusal names its field.

use serde::{Deserialize, Serialize};

use super::account::parse_comment;
use super::{Email, Features, FieldError, Limit, Limits, Login, Password};

/// The form fields exactly as submitted. Check boxes arrive as booleans.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub users: String,
    #[serde(default)]
    pub users_unlimited: bool,
    #[serde(default)]
    pub disk_mib: String,
    #[serde(default)]
    pub disk_unlimited: bool,
    #[serde(default)]
    pub traffic_mib: String,
    #[serde(default)]
    pub traffic_unlimited: bool,
    #[serde(default)]
    pub features: Features,
    #[serde(default)]
    pub oversell: bool,
    #[serde(default)]
    pub enabled: bool,
    /// On edit: also take revoked properties away from the account's users.
    #[serde(default)]
    pub revoke_from_users: bool,
}

/// A form that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidAccount {
    /// `None` on edit: the login never changes.
    pub login: Option<Login>,
    /// `None` on edit when left blank: the password stays.
    pub password: Option<Password>,
    pub email: Option<Email>,
    pub comment: String,
    pub limits: Limits,
    pub features: Features,
    pub oversell: bool,
    pub enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    Create,
    Edit,
}

impl AccountForm {
    /// `with_user_limit` is true for resellers, whose pool includes a user count.
    pub fn parse(
        &self,
        mode: FormMode,
        with_user_limit: bool,
    ) -> Result<ValidAccount, Vec<FieldError>> {
        let mut errors = Vec::new();
        let login = match mode {
            FormMode::Create => Login::parse(&self.login)
                .map_err(|m| errors.push(FieldError::new("login", m)))
                .ok(),
            FormMode::Edit => None,
        };
        let password = match mode {
            FormMode::Create => Password::parse(&self.password, &self.password_confirm).map(Some),
            FormMode::Edit => Password::parse_change(&self.password, &self.password_confirm),
        }
        .map_err(|refusal| errors.push(FieldError::new(refusal.field(), refusal.to_string())))
        .ok()
        .flatten();
        let email = Email::parse_optional(&self.email)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok()
            .flatten();
        let comment = parse_comment(&self.comment)
            .map_err(|m| errors.push(FieldError::new("comment", m)))
            .unwrap_or_default();
        let mut limit = |field: &'static str, unlimited: bool, value: &str, unit: &str| {
            Limit::parse(unlimited, value, unit)
                .map_err(|m| errors.push(FieldError::new(field, m)))
                .unwrap_or(Limit::Finite(0))
        };
        let users = if with_user_limit {
            limit("users", self.users_unlimited, &self.users, "users")
        } else {
            Limit::Finite(0)
        };
        let disk_mib = limit("disk_mib", self.disk_unlimited, &self.disk_mib, "MiB");
        let traffic_mib = limit(
            "traffic_mib",
            self.traffic_unlimited,
            &self.traffic_mib,
            "MiB",
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidAccount {
            login,
            password,
            email,
            comment,
            limits: Limits {
                users,
                disk_mib,
                traffic_mib,
            },
            features: self.features,
            oversell: self.oversell && with_user_limit,
            enabled: self.enabled,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> AccountForm {
        AccountForm {
            login: "acme".into(),
            password: "long enough".into(),
            password_confirm: "long enough".into(),
            users: "10".into(),
            disk_mib: "1000".into(),
            traffic_unlimited: true,
            enabled: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let valid = filled()
            .parse(FormMode::Create, true)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(valid.login.map(|l| l.to_string()).as_deref(), Some("acme"));
        assert_eq!(valid.limits.users, Limit::Finite(10));
        assert_eq!(valid.limits.traffic_mib, Limit::Unlimited);
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = AccountForm {
            login: "1bad".into(),
            password: "short".into(),
            password_confirm: "short".into(),
            email: "nope".into(),
            users: "-3".into(),
            disk_mib: "".into(),
            traffic_mib: "lots".into(),
            ..Default::default()
        };
        let errors = form.parse(FormMode::Create, true).err().unwrap_or_default();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "login",
                "password",
                "email",
                "users",
                "disk_mib",
                "traffic_mib"
            ]
        );
    }

    #[test]
    fn editing_ignores_the_login_and_keeps_a_blank_password() {
        let form = AccountForm {
            login: "ignored !!".into(),
            password: String::new(),
            password_confirm: String::new(),
            ..filled()
        };
        let valid = form
            .parse(FormMode::Edit, true)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(valid.login, None);
        assert_eq!(valid.password, None);
    }

    #[test]
    fn mismatched_confirmation_is_reported_on_the_confirmation() {
        let form = AccountForm {
            password_confirm: "something else".into(),
            ..filled()
        };
        let errors = form.parse(FormMode::Create, true).err().unwrap_or_default();
        assert_eq!(errors[0].field, "password_confirm");
    }

    #[test]
    fn users_have_no_user_limit_and_cannot_oversell() {
        let form = AccountForm {
            users: "garbage".into(),
            oversell: true,
            ..filled()
        };
        let valid = form
            .parse(FormMode::Create, false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(valid.limits.users, Limit::Finite(0));
        assert!(!valid.oversell);
    }
}
