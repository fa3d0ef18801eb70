//! Wire types: what server functions send to the browser. Never a password
//! hash or a session token. Plain values shared with the browser build; the
//! server makes them from stored rows in `service::wire`.

use serde::{Deserialize, Serialize};

use crate::domain::access::{Access, Function};
use crate::domain::pool::Allocation;
use crate::domain::{AccountState, Features, Limits, Role};

/// The signed-in person and the panel it is acting in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// Logins of the acting chain: who logged in first, the entered panel last.
    pub chain: Vec<ChainLink>,
    /// The functions the acting account may use (the server refuses the
    /// rest; the page only leaves out what would be refused).
    pub rights: Access,
    /// Why the session just left an entered panel on its own.
    pub notice: Option<String>,
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

    /// Whether the acting account may use `function`.
    pub fn may(&self, function: Function) -> bool {
        self.rights.allows(function)
    }

    /// The account whose panel this was entered from, if it was entered.
    pub fn entered_from(&self) -> Option<&ChainLink> {
        self.chain
            .len()
            .checked_sub(2)
            .and_then(|i| self.chain.get(i))
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
    /// The login of the account that disabled it, while it is disabled (and
    /// if that was recorded).
    pub suspended_by: Option<String>,
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

/// The brand a page shows: validated values only (colours are `#rrggbb`,
/// the logo a URL the server built).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandView {
    pub name: String,
    pub primary: String,
    pub accent: String,
    /// The logo's URL (content-hashed), if the brand has one.
    pub logo: Option<String>,
    /// The favicon's URL, made from the logo.
    pub favicon: Option<String>,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub footer: String,
}

impl Default for BrandView {
    fn default() -> Self {
        let trellis = crate::domain::branding::BrandValues::trellis();
        BrandView {
            name: trellis.name,
            primary: trellis.primary.hex(),
            accent: trellis.accent.hex(),
            logo: None,
            favicon: None,
            contact_email: None,
            contact_url: None,
            footer: String::new(),
        }
    }
}

impl BrandView {
    /// The page title: "Dashboard — Acme Panel".
    pub fn title(&self, page: &str) -> String {
        if page.is_empty() || page == self.name {
            self.name.clone()
        } else {
            format!("{page} — {}", self.name)
        }
    }

    /// The mark shown when there is no logo: the name's first letter.
    pub fn initial(&self) -> String {
        crate::domain::branding::initial(&self.name)
    }

    pub fn has_contact(&self) -> bool {
        self.contact_email.is_some() || self.contact_url.is_some()
    }
}

/// Whose brand a branding page edits, and what it holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandSettings {
    /// "server", or the reseller's id.
    pub of: String,
    /// The reseller's login; None for the server's brand.
    pub reseller: Option<String>,
    /// A reseller's brand: its own (true) or the server's (false).
    pub custom: bool,
    pub form: crate::domain::branding::BrandForm,
    /// The reseller's host names (the server's come from its settings).
    pub hosts: Vec<String>,
    /// The server's own host names.
    pub server_hosts: Vec<String>,
    pub logo: Option<String>,
    /// The brand shown when the reseller inherits: the server's.
    pub inherited: BrandView,
}
