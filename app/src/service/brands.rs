//! The brand book: every brand and host name, in memory, so that branding a
//! request costs no database read. It is a projection of the `brand` and
//! `brand_host` tables, reloaded whole whenever the change stream says they
//! changed (`Change::Brands`): brands are few and change rarely.
//!
//! What it decides is cosmetic. The one decision that is not — who may log
//! in on a reseller's host — is taken from the database at login
//! (`service::auth`), never from here.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::db::branding::{self, BrandRecord, SERVER};
use crate::db::{Db, DbError};
use crate::domain::Role;
use crate::domain::branding::{brand_key, request_host};
use crate::model::BrandView;

/// What the book holds at one moment.
#[derive(Debug, Default)]
struct Snapshot {
    server: Arc<BrandView>,
    /// Resellers' custom brands, by reseller id.
    resellers: HashMap<String, Arc<BrandView>>,
    /// Host name → reseller id.
    hosts: HashMap<String, String>,
}

#[derive(Debug, Default)]
pub struct BrandBook {
    snapshot: RwLock<Arc<Snapshot>>,
}

/// The brand of one page request, handed from the server's request layer to
/// the page shell and the app (request extensions).
#[derive(Debug, Clone)]
pub struct RequestBrand(pub Arc<BrandView>);

impl BrandBook {
    pub async fn load(db: &Db) -> Result<Self, DbError> {
        let book = BrandBook::default();
        book.reload(db).await?;
        Ok(book)
    }

    /// Reads every brand and host again and swaps them in at once.
    pub async fn reload(&self, db: &Db) -> Result<(), DbError> {
        let brands = branding::all_brands(db).await?;
        let hosts = branding::all_hosts(db).await?;
        let mut snapshot = Snapshot::default();
        for row in brands {
            let view = Arc::new(view_of(&row.id, &row.brand));
            if row.id == SERVER {
                snapshot.server = view;
            } else {
                snapshot.resellers.insert(row.id, view);
            }
        }
        snapshot.hosts = hosts.into_iter().map(|h| (h.host, h.owner)).collect();
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(snapshot);
        Ok(())
    }

    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The server's brand.
    pub fn server(&self) -> Arc<BrandView> {
        self.current().server.clone()
    }

    /// The brand an account's pages show.
    pub fn for_account(&self, role: Role, id: &str, owner_id: Option<&str>) -> Arc<BrandView> {
        let snapshot = self.current();
        brand_key(role, id, owner_id)
            .and_then(|key| snapshot.resellers.get(key))
            .unwrap_or(&snapshot.server)
            .clone()
    }

    /// The brand of a reseller's panel: its own, or the server's.
    pub fn of_reseller(&self, id: &str) -> Arc<BrandView> {
        self.for_account(Role::Reseller, id, None)
    }

    /// The brand a `Host` header asks for: its reseller's, or the server's
    /// for the server's own names and unknown ones.
    pub fn for_host(&self, host_header: Option<&str>) -> Arc<BrandView> {
        let snapshot = self.current();
        host_header
            .and_then(request_host)
            .and_then(|host| snapshot.hosts.get(host.as_str()))
            .and_then(|owner| snapshot.resellers.get(owner))
            .unwrap_or(&snapshot.server)
            .clone()
    }
}

/// The page's view of a stored brand.
pub fn view_of(key: &str, brand: &BrandRecord) -> BrandView {
    BrandView {
        name: brand.name.clone(),
        primary: brand.primary.clone(),
        accent: brand.accent.clone(),
        logo: brand.logo.as_ref().map(|hash| logo_url(key, hash)),
        favicon: brand.logo.as_ref().map(|hash| favicon_url(key, hash)),
        contact_email: brand.contact_email.clone(),
        contact_url: brand.contact_url.clone(),
        footer: brand.footer.clone(),
    }
}

/// Logos are served under their content hash, so they can be cached for
/// good: a new logo is a new URL.
pub fn logo_url(key: &str, hash: &str) -> String {
    format!("/brand/logo/{key}/{hash}")
}

pub fn favicon_url(key: &str, hash: &str) -> String {
    format!("/brand/favicon/{key}/{hash}")
}
