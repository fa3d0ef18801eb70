//! Who may lift a suspension. Disabling an account records who did it, so that
//! a lower role cannot undo a higher role's decision: a reseller cannot bring
//! back a user that the admin suspended, while the admin can lift anything.

use serde::{Deserialize, Serialize};

use super::Role;

/// Who disabled an account, and when (seconds since the Unix epoch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub by_login: String,
    pub by_role: Role,
    pub at: i64,
}

/// Higher roles decide over lower ones.
fn rank(role: Role) -> u8 {
    match role {
        Role::Admin => 2,
        Role::Reseller => 1,
        Role::User => 0,
    }
}

impl Suspension {
    /// "the administrator", "the reseller acme".
    fn by_whom(&self) -> String {
        match self.by_role {
            Role::Admin => "the administrator".into(),
            role => format!("the {} {}", role.label().to_lowercase(), self.by_login),
        }
    }

    fn who_can_lift(&self) -> &'static str {
        match self.by_role {
            Role::Admin => "the administrator",
            Role::Reseller => "its reseller or the administrator",
            Role::User => "its owner",
        }
    }
}

/// Whether an account of role `lifter` may enable `target`, which
/// `suspension` disabled; the refusal names who suspended it. A suspension
/// made before suspensions were recorded (`None`) can be lifted by whoever
/// manages the account, as it always could.
pub fn may_lift(lifter: Role, target: &str, suspension: Option<&Suspension>) -> Result<(), String> {
    match suspension {
        Some(suspension) if rank(suspension.by_role) > rank(lifter) => Err(format!(
            "{target} was disabled by {}: only {} can enable it.",
            suspension.by_whom(),
            suspension.who_can_lift()
        )),
        _ => Ok(()),
    }
}

/// The suspension an account holds after `by` disables it; `current` is the
/// one it holds if it is already disabled. A higher role's suspension stays:
/// otherwise a lower role could take it over by disabling again, then lift it.
pub fn after_disable(current: Option<Suspension>, by: Suspension) -> Suspension {
    match current {
        Some(current) if rank(current.by_role) > rank(by.by_role) => current,
        _ => by,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn by(role: Role, login: &str) -> Suspension {
        Suspension {
            by_login: login.into(),
            by_role: role,
            at: 100,
        }
    }

    #[test]
    fn a_reseller_cannot_lift_the_administrators_suspension_and_is_told_why() {
        let refusal =
            may_lift(Role::Reseller, "web1", Some(&by(Role::Admin, "admin"))).unwrap_err();
        assert_eq!(
            refusal,
            "web1 was disabled by the administrator: only the administrator can enable it."
        );
    }

    #[test]
    fn the_administrator_lifts_any_suspension() {
        for role in [Role::Admin, Role::Reseller, Role::User] {
            assert!(may_lift(Role::Admin, "web1", Some(&by(role, "x"))).is_ok());
        }
    }

    #[test]
    fn a_reseller_lifts_its_own_suspension() {
        assert!(may_lift(Role::Reseller, "web1", Some(&by(Role::Reseller, "acme"))).is_ok());
    }

    #[test]
    fn an_unrecorded_suspension_can_be_lifted_by_its_manager() {
        assert!(may_lift(Role::Reseller, "web1", None).is_ok());
    }

    #[test]
    fn a_lower_role_cannot_lift_a_higher_ones_suspension() {
        assert_eq!(
            may_lift(Role::User, "web1", Some(&by(Role::Reseller, "acme"))).unwrap_err(),
            "web1 was disabled by the reseller acme: only its reseller or the administrator \
             can enable it."
        );
        assert!(may_lift(Role::Reseller, "web1", Some(&by(Role::Admin, "admin"))).is_err());
    }

    #[test]
    fn disabling_again_cannot_take_over_a_higher_roles_suspension() {
        let admin = by(Role::Admin, "admin");
        let reseller = Suspension {
            at: 200,
            ..by(Role::Reseller, "acme")
        };
        assert_eq!(after_disable(Some(admin.clone()), reseller.clone()), admin);
    }

    #[test]
    fn a_higher_or_equal_role_disabling_again_becomes_the_suspender() {
        let admin = by(Role::Admin, "admin");
        let reseller = by(Role::Reseller, "acme");
        assert_eq!(after_disable(Some(reseller.clone()), admin.clone()), admin);
        let later = Suspension {
            at: 300,
            ..reseller.clone()
        };
        assert_eq!(after_disable(Some(reseller), later.clone()), later);
        assert_eq!(after_disable(None, admin.clone()), admin);
    }
}
