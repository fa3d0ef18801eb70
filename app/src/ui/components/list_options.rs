//! The choices of an account list's state and sort menus, with the values
//! the list's address carries.

use crate::ui::i18n::accounts::AccountsTexts;

/// A choice of the sort menu: its value in the address, its words.
pub struct SortOption {
    pub value: &'static str,
    pub label: fn(&AccountsTexts) -> &'static str,
}

pub const SORT_OPTIONS: [SortOption; 7] = [
    SortOption {
        value: "login",
        label: |t| t.sort_login,
    },
    SortOption {
        value: "login-desc",
        label: |t| t.sort_login_desc,
    },
    SortOption {
        value: "users-desc",
        label: |t| t.sort_users_desc,
    },
    SortOption {
        value: "disk-desc",
        label: |t| t.sort_disk_desc,
    },
    SortOption {
        value: "disk",
        label: |t| t.sort_disk,
    },
    SortOption {
        value: "traffic-desc",
        label: |t| t.sort_traffic_desc,
    },
    SortOption {
        value: "state",
        label: |t| t.sort_state,
    },
];

#[derive(Clone, Copy)]
pub struct StateOption {
    pub value: &'static str,
    pub label: fn(&AccountsTexts) -> &'static str,
}

impl StateOption {
    pub const ALL: [StateOption; 3] = [
        StateOption {
            value: "any",
            label: |t| t.state_any,
        },
        StateOption {
            value: "active",
            label: |t| t.state_active,
        },
        StateOption {
            value: "inactive",
            label: |t| t.state_inactive,
        },
    ];
}
