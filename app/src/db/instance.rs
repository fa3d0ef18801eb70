//! The lease that lets one Trellis process at a time use a database served by
//! a SurrealDB server (the list model and the session cache are exact only
//! for the process that makes every write). The database's clock decides
//! expiry, so the processes' clocks do not matter.

use super::{Context, Db, DbError, run};

/// A lease not renewed for this long may be taken over (a crashed process).
pub const LEASE_SECS: u64 = 30;
/// How often the holder renews its lease.
pub const RENEW_EVERY_SECS: u64 = 10;

/// Takes or renews the lease for `holder`; false while another live process
/// holds it.
pub async fn claim(db: &Db, holder: &str) -> Result<bool, DbError> {
    let sql = format!(
        "UPSERT instance_lease:current SET holder = $holder, renewed_at = time::now() \
         WHERE holder = NONE OR holder = $holder OR renewed_at < time::now() - {LEASE_SECS}s \
         RETURN VALUE holder"
    );
    let result = run(
        db.query(sql).bind(("holder", holder.to_owned())),
        "claiming the database lease",
    )
    .await;
    let holders: Vec<String> = match result {
        Ok(mut response) => response.take(0).context("claiming the database lease")?,
        // Two processes claimed at once; the loser is simply not the holder.
        Err(error) if error.is_conflict() => return Ok(false),
        Err(error) => return Err(error),
    };
    Ok(holders.iter().any(|h| h == holder))
}

/// Gives the lease up, if `holder` has it (a clean stop).
pub async fn release(db: &Db, holder: &str) -> Result<(), DbError> {
    run(
        db.query("DELETE instance_lease:current WHERE holder = $holder")
            .bind(("holder", holder.to_owned())),
        "releasing the database lease",
    )
    .await
    .map(|_| ())
}
