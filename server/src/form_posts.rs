//! Forms posted by a browser that has not run the WebAssembly (yet): a slow
//! phone, a blocked script. The account form and a list's actions post to
//! their own page's address; the same server functions a hydrated page calls
//! do the work, then the browser is sent on (303), or the page is rendered
//! again with what was typed and the outcome (the refusal beside its field,
//! the line above the list).

use std::future::Future;

use app::api::resellers::{create_reseller, update_reseller};
use app::api::users::{create_user, update_user};
use app::domain::form::AccountForm;
use app::domain::posted_selection::{PostedAction, PostedSelection};
use app::error::AppError;
use app::service::AppContext;
use app::shell;
use app::ui::components::account_form::RefusedAccountForm;
use app::ui::components::account_kind::ListKind;
use app::ui::components::account_list::{BulkOp, PostedListOutcome, run_bulk};
use app::ui::components::list_toolbar::enter;
use app::ui::i18n::accounts::bulk_summary;
use app::ui::i18n::locale_of_request;
use app::ui::i18n::refusals::{error_text, translate};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, Method, StatusCode, header};
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos_axum::ResponseOptions;

use crate::{BODY_LIMIT_BYTES, ServerState};

/// Which account form a path is: `/resellers/new`, `/users/{id}`, …
#[derive(Debug, Clone, PartialEq, Eq)]
struct AccountFormPath {
    resellers: bool,
    /// `None` for a new account.
    id: Option<String>,
}

impl AccountFormPath {
    fn parse(path: &str) -> Option<AccountFormPath> {
        let mut segments = path.trim_matches('/').split('/');
        let resellers = match segments.next()? {
            "resellers" => true,
            "users" => false,
            _ => return None,
        };
        let id = match segments.next()? {
            "" => return None,
            "new" => None,
            id => Some(id.to_owned()),
        };
        segments
            .next()
            .is_none()
            .then_some(AccountFormPath { resellers, id })
    }

    fn list(&self) -> &'static str {
        if self.resellers {
            "/resellers"
        } else {
            "/users"
        }
    }
}

/// The fields of an `application/x-www-form-urlencoded` body, in order.
async fn posted_fields(body: Body) -> Result<Vec<(String, String)>, Response> {
    let bytes = axum::body::to_bytes(body, BODY_LIMIT_BYTES)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response())?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

/// Runs `work` as a server function runs: with the request, the application
/// and a place for the response's status and cookies.
async fn as_server_function<T, Fut>(
    ctx: AppContext,
    parts: Parts,
    work: impl FnOnce() -> Fut,
) -> (T, ResponseOptions)
where
    Fut: Future<Output = T>,
{
    let owner = Owner::new();
    let options = ResponseOptions::default();
    let result = owner
        .with(|| {
            provide_context(parts);
            provide_context(ctx);
            provide_context(options.clone());
            ScopedFuture::new(work())
        })
        .await;
    (result, options)
}

/// `POST /resellers/new`, `/resellers/{id}`, `/users/new`, `/users/{id}`.
pub async fn account_form(State(state): State<ServerState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Some(target) = AccountFormPath::parse(parts.uri.path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let fields = match posted_fields(body).await {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    let form = AccountForm::from_posted(&fields);
    let saving = form.clone();
    let list = target.list();
    let (saved, options) = as_server_function(state.app.clone(), parts.clone(), || async move {
        match (target.id, target.resellers) {
            (Some(id), true) => update_reseller(id, saving).await,
            (None, true) => create_reseller(saving).await.map(|_| ()),
            (Some(id), false) => update_user(id, saving).await,
            (None, false) => create_user(saving).await.map(|_| ()),
        }
    })
    .await;
    match saved {
        Ok(()) => see_other(list.to_owned(), &options),
        Err(error) => {
            let status = refusal_status(&error);
            let refused = RefusedAccountForm {
                form: form.without_secrets(),
                error,
            };
            render_again(state, parts, refused, status).await
        }
    }
}

fn refusal_status(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY)
}

/// `POST /resellers` and `/users` (with the list's address query): a toolbar
/// button pressed with the ticked rows.
pub async fn list_action(State(state): State<ServerState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let kind = match parts.uri.path() {
        "/resellers" => ListKind::Resellers,
        "/users" => ListKind::Users,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let fields = match posted_fields(body).await {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    let locale = locale_of_request(&parts.headers, state.app.settings.secure_cookies);
    let selection = match PostedSelection::parse(&fields, kind.noun()) {
        Ok(selection) => selection,
        Err(message) => {
            let outcome = PostedListOutcome::Notice(Err(translate(locale, &message)));
            return render_again(state, parts, outcome, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let base = kind.base();
    let first = selection.ids().remove(0);
    let op = match selection.action {
        PostedAction::Edit => return see_other(format!("{base}/{first}"), &Default::default()),
        PostedAction::Access => {
            return see_other(format!("{base}/{first}/access"), &Default::default());
        }
        PostedAction::Branding => {
            return see_other(format!("{base}/{first}/branding"), &Default::default());
        }
        PostedAction::Message => {
            let to = selection.ids().join(",");
            return see_other(format!("/support/message?to={to}"), &Default::default());
        }
        PostedAction::Delete => {
            let outcome = PostedListOutcome::ConfirmDelete(selection.rows);
            return render_again(state, parts, outcome, StatusCode::OK).await;
        }
        PostedAction::Enter => {
            let (entered, options) =
                as_server_function(state.app.clone(), parts.clone(), || enter(kind, first)).await;
            return match entered {
                Ok(()) => see_other("/".to_owned(), &options),
                Err(error) => {
                    let status = refusal_status(&error);
                    let outcome = PostedListOutcome::Notice(Err(error_text(locale, &error)));
                    render_again(state, parts, outcome, status).await
                }
            };
        }
        PostedAction::Enable => BulkOp::Enable {
            ids: selection.ids(),
            also_users: selection.also_users,
        },
        PostedAction::Disable => BulkOp::Disable(selection.ids()),
        PostedAction::DeleteConfirmed => BulkOp::Delete(selection.ids()),
    };
    let (report, _) =
        as_server_function(state.app.clone(), parts.clone(), || run_bulk(kind, op)).await;
    let (outcome, status) = match report {
        Ok(report) if report.refused.is_empty() => {
            (Ok(bulk_summary(locale, &report)), StatusCode::OK)
        }
        Ok(report) => (Err(bulk_summary(locale, &report)), StatusCode::OK),
        Err(error) => (Err(error_text(locale, &error)), refusal_status(&error)),
    };
    render_again(state, parts, PostedListOutcome::Notice(outcome), status).await
}

/// The page again, as a GET of the same address would render it, with what
/// the post came to in its context (the page reads it) and `status`.
async fn render_again<T>(
    state: ServerState,
    mut parts: Parts,
    posted: T,
    status: StatusCode,
) -> Response
where
    T: Clone + Send + Sync + 'static,
{
    let ctx = state.app.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(ctx.clone());
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// Sends the browser on with a GET (a reload then does not post again),
/// keeping the cookies the work set.
fn see_other(location: String, options: &ResponseOptions) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    match HeaderValue::from_str(&location) {
        Ok(location) => headers.insert(header::LOCATION, location),
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    if let Ok(set) = options.0.read() {
        for (name, value) in set.headers.iter() {
            headers.append(name, value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_form_paths_name_the_kind_and_the_account() {
        let path = |s: &str| AccountFormPath::parse(s);
        assert_eq!(
            path("/resellers/new"),
            Some(AccountFormPath {
                resellers: true,
                id: None
            })
        );
        assert_eq!(
            path("/users/abc123"),
            Some(AccountFormPath {
                resellers: false,
                id: Some("abc123".into())
            })
        );
        assert_eq!(path("/resellers"), None);
        assert_eq!(path("/resellers/abc/access"), None);
        assert_eq!(path("/support/new"), None);
    }
}
