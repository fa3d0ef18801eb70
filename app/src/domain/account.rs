use serde::{Deserialize, Serialize};

/// Why an account cannot be used right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InactiveReason {
    /// Its own flag is off.
    DisabledItself,
    /// Its own flag is on, but an account above it is disabled.
    OwnerDisabled,
    /// Both: enabling the owner alone will not bring it back.
    DisabledItselfAndOwner,
}

/// The derived state of an account: active only if it is enabled and every
/// account above it is. Stored per account is only the own flag, so that
/// disabling a reseller is one write, and enabling it again brings back exactly
/// the users that were not disabled on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountState {
    Active,
    Inactive(InactiveReason),
}

impl AccountState {
    /// `owner_chain_enabled` holds the own flags of the accounts above, nearest first.
    pub fn derive(enabled: bool, owner_chain_enabled: &[bool]) -> Self {
        let owners_active = owner_chain_enabled.iter().all(|e| *e);
        match (enabled, owners_active) {
            (true, true) => AccountState::Active,
            (false, true) => AccountState::Inactive(InactiveReason::DisabledItself),
            (true, false) => AccountState::Inactive(InactiveReason::OwnerDisabled),
            (false, false) => AccountState::Inactive(InactiveReason::DisabledItselfAndOwner),
        }
    }

    pub fn is_active(self) -> bool {
        matches!(self, AccountState::Active)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountState::Active => "Active",
            AccountState::Inactive(InactiveReason::DisabledItself) => "Disabled",
            AccountState::Inactive(InactiveReason::OwnerDisabled) => "Inactive: owner disabled",
            AccountState::Inactive(InactiveReason::DisabledItselfAndOwner) => {
                "Disabled, and its owner too"
            }
        }
    }
}

/// The state filter offered by account lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StateFilter {
    #[default]
    Any,
    Active,
    Inactive,
}

impl StateFilter {
    pub fn parse(value: &str) -> Self {
        match value {
            "active" => StateFilter::Active,
            "inactive" => StateFilter::Inactive,
            _ => StateFilter::Any,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            StateFilter::Any => "any",
            StateFilter::Active => "active",
            StateFilter::Inactive => "inactive",
        }
    }
}

/// A comment on an account: free text, bounded.
pub const COMMENT_MAX_LEN: usize = 1000;

pub fn parse_comment(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.chars().count() > COMMENT_MAX_LEN {
        return Err(format!(
            "A comment has at most {COMMENT_MAX_LEN} characters."
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err("A comment cannot contain control characters.".into());
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_only_when_enabled_and_every_owner_is() {
        assert_eq!(AccountState::derive(true, &[]), AccountState::Active);
        assert_eq!(AccountState::derive(true, &[true]), AccountState::Active);
        assert!(!AccountState::derive(true, &[false]).is_active());
    }

    #[test]
    fn disabling_the_owner_reaches_the_user_without_touching_its_flag() {
        assert_eq!(
            AccountState::derive(true, &[false]),
            AccountState::Inactive(InactiveReason::OwnerDisabled)
        );
    }

    #[test]
    fn a_user_disabled_on_its_own_stays_disabled_when_the_owner_comes_back() {
        assert_eq!(
            AccountState::derive(false, &[false]),
            AccountState::Inactive(InactiveReason::DisabledItselfAndOwner)
        );
        assert_eq!(
            AccountState::derive(false, &[true]),
            AccountState::Inactive(InactiveReason::DisabledItself)
        );
    }

    #[test]
    fn comments_are_bounded_and_plain() {
        assert_eq!(parse_comment("  pays yearly "), Ok("pays yearly".into()));
        assert!(parse_comment(&"x".repeat(1001)).is_err());
        assert!(parse_comment("bell\u{7}").is_err());
    }
}
