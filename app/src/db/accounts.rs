use surrealdb::types::SurrealValue;

use super::{Context, Db, DbError, Executor, run};

/// An account as stored, with its owner's flag for the derived state.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
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
}

pub(crate) const ACCOUNT_FIELDS: &str = "record::id(id) AS id, login, role, \
    (IF owner != NONE THEN record::id(owner) END) AS owner_id, owner.login AS owner_login, \
    owner.enabled AS owner_enabled, owner.email AS owner_email, enabled, email, comment, users_limit, disk_limit, \
    traffic_limit, shell, cgi, php, ssi, https, oversell, alloc_users, alloc_disk, \
    alloc_disk_unlimited, alloc_traffic, alloc_traffic_unlimited, used_disk, used_traffic, \
    created_at, updated_at";

/// The fields an account list shows. The owner's login and state are looked
/// up once per page (`listing::page`), not once per row.
pub(crate) const LIST_FIELDS: &str = "record::id(id) AS id, login, role, \
    (IF owner != NONE THEN record::id(owner) END) AS owner_id, NONE AS owner_login, \
    NONE AS owner_enabled, NONE AS owner_email, enabled, NONE AS email, '' AS comment, \
    users_limit, disk_limit, traffic_limit, shell, cgi, php, ssi, https, oversell, alloc_users, \
    alloc_disk, alloc_disk_unlimited, alloc_traffic, alloc_traffic_unlimited, used_disk, \
    used_traffic, 0 AS created_at, 0 AS updated_at";

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

pub async fn insert(db: &impl Executor, id: &str, account: NewAccount) -> Result<(), DbError> {
    run(
        db.sql("CREATE type::record('account', $id) CONTENT $account")
            .bind(("id", id.to_owned()))
            .bind(("account", account)),
        "creating an account",
    )
    .await
    .map(|_| ())
}

pub async fn get(db: &impl Executor, id: &str) -> Result<Option<AccountRow>, DbError> {
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

pub async fn set_password_hash(
    db: &impl Executor,
    id: &str,
    hash: &str,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) SET password_hash = $hash, updated_at = $now")
            .bind(("id", id.to_owned()))
            .bind(("hash", hash.to_owned()))
            .bind(("now", now)),
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

pub async fn set_enabled(
    db: &impl Executor,
    id: &str,
    enabled: bool,
    now: i64,
) -> Result<(), DbError> {
    run(
        db.sql("UPDATE type::record('account', $id) SET enabled = $enabled, updated_at = $now")
            .bind(("id", id.to_owned()))
            .bind(("enabled", enabled))
            .bind(("now", now)),
        "enabling or disabling an account",
    )
    .await
    .map(|_| ())
}

/// Enables every user of `owner` that was disabled on its own; returns how many.
pub async fn enable_all_users_of(
    db: &impl Executor,
    owner_id: &str,
    now: i64,
) -> Result<usize, DbError> {
    let ids: Vec<String> = run(
        db.sql(
            "UPDATE account SET enabled = true, updated_at = $now \
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
        .bind(("users", allocation.users as i64))
        .bind(("disk", allocation.disk_mib as i64))
        .bind(("disk_unlimited", allocation.disk_unlimited as i64))
        .bind(("traffic", allocation.traffic_mib as i64))
        .bind(("traffic_unlimited", allocation.traffic_unlimited as i64))
        .bind(("now", now)),
        "writing allocation counters",
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
