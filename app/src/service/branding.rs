//! White label's use-cases: reading and saving a brand with its host names,
//! and a logo's upload — decoded and encoded again here, so that nothing
//! but pixels is ever stored or served.

use base64::Engine;
use sha2::{Digest, Sha256};

use super::{Actor, AppContext, Change, actor::role_of, write_accounts};
use crate::db::accounts::{self, AccountRow};
use crate::db::branding::{self as store, BrandRecord, LogoRecord, SERVER};
use crate::domain::Role;
use crate::domain::branding::{
    BrandForm, BrandOf, BrandValues, LogoFormat, check_logo_bytes, check_logo_size, may_brand,
    parse_hosts,
};
use crate::error::{AppError, AppResult};
use crate::model::{BrandSettings, BrandView};

/// Logos are stored as base64 text.
const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Favicons are made this many pixels square.
const FAVICON_SIDE: u32 = 64;
/// Decoding never allocates more than this (a 1024×1024 RGBA image is 4 MiB).
const DECODE_ALLOC_MAX: u64 = 16 * 1024 * 1024;

/// The brand `of` names for `actor`: "" for its own, "server" for the
/// server's, else a reseller's id. One it may not edit is not found.
async fn target(ctx: &AppContext, actor: &Actor, of: &str) -> AppResult<(BrandOf, AccountRow)> {
    let acting = actor.acting();
    let not_found = || AppError::NotFound("No such brand.".into());
    let (brand_of, row) = match (role_of(acting), of) {
        (Role::Admin, "" | SERVER) => (BrandOf::Server, acting.clone()),
        (Role::Reseller, "") => (BrandOf::Reseller(acting.id.clone()), acting.clone()),
        (_, id) if accounts::is_account_key(id) => {
            let row = accounts::get(&ctx.db, id).await?.ok_or_else(not_found)?;
            if role_of(&row) != Role::Reseller {
                return Err(not_found());
            }
            (BrandOf::Reseller(row.id.clone()), row)
        }
        _ => return Err(not_found()),
    };
    if !may_brand(actor.role(), &acting.id, &brand_of) {
        return Err(not_found());
    }
    Ok((brand_of, row))
}

fn key_of(of: &BrandOf) -> &str {
    match of {
        BrandOf::Server => SERVER,
        BrandOf::Reseller(id) => id,
    }
}

/// What the branding page shows.
pub async fn settings(ctx: &AppContext, actor: &Actor, of: &str) -> AppResult<BrandSettings> {
    let (brand_of, row) = target(ctx, actor, of).await?;
    let key = key_of(&brand_of);
    let stored = store::get_brand(&ctx.db, key).await?;
    let server = ctx.brands.server();
    let (reseller, hosts) = match &brand_of {
        BrandOf::Server => (None, Vec::new()),
        BrandOf::Reseller(id) => (Some(row.login.clone()), store::hosts_of(&ctx.db, id).await?),
    };
    let form = match &stored {
        Some(brand) => form_of_view(&super::brands::view_of(key, brand)),
        None => form_of_view(&server),
    };
    Ok(BrandSettings {
        of: key.to_owned(),
        reseller,
        custom: stored.is_some(),
        form,
        hosts,
        server_hosts: server_hosts(ctx),
        logo: stored
            .and_then(|b| b.logo)
            .map(|hash| super::brands::logo_url(key, &hash)),
        inherited: BrandView::clone(&server),
    })
}

fn server_hosts(ctx: &AppContext) -> Vec<String> {
    ctx.settings
        .own_hosts
        .iter()
        .map(|h| h.as_str().to_owned())
        .collect()
}

fn form_of_view(view: &BrandView) -> BrandForm {
    BrandForm {
        name: view.name.clone(),
        primary: view.primary.clone(),
        accent: view.accent.clone(),
        contact_email: view.contact_email.clone().unwrap_or_default(),
        contact_url: view.contact_url.clone().unwrap_or_default(),
        footer: view.footer.clone(),
    }
}

/// What a save asks for.
#[derive(Debug, Clone)]
pub struct BrandChange {
    /// A reseller's own brand (false: the server's); the server's brand is
    /// always its own.
    pub custom: bool,
    pub form: BrandForm,
    /// The reseller's host names as typed (ignored for the server's brand).
    pub hosts: String,
}

/// Saves a brand and, for a reseller, its host names, in one transaction.
pub async fn save(ctx: &AppContext, actor: &Actor, of: &str, change: BrandChange) -> AppResult<()> {
    let (brand_of, row) = target(ctx, actor, of).await?;
    let custom = change.custom || brand_of == BrandOf::Server;
    let values = if custom {
        Some(change.form.parse().map_err(AppError::fields)?)
    } else {
        None
    };
    let hosts: Vec<String> = match &brand_of {
        BrandOf::Server => Vec::new(),
        BrandOf::Reseller(_) => {
            let hosts = parse_hosts(&change.hosts)?;
            if let Some(own) = hosts.iter().find(|h| ctx.settings.own_hosts.contains(h)) {
                return Err(AppError::field(
                    "hosts",
                    format!("“{}” is one of the server's own host names.", own.as_str()),
                ));
            }
            hosts.iter().map(|h| h.as_str().to_owned()).collect()
        }
    };
    let key = key_of(&brand_of).to_owned();
    write_accounts(
        ctx,
        |_| Change::Brands,
        |tx| {
            let (key, values, hosts, brand_of, row) = (
                key.clone(),
                values.clone(),
                hosts.clone(),
                brand_of.clone(),
                row.clone(),
            );
            async move {
                if let BrandOf::Reseller(id) = &brand_of {
                    let taken = store::hosts_held_by_others(&*tx, id, &hosts).await?;
                    if let Some(host) = taken.first() {
                        return Err(AppError::field(
                            "hosts",
                            format!("“{host}” is already used by another reseller."),
                        ));
                    }
                    store::set_hosts(&*tx, id, &hosts).await?;
                }
                let detail = match &values {
                    Some(values) => {
                        let logo = store::get_brand(&*tx, &key).await?.and_then(|b| b.logo);
                        store::put_brand(&*tx, &key, &record_of(values, logo)).await?;
                        describe(values)
                    }
                    None => {
                        store::delete_brand(&*tx, &key).await?;
                        "the server's brand (inherited)".to_owned()
                    }
                };
                let detail = match &brand_of {
                    BrandOf::Server => format!("server brand: {detail}"),
                    BrandOf::Reseller(_) if hosts.is_empty() => format!("{detail}; no host names"),
                    BrandOf::Reseller(_) => format!("{detail}; host names {}", hosts.join(", ")),
                };
                crate::db::audit::record(
                    &*tx,
                    super::shared::entry_about(actor, "branding.change", &row, detail),
                )
                .await?;
                Ok(())
            }
        },
    )
    .await
}

fn record_of(values: &BrandValues, logo: Option<String>) -> BrandRecord {
    BrandRecord {
        name: values.name.clone(),
        primary: values.primary.hex(),
        accent: values.accent.hex(),
        contact_email: values.contact_email.clone(),
        contact_url: values.contact_url.clone(),
        footer: values.footer.clone(),
        logo,
        updated_at: crate::db::now(),
    }
}

fn describe(values: &BrandValues) -> String {
    format!(
        "name “{}”, colours {} / {}",
        values.name,
        values.primary.hex(),
        values.accent.hex()
    )
}

/// A logo that passed every check, encoded again.
#[derive(Debug, Clone)]
pub struct CleanLogo {
    pub image: Vec<u8>,
    pub image_type: &'static str,
    pub favicon: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks an uploaded image and encodes its pixels again: the container,
/// the declared size (before any pixel is decoded), then the pixels
/// themselves, with the decoder's own allocation limit as a second guard.
pub fn clean_logo(bytes: &[u8]) -> AppResult<CleanLogo> {
    let format = check_logo_bytes(bytes)?;
    let image_format = match format {
        LogoFormat::Png => image::ImageFormat::Png,
        LogoFormat::Jpeg => image::ImageFormat::Jpeg,
        LogoFormat::WebP => image::ImageFormat::WebP,
    };
    let unreadable = || AppError::field("logo", "The image could not be read; it may be damaged.");
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(bytes), image_format);
    // The header alone first: its declared size is refused with the size
    // it claims, before a decoder is set up to read any pixel.
    let (width, height) = reader().into_dimensions().map_err(|_| unreadable())?;
    check_logo_size(width, height)?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(crate::domain::branding::LOGO_MAX_SIDE);
    limits.max_image_height = Some(crate::domain::branding::LOGO_MAX_SIDE);
    limits.max_alloc = Some(DECODE_ALLOC_MAX);
    let mut reader = reader();
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|_| unreadable())?;
    let pixels = image::DynamicImage::from_decoder(decoder).map_err(|_| unreadable())?;
    let (image, image_type) = match format {
        // A photograph stays a JPEG: as a PNG it would grow several times.
        LogoFormat::Jpeg => (
            encode(&pixels.to_rgb8().into(), image::ImageFormat::Jpeg)?,
            "image/jpeg",
        ),
        LogoFormat::Png | LogoFormat::WebP => {
            (encode(&pixels, image::ImageFormat::Png)?, "image/png")
        }
    };
    let favicon = pixels.thumbnail(FAVICON_SIDE, FAVICON_SIDE);
    Ok(CleanLogo {
        image,
        image_type,
        favicon: encode(&favicon, image::ImageFormat::Png)?,
        width,
        height,
    })
}

fn encode(image: &image::DynamicImage, format: image::ImageFormat) -> AppResult<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).map_err(|error| {
        tracing::error!(%error, "encoding a logo failed");
        AppError::Internal
    })?;
    Ok(out.into_inner())
}

/// Stores a new logo for a brand the actor may edit. A reseller that
/// inherits the server's brand has no logo of its own to replace.
pub async fn upload_logo(
    ctx: &AppContext,
    actor: &Actor,
    of: &str,
    bytes: Vec<u8>,
) -> AppResult<String> {
    let (brand_of, row) = target(ctx, actor, of).await?;
    // Decoding takes milliseconds of CPU: off the request threads.
    let clean = tokio::task::spawn_blocking(move || clean_logo(&bytes))
        .await
        .map_err(|_| AppError::Internal)??;
    let hash = hex::encode(&Sha256::digest(&clean.image)[..8]);
    let key = key_of(&brand_of).to_owned();
    let server = ctx.brands.server();
    let logo = LogoRecord {
        image: BASE64.encode(&clean.image),
        image_type: clean.image_type.to_owned(),
        favicon: BASE64.encode(&clean.favicon),
        width: i64::from(clean.width),
        height: i64::from(clean.height),
    };
    write_accounts(
        ctx,
        |_| Change::Brands,
        |tx| {
            let (key, hash, logo, row, brand_of, server) = (
                key.clone(),
                hash.clone(),
                logo.clone(),
                row.clone(),
                brand_of.clone(),
                server.clone(),
            );
            async move {
                let brand = match store::get_brand(&*tx, &key).await? {
                    Some(brand) => brand,
                    // The server's brand exists once anything was set; until
                    // then it is the default's values.
                    None if brand_of == BrandOf::Server => {
                        let values = form_of_view(&server).parse().map_err(AppError::fields)?;
                        record_of(&values, None)
                    }
                    None => {
                        return Err(AppError::field(
                            "logo",
                            "This reseller uses the server's brand. Choose “Own brand” and \
                             save it before uploading a logo.",
                        ));
                    }
                };
                store::put_logo(&*tx, &key, &hash, &logo).await?;
                let brand = BrandRecord {
                    logo: Some(hash.clone()),
                    updated_at: crate::db::now(),
                    ..brand
                };
                store::put_brand(&*tx, &key, &brand).await?;
                crate::db::audit::record(
                    &*tx,
                    super::shared::entry_about(
                        actor,
                        "branding.change",
                        &row,
                        format!(
                            "logo uploaded ({}×{}, {})",
                            logo.width, logo.height, logo.image_type
                        ),
                    ),
                )
                .await?;
                Ok(super::brands::logo_url(&key, &hash))
            }
        },
    )
    .await
}

/// Removes a brand's logo; its initial is shown again.
pub async fn remove_logo(ctx: &AppContext, actor: &Actor, of: &str) -> AppResult<()> {
    let (brand_of, row) = target(ctx, actor, of).await?;
    let key = key_of(&brand_of).to_owned();
    write_accounts(
        ctx,
        |_| Change::Brands,
        |tx| {
            let (key, row) = (key.clone(), row.clone());
            async move {
                let Some(brand) = store::get_brand(&*tx, &key).await? else {
                    return Ok(());
                };
                store::put_brand(
                    &*tx,
                    &key,
                    &BrandRecord {
                        logo: None,
                        ..brand
                    },
                )
                .await?;
                store::delete_logos(&*tx, &key).await?;
                crate::db::audit::record(
                    &*tx,
                    super::shared::entry_about(
                        actor,
                        "branding.change",
                        &row,
                        "logo removed".into(),
                    ),
                )
                .await?;
                Ok(())
            }
        },
    )
    .await
}

/// A stored logo or favicon: its content type and bytes.
pub async fn logo_file(
    ctx: &AppContext,
    key: &str,
    hash: &str,
    favicon: bool,
) -> AppResult<Option<(String, Vec<u8>)>> {
    let valid_key = key == SERVER || accounts::is_account_key(key);
    let valid_hash = hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid_key || !valid_hash {
        return Ok(None);
    }
    let Some(logo) = store::get_logo(&ctx.db, key, hash).await? else {
        return Ok(None);
    };
    let (body, content_type) = if favicon {
        (logo.favicon, "image/png".to_owned())
    } else {
        (logo.image, logo.image_type)
    };
    let bytes = BASE64.decode(body).map_err(|_| AppError::Internal)?;
    Ok(Some((content_type, bytes)))
}

/// Forgets a deleted reseller's brand, logos and host names, inside the
/// deleting transaction; true if it had any (the brand book must reload).
pub async fn forget(
    tx: &impl crate::db::Executor,
    reseller: &str,
) -> Result<bool, crate::db::DbError> {
    let had = store::get_brand(tx, reseller).await?.is_some()
        || !store::hosts_of(tx, reseller).await?.is_empty();
    if had {
        store::delete_brand(tx, reseller).await?;
        store::set_hosts(tx, reseller, &[]).await?;
    }
    Ok(had)
}
