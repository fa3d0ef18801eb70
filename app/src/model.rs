//! Wire types: what server functions send to the browser. Never a password
//! hash or a session token.

use serde::{Deserialize, Serialize};

use crate::domain::pool::Allocation;
use crate::domain::{AccountState, Features, Limits, Role};

/// The signed-in person and the panel it is acting in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// Logins of the acting chain: who logged in first, the entered panel last.
    pub chain: Vec<ChainLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainLink {
    pub login: String,
    pub role: Role,
}

impl Me {
    pub fn acting(&self) -> Option<&ChainLink> {
        self.chain.last()
    }

    pub fn role(&self) -> Role {
        self.acting().map(|l| l.role).unwrap_or(Role::User)
    }

    pub fn login(&self) -> &str {
        self.acting().map(|l| l.login.as_str()).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub login: String,
    pub role: Role,
    pub state: AccountState,
    pub limits: Limits,
    pub features: Features,
    pub allocation: Allocation,
    pub used_disk_mib: u64,
    pub used_traffic_mib: u64,
    pub owner_login: Option<String>,
    /// How to reach the owner (for a user: its reseller's contact e-mail).
    pub owner_email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Dashboard {
    Admin { resellers: u64, users: u64 },
    Reseller(AccountOverview),
    User(AccountOverview),
}

#[cfg(feature = "ssr")]
mod from_rows {
    use super::*;
    use crate::db::accounts::AccountRow;
    use crate::domain::Limit;
    use crate::service::actor::{role_of, state_of};

    pub fn limits(row: &AccountRow) -> Limits {
        Limits {
            users: Limit::from_option(row.users_limit),
            disk_mib: Limit::from_option(row.disk_limit),
            traffic_mib: Limit::from_option(row.traffic_limit),
        }
    }

    pub fn features(row: &AccountRow) -> Features {
        Features {
            shell: row.shell,
            cgi: row.cgi,
            php: row.php,
            ssi: row.ssi,
            https: row.https,
        }
    }

    pub fn allocation(row: &AccountRow) -> Allocation {
        let n = |v: i64| v.max(0) as u64;
        Allocation {
            users: n(row.alloc_users),
            disk_mib: n(row.alloc_disk),
            disk_unlimited: n(row.alloc_disk_unlimited),
            traffic_mib: n(row.alloc_traffic),
            traffic_unlimited: n(row.alloc_traffic_unlimited),
        }
    }

    impl Me {
        pub fn single(row: &AccountRow) -> Self {
            Me {
                chain: vec![ChainLink {
                    login: row.login.clone(),
                    role: role_of(row),
                }],
            }
        }

        pub fn of(actor: &crate::service::Actor) -> Self {
            Me {
                chain: actor
                    .chain
                    .iter()
                    .map(|row| ChainLink {
                        login: row.login.clone(),
                        role: role_of(row),
                    })
                    .collect(),
            }
        }
    }

    impl AccountListRow {
        pub fn from_row(row: &AccountRow) -> Self {
            Self {
                id: row.id.clone(),
                login: row.login.clone(),
                role: role_of(row),
                owner_login: row.owner_login.clone(),
                state: state_of(row),
                features: features(row),
                limits: limits(row),
                allocation: allocation(row),
                used_disk_mib: row.used_disk.max(0) as u64,
                used_traffic_mib: row.used_traffic.max(0) as u64,
            }
        }
    }

    impl AccountDetail {
        pub fn from_row(row: &AccountRow) -> Self {
            Self {
                id: row.id.clone(),
                row: AccountListRow::from_row(row),
                email: row.email.clone(),
                comment: row.comment.clone(),
                oversell: row.oversell,
                enabled: row.enabled,
            }
        }
    }

    impl AccountOverview {
        pub fn from_row(row: &AccountRow) -> Self {
            Self {
                login: row.login.clone(),
                role: role_of(row),
                state: state_of(row),
                limits: limits(row),
                features: features(row),
                allocation: allocation(row),
                used_disk_mib: row.used_disk.max(0) as u64,
                used_traffic_mib: row.used_traffic.max(0) as u64,
                owner_login: row.owner_login.clone(),
                owner_email: row.owner_email.clone(),
            }
        }
    }
}

#[cfg(feature = "ssr")]
pub use from_rows::{allocation, features, limits};

/// One row of an account list (resellers, or users).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountListRow {
    pub id: String,
    pub login: String,
    pub role: Role,
    pub owner_login: Option<String>,
    pub state: AccountState,
    pub features: Features,
    pub limits: Limits,
    pub allocation: Allocation,
    pub used_disk_mib: u64,
    pub used_traffic_mib: u64,
}

impl AccountListRow {
    /// Allocated beyond the pool (possible only with overselling).
    pub fn over_allocated(&self) -> bool {
        self.role == Role::Reseller && self.allocation.exceeds(&self.limits)
    }

    pub fn over_used(&self) -> bool {
        !self.limits.disk_mib.admits(self.used_disk_mib)
            || !self.limits.traffic_mib.admits(self.used_traffic_mib)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub rows: Vec<AccountListRow>,
    /// How many accounts match the filter, over all pages.
    pub total: u64,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// The pool a user form draws from: its owner's limits, what is already
/// allocated, and the properties it can grant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolView {
    pub owner_login: String,
    pub limits: Limits,
    pub allocation: Allocation,
    pub features: Features,
    pub oversell: bool,
}

/// An account as its edit form needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: String,
    pub row: AccountListRow,
    pub email: Option<String>,
    pub comment: String,
    pub oversell: bool,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub login: String,
    pub reason: String,
}

/// The outcome of an action on several accounts: each row succeeds or is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReport {
    /// Past tense of the action, e.g. "disabled".
    pub verb: String,
    pub done: Vec<String>,
    pub refused: Vec<Refusal>,
}

impl BulkReport {
    /// "3 disabled, 1 refused: acme owns 2 users"
    pub fn summary(&self) -> String {
        let mut text = format!("{} {}", self.done.len(), self.verb);
        if !self.refused.is_empty() {
            let reasons: Vec<String> = self.refused.iter().map(|r| r.reason.clone()).collect();
            text.push_str(&format!(
                ", {} refused: {}",
                self.refused.len(),
                reasons.join("; ")
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_report_reads_as_one_line() {
        let report = BulkReport {
            verb: "disabled".into(),
            done: vec!["a".into(), "b".into(), "c".into()],
            refused: vec![Refusal {
                login: "acme".into(),
                reason: "acme owns 2 users".into(),
            }],
        };
        assert_eq!(report.summary(), "3 disabled, 1 refused: acme owns 2 users");
    }
}
