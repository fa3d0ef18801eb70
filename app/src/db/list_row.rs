//! How the list model holds one account: the fields a list shows, packed.
//!
//! The model holds every account (101 001 in the load test), so a row's size
//! is the model's size. An `AccountRow` is ~440 bytes plus a heap string per
//! text field; a list row read with `LIST_FIELDS` leaves most of them empty.
//! A `ListRow` shares its id and login with the model's maps and orders, and
//! its role with every other row of the role, and keeps the fields a list
//! never reads in a box that stays unallocated for list-shaped rows. Packing
//! and unpacking are lossless: `unpack(pack(row)) == row` for any row.

use std::sync::Arc;

use super::accounts::AccountRow;
use super::listing::SortFields;

/// The fields a list row leaves empty (`LIST_FIELDS` reads them as `NONE`,
/// `''` or `0`); allocated only for a row that has any of them.
#[derive(Debug, Default, PartialEq)]
struct Rest {
    owner_login: Option<String>,
    owner_enabled: Option<bool>,
    owner_email: Option<String>,
    email: Option<String>,
    comment: String,
    created_at: i64,
    updated_at: i64,
    suspended_at: Option<i64>,
    access: Option<Vec<String>>,
    owner_access: Option<Vec<String>>,
}

impl Rest {
    fn is_empty(&self) -> bool {
        *self == Rest::default()
    }
}

/// `AccountRow`'s flags, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flags(u8);

impl Flags {
    const ENABLED: u8 = 1;
    const SHELL: u8 = 1 << 1;
    const CGI: u8 = 1 << 2;
    const PHP: u8 = 1 << 3;
    const SSI: u8 = 1 << 4;
    const HTTPS: u8 = 1 << 5;
    const OVERSELL: u8 = 1 << 6;

    fn of(row: &AccountRow) -> Self {
        let bit = |set: bool, bit: u8| if set { bit } else { 0 };
        Flags(
            bit(row.enabled, Self::ENABLED)
                | bit(row.shell, Self::SHELL)
                | bit(row.cgi, Self::CGI)
                | bit(row.php, Self::PHP)
                | bit(row.ssi, Self::SSI)
                | bit(row.https, Self::HTTPS)
                | bit(row.oversell, Self::OVERSELL),
        )
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

#[derive(Debug)]
pub struct ListRow {
    id: Arc<str>,
    pub login: Arc<str>,
    pub role: Arc<str>,
    pub owner_id: Option<Arc<str>>,
    flags: Flags,
    users_limit: Option<i64>,
    disk_limit: Option<i64>,
    traffic_limit: Option<i64>,
    alloc_users: i64,
    alloc_disk: i64,
    alloc_disk_unlimited: i64,
    alloc_traffic: i64,
    alloc_traffic_unlimited: i64,
    used_disk: i64,
    used_traffic: i64,
    suspended_by: Option<Box<str>>,
    suspended_by_role: Option<Arc<str>>,
    rest: Option<Box<Rest>>,
}

/// The strings many rows share (roles, owners' ids): one allocation each.
#[derive(Debug, Default)]
pub struct Shared {
    roles: Vec<Arc<str>>,
}

impl Shared {
    /// The one copy of a role's name (there are three roles, so a scan).
    fn role(&mut self, name: &str) -> Arc<str> {
        if let Some(known) = self.roles.iter().find(|known| ***known == *name) {
            return known.clone();
        }
        let name: Arc<str> = Arc::from(name);
        self.roles.push(name.clone());
        name
    }
}

impl ListRow {
    /// Packs a row; `id`, `login` and `owner_id` are the model's own copies
    /// of those strings, so the row adds no allocation for them.
    pub fn pack(
        row: AccountRow,
        id: Arc<str>,
        login: Arc<str>,
        owner_id: Option<Arc<str>>,
        shared: &mut Shared,
    ) -> Self {
        debug_assert_eq!(*id, *row.id);
        debug_assert_eq!(*login, *row.login);
        debug_assert_eq!(owner_id.as_deref(), row.owner_id.as_deref());
        let flags = Flags::of(&row);
        let rest = Rest {
            owner_login: row.owner_login,
            owner_enabled: row.owner_enabled,
            owner_email: row.owner_email,
            email: row.email,
            comment: row.comment,
            created_at: row.created_at,
            updated_at: row.updated_at,
            suspended_at: row.suspended_at,
            access: row.access,
            owner_access: row.owner_access,
        };
        ListRow {
            id,
            login,
            role: shared.role(&row.role),
            owner_id,
            flags,
            users_limit: row.users_limit,
            disk_limit: row.disk_limit,
            traffic_limit: row.traffic_limit,
            alloc_users: row.alloc_users,
            alloc_disk: row.alloc_disk,
            alloc_disk_unlimited: row.alloc_disk_unlimited,
            alloc_traffic: row.alloc_traffic,
            alloc_traffic_unlimited: row.alloc_traffic_unlimited,
            used_disk: row.used_disk,
            used_traffic: row.used_traffic,
            suspended_by: row.suspended_by.map(String::into_boxed_str),
            suspended_by_role: row.suspended_by_role.map(|role| shared.role(&role)),
            rest: (!rest.is_empty()).then(|| Box::new(rest)),
        }
    }

    pub fn enabled(&self) -> bool {
        self.flags.has(Flags::ENABLED)
    }

    pub fn sort_fields(&self) -> SortFields {
        SortFields {
            enabled: self.enabled(),
            alloc_users: self.alloc_users,
            disk_limit: self.disk_limit,
            traffic_limit: self.traffic_limit,
        }
    }

    /// The row as it was packed.
    pub fn unpack(&self) -> AccountRow {
        let rest = self.rest.as_deref();
        let empty = Rest::default();
        let rest = rest.unwrap_or(&empty);
        AccountRow {
            id: self.id.to_string(),
            login: self.login.to_string(),
            role: self.role.to_string(),
            owner_id: self.owner_id.as_deref().map(str::to_owned),
            owner_login: rest.owner_login.clone(),
            owner_enabled: rest.owner_enabled,
            owner_email: rest.owner_email.clone(),
            enabled: self.enabled(),
            email: rest.email.clone(),
            comment: rest.comment.clone(),
            users_limit: self.users_limit,
            disk_limit: self.disk_limit,
            traffic_limit: self.traffic_limit,
            shell: self.flags.has(Flags::SHELL),
            cgi: self.flags.has(Flags::CGI),
            php: self.flags.has(Flags::PHP),
            ssi: self.flags.has(Flags::SSI),
            https: self.flags.has(Flags::HTTPS),
            oversell: self.flags.has(Flags::OVERSELL),
            alloc_users: self.alloc_users,
            alloc_disk: self.alloc_disk,
            alloc_disk_unlimited: self.alloc_disk_unlimited,
            alloc_traffic: self.alloc_traffic,
            alloc_traffic_unlimited: self.alloc_traffic_unlimited,
            used_disk: self.used_disk,
            used_traffic: self.used_traffic,
            created_at: rest.created_at,
            updated_at: rest.updated_at,
            suspended_by: self.suspended_by.as_deref().map(str::to_owned),
            suspended_by_role: self.suspended_by_role.as_deref().map(str::to_owned),
            suspended_at: rest.suspended_at,
            access: rest.access.clone(),
            owner_access: rest.owner_access.clone(),
        }
    }

    /// Whether the fields a list never reads are all empty, so the row holds
    /// no box for them.
    #[cfg(test)]
    fn is_list_shaped(&self) -> bool {
        self.rest.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(row: &AccountRow, shared: &mut Shared) -> ListRow {
        ListRow::pack(
            row.clone(),
            Arc::from(row.id.as_str()),
            Arc::from(row.login.as_str()),
            row.owner_id.as_deref().map(Arc::from),
            shared,
        )
    }

    /// A row as `LIST_FIELDS` reads it: limits, tallies, flags, suspension.
    fn list_shaped() -> AccountRow {
        AccountRow {
            id: "u1".into(),
            login: "acme".into(),
            role: "user".into(),
            owner_id: Some("r1".into()),
            enabled: false,
            users_limit: Some(0),
            disk_limit: Some(2048),
            traffic_limit: None,
            php: true,
            https: true,
            alloc_disk: 7,
            alloc_traffic_unlimited: 1,
            used_disk: 5,
            used_traffic: 9,
            suspended_by: Some("reseller1".into()),
            suspended_by_role: Some("reseller".into()),
            ..AccountRow::default()
        }
    }

    #[test]
    fn a_list_shaped_row_round_trips_without_its_box() {
        let row = list_shaped();
        let packed = pack(&row, &mut Shared::default());
        assert_eq!(packed.unpack(), row);
        assert!(packed.is_list_shaped());
        assert!(!packed.enabled());
    }

    #[test]
    fn every_field_of_a_full_row_round_trips() {
        let row = AccountRow {
            owner_login: Some("reseller1".into()),
            owner_enabled: Some(true),
            owner_email: Some("r@example.com".into()),
            enabled: true,
            email: Some("u@example.com".into()),
            comment: "vip".into(),
            shell: true,
            cgi: true,
            ssi: true,
            oversell: true,
            alloc_users: 3,
            alloc_disk_unlimited: 2,
            alloc_traffic: 11,
            created_at: 100,
            updated_at: 200,
            suspended_at: Some(300),
            access: Some(vec!["UsersList".into()]),
            owner_access: Some(vec!["UsersList".into(), "UsersEdit".into()]),
            ..list_shaped()
        };
        let packed = pack(&row, &mut Shared::default());
        assert_eq!(packed.unpack(), row);
        assert!(!packed.is_list_shaped());
    }

    #[test]
    fn each_flag_has_its_own_bit() {
        let flags: [fn(&mut AccountRow); 7] = [
            |r| r.enabled = true,
            |r| r.shell = true,
            |r| r.cgi = true,
            |r| r.php = true,
            |r| r.ssi = true,
            |r| r.https = true,
            |r| r.oversell = true,
        ];
        for set in flags {
            let mut row = AccountRow::default();
            set(&mut row);
            assert_eq!(pack(&row, &mut Shared::default()).unpack(), row);
        }
    }

    #[test]
    fn rows_of_a_role_share_its_name() {
        let mut shared = Shared::default();
        let first = pack(&list_shaped(), &mut shared);
        let second = pack(&list_shaped(), &mut shared);
        assert!(Arc::ptr_eq(&first.role, &second.role));
        let suspender = first.suspended_by_role.as_ref();
        assert!(suspender.is_some_and(|role| Arc::ptr_eq(role, &shared.role("reseller"))));
    }
}
