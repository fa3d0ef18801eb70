use serde::{Deserialize, Serialize};

/// The three kinds of account. The hierarchy is fixed and never nests
/// resellers: admin → reseller → user, or admin → user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Reseller,
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reseller => "reseller",
            Role::User => "user",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Role::Admin),
            "reseller" => Some(Role::Reseller),
            "user" => Some(Role::User),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Reseller => "Reseller",
            Role::User => "User",
        }
    }

    /// Whether an account of this role may own an account of `child` role.
    pub fn may_own(self, child: Role) -> bool {
        matches!(
            (self, child),
            (Role::Admin, Role::Reseller)
                | (Role::Admin, Role::User)
                | (Role::Reseller, Role::User)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (owner, child) pair, spelled out: the hierarchy is admin →
    /// reseller → user or admin → user, and nothing else.
    #[test]
    fn only_the_fixed_hierarchy_may_own() {
        use Role::{Admin, Reseller, User};
        let expected = [
            (Admin, Admin, false),
            (Admin, Reseller, true),
            (Admin, User, true),
            (Reseller, Admin, false),
            (Reseller, Reseller, false),
            (Reseller, User, true),
            (User, Admin, false),
            (User, Reseller, false),
            (User, User, false),
        ];
        for (owner, child, may) in expected {
            assert_eq!(owner.may_own(child), may, "{owner:?} owning {child:?}");
        }
    }

    #[test]
    fn round_trips_through_its_name() {
        for role in [Role::Admin, Role::Reseller, Role::User] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
