use crate::db::accounts::AccountRow;
use crate::domain::{AccountState, Role};
use crate::error::AppError;

/// Who is acting: the chain of accounts from the one that logged in to the
/// panel it has entered. It acts with the last account's privileges, no more.
#[derive(Debug, Clone)]
pub struct Actor {
    pub session_id: String,
    pub chain: Vec<AccountRow>,
}

impl Actor {
    pub fn acting(&self) -> &AccountRow {
        // A session chain is never empty (schema assert and `resolve`).
        &self.chain[self.chain.len() - 1]
    }

    pub fn role(&self) -> Role {
        role_of(self.acting())
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
