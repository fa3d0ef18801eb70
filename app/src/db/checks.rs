//! Whole-database consistency checks, for the crash campaign (`server
//! crash`): they read every account, so they are never on a request's path.

use super::{Context, Db, DbError, run};

/// What the stored totals say against what the tables hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consistency {
    pub resellers_counted: i64,
    pub resellers_stored: i64,
    pub users_counted: i64,
    pub users_stored: i64,
    /// Owners whose allocated users or disk differ from their users' sum.
    pub pools_unequal: Vec<String>,
    /// The change stream's head, and the changes it holds up to it.
    pub head: i64,
    pub changes_held: i64,
    pub oldest_change: Option<i64>,
}

pub async fn consistency(db: &Db) -> Result<Consistency, DbError> {
    let mut response = run(
        db.query(
            "(SELECT VALUE value FROM ONLY counter:resellers) ?? 0;
             count(SELECT VALUE id FROM account WHERE role = 'reseller');
             (SELECT VALUE value FROM ONLY counter:users) ?? 0;
             count(SELECT VALUE id FROM account WHERE role = 'user');
             SELECT VALUE login FROM account WHERE role != 'user' AND (
                 (alloc_users ?? 0) != count(SELECT VALUE id FROM account WHERE owner = $parent.id AND role = 'user')
                 OR (alloc_disk ?? 0) != math::sum(SELECT VALUE disk_limit ?? 0 FROM account WHERE owner = $parent.id AND role = 'user')
             );
             (SELECT VALUE v FROM ONLY revision:changes) ?? 0;
             count(SELECT VALUE id FROM change);
             math::min(SELECT VALUE record::id(id) FROM change);",
        ),
        "checking the database's consistency",
    )
    .await?;
    let context = "checking the database's consistency";
    let one = |value: Option<i64>| value.unwrap_or(0);
    Ok(Consistency {
        resellers_counted: one(response.take(0).context(context)?),
        resellers_stored: one(response.take(1).context(context)?),
        users_counted: one(response.take(2).context(context)?),
        users_stored: one(response.take(3).context(context)?),
        pools_unequal: response.take(4).context(context)?,
        head: one(response.take(5).context(context)?),
        changes_held: one(response.take(6).context(context)?),
        oldest_change: response.take(7).context(context)?,
    })
}

impl Consistency {
    /// What is wrong, if anything.
    pub fn violations(&self) -> Vec<String> {
        let mut found = Vec::new();
        if self.resellers_counted != self.resellers_stored {
            found.push(format!(
                "reseller counter {} but {} stored",
                self.resellers_counted, self.resellers_stored
            ));
        }
        if self.users_counted != self.users_stored {
            found.push(format!(
                "user counter {} but {} stored",
                self.users_counted, self.users_stored
            ));
        }
        for login in &self.pools_unequal {
            found.push(format!("{login}: allocation differs from its users' sum"));
        }
        // Revisions have no gaps: the changes held run from the oldest to the head.
        let expected = self
            .oldest_change
            .map_or(0, |oldest| self.head - oldest + 1);
        if self.changes_held != expected {
            found.push(format!(
                "change stream: head {} but {} changes held from {:?}",
                self.head, self.changes_held, self.oldest_change
            ));
        }
        found
    }
}
