//! White label's storage (migration 12): brands, logos and host names.
//! Logos are few (one per branded reseller), so their tables are scanned
//! by owner rather than indexed.

use surrealdb::types::SurrealValue;

use super::{Context, DbError, Executor, run};

/// The key of the server's (the admin's) brand.
pub const SERVER: &str = "server";

/// A brand as stored.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct BrandRecord {
    pub name: String,
    pub primary: String,
    pub accent: String,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub footer: String,
    pub logo: Option<String>,
    pub updated_at: i64,
}

/// A brand with its key (`SERVER` or a reseller's id).
#[derive(Debug, Clone, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct BrandRow {
    pub id: String,
    pub brand: BrandRecord,
}

const BRAND_FIELDS: &str = "record::id(id) AS id, \
    $this.{name, primary, accent, contact_email, contact_url, footer, logo, updated_at} AS brand";

/// A host name and the reseller it serves.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct HostRow {
    pub host: String,
    pub owner: String,
}

/// A stored logo (base64 bodies).
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
#[surreal(crate = "surrealdb::types")]
pub struct LogoRecord {
    pub image: String,
    pub image_type: String,
    pub favicon: String,
    pub width: i64,
    pub height: i64,
}

/// Every brand (few: one per branded reseller), for the in-memory book.
pub async fn all_brands(db: &impl Executor) -> Result<Vec<BrandRow>, DbError> {
    let sql = format!("SELECT {BRAND_FIELDS} FROM brand");
    run(db.sql(&sql), "reading brands")
        .await?
        .take(0)
        .context("reading brands")
}

pub async fn get_brand(db: &impl Executor, key: &str) -> Result<Option<BrandRecord>, DbError> {
    let sql = format!("SELECT {BRAND_FIELDS} FROM ONLY type::record('brand', $key)");
    let row: Option<BrandRow> = run(
        db.sql(&sql).bind(("key", key.to_owned())),
        "reading a brand",
    )
    .await?
    .take(0)
    .context("reading a brand")?;
    Ok(row.map(|r| r.brand))
}

pub async fn put_brand(tx: &impl Executor, key: &str, brand: &BrandRecord) -> Result<(), DbError> {
    run(
        tx.sql("UPSERT type::record('brand', $key) CONTENT $brand RETURN NONE")
            .bind(("key", key.to_owned()))
            .bind(("brand", brand.clone())),
        "writing a brand",
    )
    .await
    .map(|_| ())
}

/// Removes a brand and its logos (a reseller back to inheriting, or deleted).
pub async fn delete_brand(tx: &impl Executor, key: &str) -> Result<(), DbError> {
    run(
        tx.sql(
            "DELETE type::record('brand', $key);
             DELETE brand_logo WHERE record::id(id)[0] = $key;",
        )
        .bind(("key", key.to_owned())),
        "deleting a brand",
    )
    .await
    .map(|_| ())
}

/// Every host name with its reseller.
pub async fn all_hosts(db: &impl Executor) -> Result<Vec<HostRow>, DbError> {
    run(
        db.sql("SELECT record::id(id) AS host, owner FROM brand_host"),
        "reading host names",
    )
    .await?
    .take(0)
    .context("reading host names")
}

/// The reseller a host name serves, if any (a point read).
pub async fn host_owner(db: &impl Executor, host: &str) -> Result<Option<String>, DbError> {
    run(
        db.sql("RETURN type::record('brand_host', $host).owner")
            .bind(("host", host.to_owned())),
        "reading a host name",
    )
    .await?
    .take(0)
    .context("reading a host name")
}

/// The hosts of a reseller, sorted.
pub async fn hosts_of(db: &impl Executor, owner: &str) -> Result<Vec<String>, DbError> {
    let mut hosts: Vec<String> = run(
        db.sql("SELECT VALUE record::id(id) FROM brand_host WHERE owner = $owner")
            .bind(("owner", owner.to_owned())),
        "reading a reseller's host names",
    )
    .await?
    .take(0)
    .context("reading a reseller's host names")?;
    hosts.sort();
    Ok(hosts)
}

/// Among `hosts`, those another reseller holds.
pub async fn hosts_held_by_others(
    tx: &impl Executor,
    owner: &str,
    hosts: &[String],
) -> Result<Vec<String>, DbError> {
    run(
        tx.sql(
            "SELECT VALUE record::id(id) FROM brand_host \
             WHERE record::id(id) IN $hosts AND owner != $owner",
        )
        .bind(("owner", owner.to_owned()))
        .bind(("hosts", hosts.to_vec())),
        "checking host names",
    )
    .await?
    .take(0)
    .context("checking host names")
}

/// Makes `hosts` exactly the reseller's host names. Run after
/// [`hosts_held_by_others`] in the same transaction; a host that another
/// reseller took meanwhile fails the create (the key is the host), so the
/// transaction retries and sees it.
pub async fn set_hosts(tx: &impl Executor, owner: &str, hosts: &[String]) -> Result<(), DbError> {
    run(
        tx.sql(
            "DELETE brand_host WHERE owner = $owner AND record::id(id) NOTINSIDE $hosts;
             FOR $host IN $hosts {
                 IF type::record('brand_host', $host).owner = NONE {
                     CREATE type::record('brand_host', $host) SET owner = $owner RETURN NONE;
                 };
             };",
        )
        .bind(("owner", owner.to_owned()))
        .bind(("hosts", hosts.to_vec())),
        "writing host names",
    )
    .await
    .map(|_| ())
}

pub async fn put_logo(
    tx: &impl Executor,
    owner: &str,
    hash: &str,
    logo: &LogoRecord,
) -> Result<(), DbError> {
    run(
        tx.sql(
            "DELETE brand_logo WHERE record::id(id)[0] = $owner AND record::id(id)[1] != $hash;
             UPSERT type::record('brand_logo', [$owner, $hash]) CONTENT $logo RETURN NONE;",
        )
        .bind(("owner", owner.to_owned()))
        .bind(("hash", hash.to_owned()))
        .bind(("logo", logo.clone())),
        "writing a logo",
    )
    .await
    .map(|_| ())
}

pub async fn get_logo(
    db: &impl Executor,
    owner: &str,
    hash: &str,
) -> Result<Option<LogoRecord>, DbError> {
    run(
        db.sql(
            "SELECT image, image_type, favicon, width, height \
             FROM ONLY type::record('brand_logo', [$owner, $hash])",
        )
        .bind(("owner", owner.to_owned()))
        .bind(("hash", hash.to_owned())),
        "reading a logo",
    )
    .await?
    .take(0)
    .context("reading a logo")
}

/// Removes every logo of a brand.
pub async fn delete_logos(tx: &impl Executor, owner: &str) -> Result<(), DbError> {
    run(
        tx.sql("DELETE brand_logo WHERE record::id(id)[0] = $owner")
            .bind(("owner", owner.to_owned())),
        "deleting logos",
    )
    .await
    .map(|_| ())
}
