//! Stored rows as the browser sees them. The wire types (`crate::model`) are
//! plain values compiled into the browser too, so the conversions from rows,
//! which only the server has, live here.

use super::Actor;
use super::actor::{role_of, state_of};
use crate::db::accounts::AccountRow;
use crate::domain::pool::Allocation;
use crate::domain::{Features, Limit, Limits};
use crate::model::{AccountDetail, AccountListRow, AccountOverview, ChainLink, Me};

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
            rights: super::actor::rights_of(row),
            notice: None,
        }
    }

    pub fn of(actor: &Actor) -> Self {
        Me {
            chain: actor
                .chain
                .iter()
                .map(|row| ChainLink {
                    login: row.login.clone(),
                    role: role_of(row),
                })
                .collect(),
            rights: actor.rights().clone(),
            notice: actor.notice.clone(),
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
            suspended_by: row.suspended_by.clone().filter(|_| !row.enabled),
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
