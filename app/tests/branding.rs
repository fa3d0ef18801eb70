#![allow(clippy::unwrap_used, clippy::expect_used)]
//! White label through its services: who may brand what, inheritance, host
//! names (unique, not the server's, only their reseller's accounts log in
//! on them), logos re-encoded, hostile input refused with nothing stored.

mod common;
#[path = "common/images.rs"]
mod images;

use app::domain::Role;
use app::domain::access::Function;
use app::domain::branding::{BrandForm, HostName};
use app::error::AppError;
use app::service::auth::{LoginAttempt, login_with};
use app::service::branding::{self, BrandChange};
use app::service::{Actor, AppContext, access, resellers};
use common::*;

fn brand(name: &str, primary: &str) -> BrandForm {
    BrandForm {
        name: name.into(),
        primary: primary.into(),
        accent: "#2a7d4f".into(),
        contact_email: "help@acme.example".into(),
        contact_url: "https://help.acme.example/".into(),
        footer: "Acme Hosting Ltd.".into(),
    }
}

fn own(form: BrandForm, hosts: &str) -> BrandChange {
    BrandChange {
        custom: true,
        form,
        hosts: hosts.into(),
    }
}

struct World {
    admin: Actor,
    acme: Actor,
    beta: Actor,
    web1: Actor,
    web2: Actor,
}

async fn world(ctx: &AppContext) -> World {
    let admin = admin(ctx).await;
    let acme = resellers::create(ctx, &admin, reseller_form("acme"))
        .await
        .unwrap();
    let beta = resellers::create(ctx, &admin, reseller_form("beta"))
        .await
        .unwrap();
    let web1 = add_user(ctx, &acme, "web1", 100, true, true).await;
    let web2 = add_user(ctx, &beta, "web2", 100, true, true).await;
    World {
        acme: acting_as(ctx, &acme).await,
        beta: acting_as(ctx, &beta).await,
        web1: acting_as(ctx, &web1).await,
        web2: acting_as(ctx, &web2).await,
        admin,
    }
}

/// The brand the pages of `actor`'s account show.
fn shown(ctx: &AppContext, actor: &Actor) -> String {
    let acting = actor.acting();
    ctx.brands
        .for_account(actor.role(), &acting.id, acting.owner_id.as_deref())
        .name
        .clone()
}

fn field_of(error: AppError) -> Vec<String> {
    match error {
        AppError::Validation(fields) => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

#[tokio::test]
async fn a_resellers_brand_shows_to_it_and_its_users_only() {
    let ctx = context().await;
    let w = world(&ctx).await;
    branding::save(&ctx, &w.acme, "", own(brand("Acme Panel", "#123456"), ""))
        .await
        .unwrap();
    assert_eq!(shown(&ctx, &w.acme), "Acme Panel");
    assert_eq!(shown(&ctx, &w.web1), "Acme Panel");
    // Another reseller, its user and the admin keep the server's brand.
    assert_eq!(shown(&ctx, &w.beta), "Trellis");
    assert_eq!(shown(&ctx, &w.web2), "Trellis");
    assert_eq!(shown(&ctx, &w.admin), "Trellis");
    let view = ctx.brands.of_reseller(&w.acme.acting().id);
    assert_eq!(view.primary, "#123456");
    assert_eq!(view.contact_email.as_deref(), Some("help@acme.example"));
    let settings = branding::settings(&ctx, &w.acme, "").await.unwrap();
    assert!(settings.custom);
    assert_eq!(settings.form.name, "Acme Panel");
}

#[tokio::test]
async fn inheriting_resellers_follow_the_servers_brand() {
    let ctx = context().await;
    let w = world(&ctx).await;
    branding::save(&ctx, &w.acme, "", own(brand("Acme Panel", "#123456"), ""))
        .await
        .unwrap();
    branding::save(&ctx, &w.admin, "", own(brand("Big Host", "#0b3d2e"), ""))
        .await
        .unwrap();
    assert_eq!(shown(&ctx, &w.admin), "Big Host");
    assert_eq!(shown(&ctx, &w.beta), "Big Host");
    assert_eq!(shown(&ctx, &w.web2), "Big Host");
    assert_eq!(shown(&ctx, &w.web1), "Acme Panel");
    // Back to inheriting: the own brand is gone, the server's shows.
    let inherit = BrandChange {
        custom: false,
        form: BrandForm::default(),
        hosts: String::new(),
    };
    branding::save(&ctx, &w.acme, "", inherit).await.unwrap();
    assert_eq!(shown(&ctx, &w.web1), "Big Host");
    assert!(!branding::settings(&ctx, &w.acme, "").await.unwrap().custom);
}

#[tokio::test]
async fn only_the_admin_and_the_reseller_itself_may_brand_a_reseller() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let acme_id = w.acme.acting().id.clone();
    let beta_id = w.beta.acting().id.clone();
    branding::save(
        &ctx,
        &w.admin,
        &acme_id,
        own(brand("Set By Admin", "#123456"), ""),
    )
    .await
    .unwrap();
    assert_eq!(shown(&ctx, &w.web1), "Set By Admin");
    for (actor, of) in [
        (&w.beta, acme_id.as_str()),
        (&w.acme, "server"),
        (&w.web1, ""),
        (&w.web1, acme_id.as_str()),
        // Not a reseller: a user's id, and no account at all.
        (&w.admin, w.web2.acting().id.as_str()),
        (&w.admin, "nobody"),
    ] {
        let refused = branding::save(&ctx, actor, of, own(brand("Hijack", "#000000"), "")).await;
        assert!(
            matches!(refused, Err(AppError::NotFound(_))),
            "{of}: {refused:?}"
        );
        let read = branding::settings(&ctx, actor, of).await;
        assert!(matches!(read, Err(AppError::NotFound(_))), "{of}: {read:?}");
    }
    assert_eq!(shown(&ctx, &w.web1), "Set By Admin");
    assert_eq!(shown(&ctx, &w.beta), "Trellis");
    assert!(branding::settings(&ctx, &w.beta, &beta_id).await.is_ok());
    // Withheld: the function is gone from the reseller's rights.
    let rest: Vec<String> = w
        .acme
        .rights()
        .iter()
        .filter(|f| *f != Function::Branding)
        .map(|f| f.key().to_owned())
        .collect();
    access::set(&ctx, &w.admin, &acme_id, Role::Reseller, &rest)
        .await
        .unwrap();
    let acme = acting_as(&ctx, &acme_id).await;
    assert!(acme.require_function(Function::Branding).is_err());
    assert!(w.web1.require_function(Function::Branding).is_err());
}

#[tokio::test]
async fn host_names_are_unique_across_the_server_and_never_the_servers_own() {
    let ctx = context().await;
    let w = world(&ctx).await;
    branding::save(
        &ctx,
        &w.acme,
        "",
        own(brand("Acme", "#123456"), "Panel.Acme.Example\nacme.example"),
    )
    .await
    .unwrap();
    let settings = branding::settings(&ctx, &w.acme, "").await.unwrap();
    assert_eq!(settings.hosts, ["acme.example", "panel.acme.example"]);
    assert_eq!(
        ctx.brands.for_host(Some("panel.acme.example:3000")).name,
        "Acme"
    );
    let taken = branding::save(
        &ctx,
        &w.beta,
        "",
        own(brand("Beta", "#123456"), "panel.acme.example"),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(taken), ["hosts"]);
    // Nothing of the refused save was stored.
    let beta = branding::settings(&ctx, &w.beta, "").await.unwrap();
    assert!(beta.hosts.is_empty() && !beta.custom);
    let own_host = HostName::parse("panel.trellis.example").unwrap();
    let ctx2 = with_settings(&ctx, |s| s.own_hosts = vec![own_host]);
    let refused = branding::save(
        &ctx2,
        &w.beta,
        "",
        own(brand("Beta", "#123456"), "panel.trellis.example"),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(refused), ["hosts"]);
    for hostile in [
        "panel.acme.example:8080",
        "panel.acme.example/login",
        "pаnel.beta.example",
        "xn--pnel-5cd.beta.example",
    ] {
        let refused = branding::save(&ctx, &w.beta, "", own(brand("Beta", "#123456"), hostile))
            .await
            .unwrap_err();
        assert_eq!(field_of(refused), ["hosts"], "{hostile}");
    }
    // Deleting the reseller (once it has no users) frees its names.
    users_of_acme_deleted(&ctx, &w).await;
    resellers::delete(&ctx, &w.admin, &[w.acme.acting().id.clone()])
        .await
        .unwrap();
    assert_eq!(
        ctx.brands.for_host(Some("panel.acme.example")).name,
        "Trellis"
    );
    branding::save(
        &ctx,
        &w.beta,
        "",
        own(brand("Beta", "#123456"), "panel.acme.example"),
    )
    .await
    .unwrap();
}

async fn users_of_acme_deleted(ctx: &AppContext, w: &World) {
    app::service::users::delete(ctx, &w.acme, &[w.web1.acting().id.clone()])
        .await
        .unwrap();
}

#[tokio::test]
async fn hostile_brand_values_are_refused_and_nothing_is_stored() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let cases: Vec<(BrandForm, &str)> = vec![
        (
            brand("</style><script>alert(1)</script>", "#123456"),
            "name",
        ),
        (
            BrandForm {
                footer: "</style><script>x</script>".into(),
                ..brand("Acme", "#123456")
            },
            "footer",
        ),
        (brand("Acme", "red;}</style><script>"), "primary"),
        (brand("Acme", "url(javascript:alert(1))"), "primary"),
        (
            BrandForm {
                accent: "#ffff00".into(),
                ..brand("Acme", "#123456")
            },
            "accent",
        ),
        (
            BrandForm {
                contact_url: "javascript:alert(1)".into(),
                ..brand("Acme", "#123456")
            },
            "contact_url",
        ),
        (
            BrandForm {
                contact_email: "not an address".into(),
                ..brand("Acme", "#123456")
            },
            "contact_email",
        ),
    ];
    for (form, field) in cases {
        let refused = branding::save(&ctx, &w.acme, "", own(form, ""))
            .await
            .unwrap_err();
        assert_eq!(field_of(refused), [field]);
    }
    assert!(!branding::settings(&ctx, &w.acme, "").await.unwrap().custom);
    assert_eq!(shown(&ctx, &w.web1), "Trellis");
}

#[tokio::test]
async fn a_logo_is_decoded_and_encoded_again() {
    let ctx = context().await;
    let w = world(&ctx).await;
    // A reseller that inherits has no logo of its own to set.
    let inheriting = branding::upload_logo(&ctx, &w.acme, "", images::png(40, 20)).await;
    assert_eq!(field_of(inheriting.unwrap_err()), ["logo"]);
    branding::save(&ctx, &w.acme, "", own(brand("Acme", "#123456"), ""))
        .await
        .unwrap();
    let upload = images::png(40, 20);
    let url = branding::upload_logo(&ctx, &w.acme, "", upload.clone())
        .await
        .unwrap();
    let view = ctx.brands.of_reseller(&w.acme.acting().id);
    assert_eq!(view.logo.as_deref(), Some(url.as_str()));
    let parts: Vec<&str> = url.split('/').collect();
    let (key, hash) = (parts[3], parts[4]);
    let (content_type, stored) = branding::logo_file(&ctx, key, hash, false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(content_type, "image/png");
    assert_ne!(stored, upload, "stored as uploaded, not re-encoded");
    assert!(!stored.windows(8).any(|w| w == b"<script>"));
    let decoded = image::load_from_memory(&stored).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (40, 20));
    let (favicon_type, favicon) = branding::logo_file(&ctx, key, hash, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(favicon_type, "image/png");
    let favicon = image::load_from_memory(&favicon).unwrap();
    assert!(favicon.width() <= 64 && favicon.height() <= 64);
    // A JPEG stays a JPEG.
    let url = branding::upload_logo(&ctx, &w.acme, "", images::jpeg(30, 30))
        .await
        .unwrap();
    let parts: Vec<&str> = url.split('/').collect();
    let (content_type, _) = branding::logo_file(&ctx, parts[3], parts[4], false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(content_type, "image/jpeg");
    // The previous logo is gone.
    assert!(
        branding::logo_file(&ctx, key, hash, false)
            .await
            .unwrap()
            .is_none()
    );
    branding::remove_logo(&ctx, &w.acme, "").await.unwrap();
    assert_eq!(ctx.brands.of_reseller(&w.acme.acting().id).logo, None);
}

#[tokio::test]
async fn hostile_images_are_refused_and_nothing_is_stored() {
    let ctx = context().await;
    let w = world(&ctx).await;
    branding::save(&ctx, &w.acme, "", own(brand("Acme", "#123456"), ""))
        .await
        .unwrap();
    let mut huge = images::png(16, 16);
    huge.extend(vec![0u8; 50 * 1024 * 1024]);
    for (name, bytes, says) in [
        ("svg renamed .png", images::svg_renamed_png(), "SVG"),
        (
            "png with trailing script",
            images::png_with_trailing_script(),
            "after the end",
        ),
        ("50 MB", huge, "at most 256 KiB"),
        (
            "decompression bomb",
            images::decompression_bomb(),
            "50000×50000",
        ),
        ("1025 px wide", images::png(1025, 1), "at most 1024×1024"),
        ("empty", Vec::new(), "Choose"),
    ] {
        let refused = branding::upload_logo(&ctx, &w.acme, "", bytes)
            .await
            .unwrap_err();
        let AppError::Validation(fields) = refused else {
            panic!("{name}: not a refused field");
        };
        assert_eq!(fields[0].field, "logo", "{name}");
        assert!(
            fields[0].message.contains(says),
            "{name}: {}",
            fields[0].message
        );
    }
    assert_eq!(ctx.brands.of_reseller(&w.acme.acting().id).logo, None);
}

async fn attempt(
    ctx: &AppContext,
    login: &str,
    password: &str,
    host: &str,
) -> Result<(), AppError> {
    for _ in 0..40 {
        let outcome = login_with(
            ctx,
            LoginAttempt {
                login,
                password,
                client: "127.0.0.9",
                previous_token: None,
                device_token: None,
                host: Some(host),
            },
        )
        .await;
        match outcome {
            Err(AppError::TooManyAttempts(message)) if message.contains("busy") => {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            outcome => return outcome.map(|_| ()),
        }
    }
    panic!("the server stayed busy")
}

#[tokio::test]
async fn on_a_resellers_host_only_it_and_its_users_log_in() {
    let ctx = context().await;
    let w = world(&ctx).await;
    branding::save(
        &ctx,
        &w.acme,
        "",
        own(brand("Acme", "#123456"), "panel.acme.example"),
    )
    .await
    .unwrap();
    let host = "panel.acme.example:3000";
    attempt(&ctx, "acme", "reseller-password", host)
        .await
        .unwrap();
    attempt(&ctx, "web1", "user-password", host).await.unwrap();
    let wrong_password = attempt(&ctx, "web1", "not-the-password", host)
        .await
        .unwrap_err();
    for stranger in [
        ("web2", "user-password"),
        ("beta", "reseller-password"),
        ("admin", ADMIN_PASSWORD),
    ] {
        let refused = attempt(&ctx, stranger.0, stranger.1, host)
            .await
            .unwrap_err();
        assert_eq!(refused, wrong_password, "{}", stranger.0);
    }
    // Elsewhere they log in as ever.
    attempt(&ctx, "web2", "user-password", "127.0.0.1:3000")
        .await
        .unwrap();
    attempt(&ctx, "admin", ADMIN_PASSWORD, "other.example")
        .await
        .unwrap();
}

#[tokio::test]
async fn another_instance_learns_a_brand_from_the_change_stream() {
    let ctx = context().await;
    let other = AppContext::open(ctx.db.clone(), app::service::Settings::default())
        .await
        .unwrap();
    let w = world(&ctx).await;
    branding::save(
        &ctx,
        &w.acme,
        "",
        own(brand("Acme Panel", "#123456"), "panel.acme.example"),
    )
    .await
    .unwrap();
    assert!(other.stream.reach(ctx.stream.applied()).await);
    assert_eq!(
        other.brands.for_host(Some("panel.acme.example")).name,
        "Acme Panel"
    );
}
