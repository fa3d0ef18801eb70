//! Which account list or form a page shows: the admin's resellers, a
//! manager's own users, or the admin's list of every user.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Resellers,
    /// The acting account's own users (a reseller's Users module).
    Users,
    /// Every user on the server, with its owner (the admin).
    AllUsers,
}

impl ListKind {
    pub fn title(self) -> &'static str {
        match self {
            ListKind::Resellers => "Resellers",
            ListKind::Users => "Users",
            ListKind::AllUsers => "All users",
        }
    }

    /// One row, for messages: "Select at least one user".
    pub fn noun(self) -> &'static str {
        match self {
            ListKind::Resellers => "reseller",
            ListKind::Users | ListKind::AllUsers => "user",
        }
    }

    pub fn plural(self, n: u64) -> String {
        format!("{}{}", self.noun(), if n == 1 { "" } else { "s" })
    }

    /// Where the list lives; its rows' edit pages are below it.
    pub fn base(self) -> &'static str {
        match self {
            ListKind::Resellers => "/resellers",
            ListKind::Users | ListKind::AllUsers => "/users",
        }
    }

    pub fn manages_users(self) -> bool {
        self == ListKind::Resellers
    }

    pub fn shows_owner(self) -> bool {
        self == ListKind::AllUsers
    }
}
