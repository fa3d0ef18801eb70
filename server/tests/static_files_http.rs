//! The site's files: precompressed copies served as they are, and caching
//! that lets a browser keep hashed names for good but never an unhashed one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::{ServerState, leptos_options, router};
use tower::ServiceExt;

/// A site directory of its own: a script, its copies and nothing else.
fn site_with_a_precompressed_script(name: &str) -> std::path::PathBuf {
    let site = std::env::temp_dir().join(format!("trellis-site-{name}-{}", std::process::id()));
    let _absent_at_first_run = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("pkg/app.js"),
        "console.log('hello');\n".repeat(100),
    )
    .unwrap();
    server::precompress::precompress(&site).unwrap();
    site
}

async fn get(
    site: &std::path::Path,
    hashed: bool,
    accept_encoding: &str,
) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let (_, ctx) = common::app().await;
    let mut options = leptos_options("127.0.0.1:3000".parse().unwrap());
    options.site_root = site.to_string_lossy().into_owned().into();
    options.hash_files = hashed;
    let app = router(ServerState {
        leptos_options: options,
        app: ctx,
    });
    let request = Request::builder()
        .uri("/pkg/app.js")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_ENCODING, accept_encoding)
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

#[tokio::test]
async fn a_browser_that_takes_brotli_gets_the_copy_made_at_release_time() {
    let site = site_with_a_precompressed_script("brotli");
    let (status, headers, body) = get(&site, false, "gzip, deflate, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(body, std::fs::read(site.join("pkg/app.js.br")).unwrap());
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    let (_, headers, body) = get(&site, false, "gzip").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body, std::fs::read(site.join("pkg/app.js.gz")).unwrap());

    let (_, headers, body) = get(&site, false, "identity").await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(body, std::fs::read(site.join("pkg/app.js")).unwrap());
    std::fs::remove_dir_all(&site).unwrap();
}

#[tokio::test]
async fn hashed_names_are_kept_for_good_and_unhashed_ones_checked_every_time() {
    let site = site_with_a_precompressed_script("caching");
    let (_, headers, _) = get(&site, true, "br").await;
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let (_, headers, _) = get(&site, false, "br").await;
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    std::fs::remove_dir_all(&site).unwrap();
}
