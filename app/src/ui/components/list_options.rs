//! The choices of an account list's state and sort menus, with the values
//! the list's address carries.

/// A choice of the sort menu: its value in the address, its words.
pub struct SortOption {
    pub value: &'static str,
    pub label: &'static str,
}

pub const SORT_OPTIONS: [SortOption; 7] = [
    SortOption {
        value: "login",
        label: "Name (A–Z)",
    },
    SortOption {
        value: "login-desc",
        label: "Name (Z–A)",
    },
    SortOption {
        value: "users-desc",
        label: "Most users",
    },
    SortOption {
        value: "disk-desc",
        label: "Largest disk quota",
    },
    SortOption {
        value: "disk",
        label: "Smallest disk quota",
    },
    SortOption {
        value: "traffic-desc",
        label: "Largest traffic limit",
    },
    SortOption {
        value: "state",
        label: "Inactive first",
    },
];

#[derive(Clone, Copy)]
pub struct StateOption {
    pub value: &'static str,
    pub label: &'static str,
}

impl StateOption {
    pub const ALL: [StateOption; 3] = [
        StateOption {
            value: "any",
            label: "All",
        },
        StateOption {
            value: "active",
            label: "Active",
        },
        StateOption {
            value: "inactive",
            label: "Not active",
        },
    ];
}
