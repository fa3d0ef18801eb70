use crate::db::accounts::AccountRow;
use crate::domain::access::{Access, Function, Needs, effective};
use crate::domain::{AccountState, Role};
use crate::error::AppError;

/// Who is acting: the chain of accounts from the one that logged in to the
/// panel it has entered. It acts with the last account's role and rights,
/// no more. Worked out when the session is resolved and remembered with it,
/// so that checking a function costs no database read.
#[derive(Debug, Clone)]
pub struct Actor {
    pub session_id: String,
    pub chain: Vec<AccountRow>,
    rights: Access,
    /// Why the session just left an entered panel on its own, until the
    /// next page has shown it.
    pub notice: Option<String>,
}

impl Actor {
    /// `chain` is never empty (schema assert and `auth::resolve`).
    pub fn new(session_id: String, chain: Vec<AccountRow>) -> Self {
        let rights = chain.last().map(rights_of).unwrap_or_default();
        Actor {
            session_id,
            chain,
            rights,
            notice: None,
        }
    }

    pub fn acting(&self) -> &AccountRow {
        &self.chain[self.chain.len() - 1]
    }

    /// The account that logged in.
    pub fn logged_in(&self) -> &AccountRow {
        &self.chain[0]
    }

    /// Whether the session has entered another account's panel.
    pub fn has_entered(&self) -> bool {
        self.chain.len() > 1
    }

    pub fn role(&self) -> Role {
        role_of(self.acting())
    }

    /// The functions the acting account may use.
    pub fn rights(&self) -> &Access {
        &self.rights
    }

    pub fn require(&self, role: Role) -> Result<&AccountRow, AppError> {
        if self.role() == role {
            Ok(self.acting())
        } else {
            Err(AppError::Forbidden(format!(
                "Only the {} may do this.",
                role.label().to_lowercase()
            )))
        }
    }

    /// The guard every server function passes: refuses, naming the
    /// function, what the acting account may not use.
    pub fn check(&self, needs: Needs) -> Result<(), AppError> {
        match needs {
            Needs::SignedIn => Ok(()),
            Needs::Function(function) => self.require_function(function),
        }
    }

    pub fn require_function(&self, function: Function) -> Result<(), AppError> {
        if self.rights.allows(function) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "This account may not use “{}”.",
                function.name()
            )))
        }
    }

    /// Logins of the chain, for the audit log.
    pub fn chain_logins(&self) -> Vec<String> {
        self.chain.iter().map(|a| a.login.clone()).collect()
    }
}

pub fn role_of(row: &AccountRow) -> Role {
    Role::parse(&row.role).unwrap_or(Role::User)
}

pub fn state_of(row: &AccountRow) -> AccountState {
    let owner_chain: Vec<bool> = row.owner_enabled.into_iter().collect();
    AccountState::derive(row.enabled, &owner_chain)
}

/// The account's stored grants.
pub fn grants_of(row: &AccountRow) -> Access {
    keys_to_access(row.access.as_deref())
}

fn keys_to_access(keys: Option<&[String]>) -> Access {
    Access::from_keys(keys.unwrap_or_default().iter().map(String::as_str))
}

/// What the account may use: its grants within its owner's rights. An
/// owner without stored grants is the admin, who holds all.
pub fn rights_of(row: &AccountRow) -> Access {
    let owner = row
        .owner_access
        .as_deref()
        .map(|keys| keys_to_access(Some(keys)));
    effective(role_of(row), &grants_of(row), owner.as_ref())
}
