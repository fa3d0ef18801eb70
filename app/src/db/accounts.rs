use surrealdb::types::SurrealValue;

use super::{Context, Db, DbError, Executor, run};
use crate::domain::suspension::Suspension;

/// An account as stored, with its owner's flag for the derived state.
/// (`Default` is for tests' fixtures: an empty login, no owner, no limits.)
#[derive(Debug, Clone, Default, PartialEq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AccountRow {
    pub id: String,
    pub login: String,
    pub role: String,
    pub owner_id: Option<String>,
    pub owner_login: Option<String>,
    pub owner_enabled: Option<bool>,
    pub owner_email: Option<String>,
    pub enabled: bool,
    pub email: Option<String>,
    pub comment: String,
    pub users_limit: Option<i64>,
    pub disk_limit: Option<i64>,
    pub traffic_limit: Option<i64>,
    pub shell: bool,
    pub cgi: bool,
    pub php: bool,
    pub ssi: bool,
    pub https: bool,
    pub oversell: bool,
    pub alloc_users: i64,
    pub alloc_disk: i64,
    pub alloc_disk_unlimited: i64,
    pub alloc_traffic: i64,
    pub alloc_traffic_unlimited: i64,
    pub used_disk: i64,
    pub used_traffic: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Who disabled the account (login and role) and when; `None` while it
    /// is enabled, or if it was disabled before this was recorded.
    pub suspended_by: Option<String>,
    pub suspended_by_role: Option<String>,
    pub suspended_at: Option<i64>,
    /// The keys of the functions the account was allowed (`NONE` for the
    /// admin, who holds all), and its owner's, for its effective rights.
    pub access: Option<Vec<String>>,
    pub owner_access: Option<Vec<String>>,
}

pub(crate) const ACCOUNT_FIELDS: &str = "record::id(id) AS id, login, role, \
    (IF owner != NONE THEN record::id(owner) END) AS owner_id, owner.login AS owner_login, \
    owner.enabled AS owner_enabled, owner.email AS owner_email, enabled, email, comment, users_limit, disk_limit, \
    traffic_limit, shell, cgi, php, ssi, https, oversell, alloc_users, alloc_disk, \
    alloc_disk_unlimited, alloc_traffic, alloc_traffic_unlimited, used_disk, used_traffic, \
    created_at, updated_at, suspended_by, suspended_by_role, suspended_at, access, \
    owner.access AS owner_access";

/// The fields an account list shows. The owner's login and state are looked
/// up once per page (`listing::page`), not once per row.
pub(crate) const LIST_FIELDS: &str = "record::id(id) AS id, login, role, \
    (IF owner != NONE THEN record::id(owner) END) AS owner_id, NONE AS owner_login, \
    NONE AS owner_enabled, NONE AS owner_email, enabled, NONE AS email, '' AS comment, \
    users_limit, disk_limit, traffic_limit, shell, cgi, php, ssi, https, oversell, alloc_users, \
    alloc_disk, alloc_disk_unlimited, alloc_traffic, alloc_traffic_unlimited, used_disk, \
    used_traffic, 0 AS created_at, 0 AS updated_at, suspended_by, suspended_by_role, \
    NONE AS suspended_at, NONE AS access, NONE AS owner_access";

/// What a new account is created with.
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct NewAccount {
    pub owner: Option<surrealdb::types::RecordId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub login: String,
    pub role: String,
    pub enabled: bool,
    pub password_hash: String,
    pub email: Option<String>,
    pub comment: String,
    pub users_limit: Option<i64>,
    pub disk_limit: Option<i64>,
    pub traffic_limit: Option<i64>,
    pub shell: bool,
    pub cgi: bool,
    pub php: bool,
    pub ssi: bool,
    pub https: bool,
    pub oversell: bool,
    /// Granted function keys; `None` for the admin.
    pub access: Option<Vec<String>>,
}

/// The editable settings of an account.
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct AccountSettings {
    pub updated_at: i64,
    pub enabled: bool,
    pub email: Option<String>,
    pub comment: String,
    pub users_limit: Option<i64>,
    pub disk_limit: Option<i64>,
    pub traffic_limit: Option<i64>,
    pub shell: bool,
    pub cgi: bool,
    pub php: bool,
    pub ssi: bool,
    pub https: bool,
    pub oversell: bool,
}

#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct Credentials {
    pub id: String,
    pub password_hash: String,
}

/// A fresh random record key: unguessable, so ids in URLs reveal nothing.
pub fn new_id() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The record id of an account, for links between records.
pub fn record(id: &str) -> surrealdb::types::RecordId {
    surrealdb::types::RecordId::new("account", id.to_owned())
}

/// Creates an account; a taken login is refused as a duplicate. The login is
/// read in the caller's transaction first, because the UNIQUE index's own
/// refusal arrives untyped. Two transactions creating one login at once both
/// find it free, then conflict on the index at commit: the one retried finds
/// it taken.
pub async fn insert(db: &impl Executor, id: &str, account: NewAccount) -> Result<(), DbError> {
    let holders: Vec<String> = run(
        db.sql("SELECT VALUE login FROM account WHERE login = $login LIMIT 1")
            .bind(("login", account.login.clone())),
        "checking a new login",
    )
    .await?
    .take(0)
    .context("checking a new login")?;
    if !holders.is_empty() {
        return Err(DbError::duplicate("creating an account"));
    }
    run(
        db.sql("CREATE type::record('account', $id) CONTENT $account")
            .bind(("id", id.to_owned()))
            .bind(("account", account)),
        "creating an account",
    )
    .await
    .map(|_| ())
}

/// Whether `id` could be an account's key at all. The keys `new_id` makes and
/// the ones the database generates are letters and digits; anything else
/// (empty, another table's record id, quoting brackets) names no account.
pub fn is_account_key(id: &str) -> bool {
    const LONGEST_KEY: usize = 64;
    !id.is_empty() && id.len() <= LONGEST_KEY && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The account with this key. Ids arrive from clients: one that cannot be a
/// key is answered as "no such account" without asking the database, which
/// would refuse some of them as malformed — a storage error, not a 404.
pub async fn get(db: &impl Executor, id: &str) -> Result<Option<AccountRow>, DbError> {
    if !is_account_key(id) {
        return Ok(None);
    }
    let sql = format!("SELECT {ACCOUNT_FIELDS} FROM ONLY type::record('account', $id)");
    run(
        db.sql(&sql).bind(("id", id.to_owned())),
        "reading an account",
    )
    .await?
    .take(0)
    .context("reading an account")
}

pub async fn get_by_login(db: &impl Executor, login: &str) -> Result<Option<AccountRow>, DbError> {
    let sql = format!("SELECT {ACCOUNT_FIELDS} FROM account WHERE login = $login LIMIT 1");
    let mut rows: Vec<AccountRow> = run(
        db.sql(&sql).bind(("login", login.to_owned())),
        "finding an account",
    )
    .await?
    .take(0)
    .context("finding an account")?;
    Ok(rows.pop())
}

pub async fn credentials(db: &Db, login: &str) -> Result<Option<Credentials>, DbError> {
    let mut rows: Vec<Credentials> = run(
        db.query(
            "SELECT record::id(id) AS id, password_hash FROM account WHERE login = $login LIMIT 1",
        )
        .bind(("login", login.to_owned())),
        "reading credentials",
    )
    .await?
    .take(0)
    .context("reading credentials")?;
    Ok(rows.pop())
}

/// The stored password hash of an account, by id.
pub async fn password_hash_of(db: &impl Executor, id: &str) -> Result<Option<String>, DbError> {
    run(
        db.sql("SELECT VALUE password_hash FROM ONLY type::record('account', $id)")
            .bind(("id", id.to_owned())),
        "reading credentials",
    )
    .await?
    .take(0)
    .context("reading credentials")
}

/// Sets (or, with `None`, removes) an account's contact e-mail.
pub async fn set_email(
    db: &impl Executor,
    id: &str,
    email: Option<String>,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) SET email = $email, updated_at = $now")
            .bind(("id", id.to_owned()))
            .bind(("email", email))
            .bind(("now", now)),
        "changing an e-mail address",
    )
    .await
    .map(|_| ())
}

/// The language an account chose (a tag such as "ru"), if it chose one.
pub async fn language(db: &impl Executor, id: &str) -> Result<Option<String>, DbError> {
    if !is_account_key(id) {
        return Ok(None);
    }
    run(
        db.sql("SELECT VALUE language FROM ONLY type::record('account', $id)")
            .bind(("id", id.to_owned())),
        "reading a language",
    )
    .await?
    .take(0)
    .context("reading a language")
}

/// Sets (or, with `None`, removes) the language an account chose.
pub async fn set_language(
    db: &impl Executor,
    id: &str,
    language: Option<String>,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) SET language = $language")
            .bind(("id", id.to_owned()))
            .bind(("language", language)),
        "choosing a language",
    )
    .await
    .map(|_| ())
}

/// Sets a new password hash and, in the same transaction, ends every session
/// logged in as the account and forgets its known browsers: whoever knew the
/// old password must not keep a way in.
pub async fn set_password_hash(
    db: &impl Executor,
    id: &str,
    hash: &str,
    now: i64,
) -> Result<(), DbError> {
    write_password_hash(db, id, hash, now, None).await
}

/// The same for one's own change, keeping the session that made it.
pub async fn set_own_password_hash(
    db: &impl Executor,
    id: &str,
    hash: &str,
    now: i64,
    keep_session_id: &str,
) -> Result<(), DbError> {
    write_password_hash(db, id, hash, now, Some(keep_session_id)).await
}

async fn write_password_hash(
    db: &impl Executor,
    id: &str,
    hash: &str,
    now: i64,
    keep_session_id: Option<&str>,
) -> Result<(), DbError> {
    run(
        db.sql(
            "UPDATE type::record('account', $id) SET password_hash = $hash, updated_at = $now;
             DELETE session WHERE account = $id AND ($keep = NONE OR id != type::record('session', $keep));
             DELETE known_device WHERE account = $id;",
        )
        .bind(("id", id.to_owned()))
        .bind(("hash", hash.to_owned()))
        .bind(("now", now))
        .bind(("keep", keep_session_id.map(str::to_owned))),
        "changing a password",
    )
    .await
    .map(|_| ())
}

pub async fn update_settings(
    db: &impl Executor,
    id: &str,
    settings: AccountSettings,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) MERGE $settings")
            .bind(("id", id.to_owned()))
            .bind(("settings", settings)),
        "saving an account",
    )
    .await
    .map(|_| ())
}

/// Disables an account, recording who did it and when, and ends the sessions
/// logged in as it in the same transaction: a failure after the commit cannot
/// leave them working.
pub async fn disable(
    db: &impl Executor,
    id: &str,
    suspension: &Suspension,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql(
            "UPDATE type::record('account', $id) SET enabled = false, suspended_by = $by, \
             suspended_by_role = $role, suspended_at = $at, updated_at = $now;
             DELETE session WHERE account = $id;",
        )
        .bind(("id", id.to_owned()))
        .bind(("by", suspension.by_login.clone()))
        .bind(("role", suspension.by_role.as_str()))
        .bind(("at", suspension.at))
        .bind(("now", now)),
        "disabling an account",
    )
    .await
    .map(|_| ())
}

/// Enables an account, lifting its suspension.
pub async fn enable(db: &impl Executor, id: &str, now: i64) -> Result<(), DbError> {
    run(
        db.sql(
            "UPDATE type::record('account', $id) SET enabled = true, suspended_by = NONE, \
             suspended_by_role = NONE, suspended_at = NONE, updated_at = $now",
        )
        .bind(("id", id.to_owned()))
        .bind(("now", now)),
        "enabling an account",
    )
    .await
    .map(|_| ())
}

/// Enables every user of `owner` that was disabled on its own, whoever
/// suspended it (only the admin may); returns how many.
pub async fn enable_all_users_of(
    db: &impl Executor,
    owner_id: &str,
    now: i64,
) -> Result<usize, DbError> {
    let ids: Vec<String> = run(
        db.sql(
            "UPDATE account SET enabled = true, suspended_by = NONE, suspended_by_role = NONE, \
             suspended_at = NONE, updated_at = $now \
             WHERE owner = type::record('account', $owner) AND enabled = false \
             RETURN VALUE record::id(id)",
        )
        .bind(("owner", owner_id.to_owned()))
        .bind(("now", now)),
        "enabling an owner's users",
    )
    .await?
    .take(0)
    .context("enabling an owner's users")?;
    Ok(ids.len())
}

pub async fn delete(db: &impl Executor, id: &str) -> Result<(), DbError> {
    run(
        db.sql("DELETE type::record('account', $id)")
            .bind(("id", id.to_owned())),
        "deleting an account",
    )
    .await
    .map(|_| ())
}

/// A counter as stored. The domain keeps allocations within
/// `ALLOCATION_MAX`; should one ever pass it, it is stored as the largest
/// value rather than wrapped into a negative one.
fn counter(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Writes an owner's allocation counters.
pub async fn set_allocation(
    db: &impl Executor,
    id: &str,
    allocation: &crate::domain::pool::Allocation,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql(
            "UPDATE type::record('account', $id) SET alloc_users = $users, alloc_disk = $disk, \
             alloc_disk_unlimited = $disk_unlimited, alloc_traffic = $traffic, \
             alloc_traffic_unlimited = $traffic_unlimited, updated_at = $now",
        )
        .bind(("id", id.to_owned()))
        .bind(("users", counter(allocation.users)))
        .bind(("disk", counter(allocation.disk_mib)))
        .bind(("disk_unlimited", counter(allocation.disk_unlimited)))
        .bind(("traffic", counter(allocation.traffic_mib)))
        .bind(("traffic_unlimited", counter(allocation.traffic_unlimited)))
        .bind(("now", now)),
        "writing allocation counters",
    )
    .await
    .map(|_| ())
}

/// Writes the owner's record for a transaction that lets one of its users
/// hold properties: it then conflicts with any concurrent change of the
/// owner's own properties, which writes the same record, and one of the two
/// retries. The value always changes: an unchanged record is not written,
/// and would not conflict.
pub async fn bump_grants_revision(db: &impl Executor, owner_id: &str) -> Result<(), DbError> {
    run(
        db.sql(
            "UPDATE type::record('account', $id) SET grants_revision = (grants_revision ?? 0) + 1",
        )
        .bind(("id", owner_id.to_owned())),
        "claiming an owner's properties",
    )
    .await
    .map(|_| ())
}

/// How many of an owner's users have a feature on (bounded by the owner index).
pub async fn count_users_with_feature(
    db: &impl Executor,
    owner_id: &str,
    feature: &str,
) -> Result<u64, DbError> {
    // `feature` is one of our own fixed keys, never user input.
    let sql = format!(
        "SELECT VALUE count() FROM account WHERE owner = type::record('account', $owner) \
         AND {feature} = true GROUP ALL"
    );
    let counts: Vec<i64> = run(
        db.sql(&sql).bind(("owner", owner_id.to_owned())),
        "counting users",
    )
    .await?
    .take(0)
    .context("counting users")?;
    Ok(counts.first().copied().unwrap_or(0).max(0) as u64)
}

/// Turns a feature off for every user of an owner.
pub async fn revoke_feature_from_users(
    db: &impl Executor,
    owner_id: &str,
    feature: &str,
    now: i64,
) -> Result<(), DbError> {
    let sql = format!(
        "UPDATE account SET {feature} = false, updated_at = $now \
         WHERE owner = type::record('account', $owner) AND {feature} = true"
    );
    run(
        db.sql(&sql)
            .bind(("owner", owner_id.to_owned()))
            .bind(("now", now)),
        "revoking a feature",
    )
    .await
    .map(|_| ())
}

pub async fn admin_exists(db: &Db) -> Result<bool, DbError> {
    let ids: Vec<String> = run(
        db.query("SELECT VALUE record::id(id) FROM account WHERE role = 'admin' LIMIT 1"),
        "looking for the admin",
    )
    .await?
    .take(0)
    .context("looking for the admin")?;
    Ok(!ids.is_empty())
}

/// Inserts many accounts in one statement, with ids chosen by the database
/// (seeding demo and benchmark data).
pub async fn insert_many(db: &impl Executor, rows: Vec<NewAccount>) -> Result<(), DbError> {
    run(
        db.sql("INSERT INTO account $rows").bind(("rows", rows)),
        "inserting accounts",
    )
    .await
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_can_be_an_account_key() {
        assert!(is_account_key(&new_id()));
        assert!(is_account_key("k3x9q0v7m2a1b8c6d5e4"));
        for not_a_key in [
            "",
            " ",
            "account:k3x9q0v7m2a1b8c6d5e4",
            "session:abc",
            "⟨abc⟩",
            "abc⟩; DELETE account; --",
            "a-b",
            "\u{0}",
            &"a".repeat(65),
        ] {
            assert!(!is_account_key(not_a_key), "{not_a_key:?}");
        }
    }

    #[test]
    fn a_counter_beyond_storage_is_stored_as_the_largest_value() {
        assert_eq!(counter(5), 5);
        assert_eq!(counter(i64::MAX as u64), i64::MAX);
        assert_eq!(counter(u64::MAX), i64::MAX);
    }
}
