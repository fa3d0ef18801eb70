//! The account form (reseller or user) as typed, and its parsing into values
//! the rules can trust. Every refusal names its field.

use serde::{Deserialize, Serialize};

use super::account::parse_comment;
use super::{Email, Feature, Features, FieldError, Limit, Limits, Login, Password};

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

impl AccountForm {
    /// The form as a browser posts it without WebAssembly
    /// (`application/x-www-form-urlencoded`): a check box is there, whatever
    /// its value, when it is ticked and absent when it is not; a property is
    /// named by its key.
    pub fn from_posted(fields: &[(String, String)]) -> AccountForm {
        let text = |name: &str| {
            fields
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        };
        let ticked = |name: &str| fields.iter().any(|(key, _)| key == name);
        let mut features = Features::default();
        for feature in Feature::ALL {
            features.set(feature, ticked(feature.key()));
        }
        AccountForm {
            login: text("login"),
            password: text("password"),
            password_confirm: text("password_confirm"),
            email: text("email"),
            comment: text("comment"),
            users: text("users"),
            users_unlimited: ticked("users_unlimited"),
            disk_mib: text("disk_mib"),
            disk_unlimited: ticked("disk_unlimited"),
            traffic_mib: text("traffic_mib"),
            traffic_unlimited: ticked("traffic_unlimited"),
            features,
            oversell: ticked("oversell"),
            enabled: ticked("enabled"),
            revoke_from_users: ticked("revoke_from_users"),
        }
    }

    /// The form without its passwords, fit to be sent back to the browser.
    pub fn without_secrets(self) -> AccountForm {
        AccountForm {
            password: String::new(),
            password_confirm: String::new(),
            ..self
        }
    }
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

    #[test]
    fn a_posted_form_reads_ticked_boxes_as_present_and_the_rest_as_absent() {
        let posted: Vec<(String, String)> = [
            ("login", "acme"),
            ("password", "long enough"),
            ("password_confirm", "long enough"),
            ("users", "10"),
            ("disk_mib", "1000"),
            ("traffic_unlimited", "on"),
            ("php", "on"),
            ("https", "on"),
            ("enabled", "on"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let form = AccountForm::from_posted(&posted);
        assert_eq!(
            form,
            AccountForm {
                features: Features {
                    php: true,
                    https: true,
                    ..Default::default()
                },
                ..filled()
            }
        );
        assert!(!form.disk_unlimited && !form.oversell && !form.revoke_from_users);
    }

    #[test]
    fn an_empty_post_is_an_empty_form_that_is_refused_field_by_field() {
        let form = AccountForm::from_posted(&[]);
        assert_eq!(form, AccountForm::default());
        assert!(form.parse(FormMode::Create, true).is_err());
    }

    #[test]
    fn a_form_sent_back_carries_no_password() {
        let form = filled().without_secrets();
        assert_eq!(
            (form.password.as_str(), form.password_confirm.as_str()),
            ("", "")
        );
        assert_eq!(form.login, "acme");
    }
}
