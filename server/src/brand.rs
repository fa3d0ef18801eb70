//! White label over HTTP: the brand of each page request, the logo files,
//! and the logo's upload.
//!
//! The upload is a plain POST of the image's bytes, not a server function:
//! a file needs no form or JSON around it, and its size can be refused with
//! a message about the logo before the body is read.

use app::domain::access::Function;
use app::domain::branding::LOGO_MAX_BYTES;
use app::error::AppError;
use app::service::AppContext;
use app::service::brands::RequestBrand;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

/// Works out, before a page is rendered, which brand it shows: the brand of
/// the account signed in (its reseller's), or else the one its host name
/// asks for. From memory: the session is resolved through its cache, the
/// brand from the brand book.
pub async fn request_brand(
    State(ctx): State<AppContext>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_page(&request) {
        // Read out before the await: a request is not shared across threads.
        let token = app::service::auth::session_token(&ctx, request.headers());
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let brand = brand_of(&ctx, token, host).await;
        request.extensions_mut().insert(RequestBrand(brand));
    }
    next.run(request).await
}

fn is_page(request: &Request) -> bool {
    let path = request.uri().path();
    (request.method() == Method::GET || request.method() == Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !path.starts_with("/brand/")
}

async fn brand_of(
    ctx: &AppContext,
    token: Option<String>,
    host: Option<String>,
) -> std::sync::Arc<app::model::BrandView> {
    if token.is_some()
        && let Ok(actor) = app::service::auth::resolve(ctx, token.as_deref()).await
    {
        let acting = actor.acting();
        return ctx
            .brands
            .for_account(actor.role(), &acting.id, acting.owner_id.as_deref());
    }
    ctx.brands.for_host(host.as_deref())
}

/// `GET /brand/logo/{key}/{hash}` and `/brand/favicon/{key}/{hash}`: the
/// stored pixels with their real type, cached for good (a new logo is a
/// new hash).
pub async fn logo(
    State(ctx): State<AppContext>,
    Path((kind, key, hash)): Path<(String, String, String)>,
) -> Response {
    let favicon = match kind.as_str() {
        "logo" => false,
        "favicon" => true,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match app::service::branding::logo_file(&ctx, &key, &hash, favicon).await {
        Ok(Some((content_type, bytes))) => {
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => error_response(error),
    }
}

#[derive(serde::Deserialize)]
pub struct Of {
    #[serde(default)]
    of: String,
}

/// `POST /api/branding/logo?of=…`: the image file as the body. Answers the
/// new logo's URL as JSON, or the refusal as the server functions do.
pub async fn upload_logo(
    State(ctx): State<AppContext>,
    Query(Of { of }): Query<Of>,
    request: Request,
) -> Response {
    let token = app::service::auth::session_token(&ctx, request.headers());
    // Who and whether first: a stranger's body is never read.
    let actor = match app::service::auth::resolve(&ctx, token.as_deref()).await {
        Ok(actor) => actor,
        Err(error) => return error_response(error),
    };
    if let Err(error) = actor.require_function(Function::Branding) {
        return error_response(error);
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > LOGO_MAX_BYTES as u64) {
        return too_large(declared);
    }
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), LOGO_MAX_BYTES).await else {
        return too_large(None);
    };
    match app::service::branding::upload_logo(&ctx, &actor, &of, bytes.to_vec()).await {
        Ok(url) => axum::Json(serde_json::json!({ "url": url })).into_response(),
        Err(error) => error_response(error),
    }
}

fn too_large(declared: Option<u64>) -> Response {
    let max = LOGO_MAX_BYTES / 1024;
    let message = match declared {
        Some(n) => format!(
            "The logo is {} KiB; it may be at most {max} KiB.",
            n.div_ceil(1024)
        ),
        None => format!("The logo may be at most {max} KiB."),
    };
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        axum::Json(AppError::field("logo", message)),
    )
        .into_response()
}

fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(error)).into_response()
}
