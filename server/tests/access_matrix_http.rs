#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every server function, called by every kind of caller, with the function
//! it needs allowed and withheld: the guard answers 401/403 exactly where it
//! should. A function added without a row here fails the first test; one
//! whose body forgets the guard fails the second.

mod common;

use std::collections::BTreeSet;

use app::domain::access::{Access, Function};
use common::*;
use http::StatusCode;
use serde_json::json;

const FORM: &str = "application/x-www-form-urlencoded";

/// What a function needs.
#[derive(Clone, Copy, Debug)]
enum Needs {
    /// Anyone, signed in or not.
    Anyone,
    SignedIn,
    Function(Function),
}

/// Every server function: what it needs and a body that decodes (ids name
/// nothing, so that calls that are let through change nothing).
fn matrix() -> Vec<(&'static str, Needs, &'static str, String)> {
    use Function::*;
    use Needs::Function as F;
    let query = json!({"query": {}}).to_string();
    let id = json!({"id": "nosuchaccount"}).to_string();
    let ids = json!({"ids": ["nosuchaccount"], "enabled": true}).to_string();
    let ids_only = json!({"ids": ["nosuchaccount"]}).to_string();
    let new = json!({"form": {"login": ""}}).to_string();
    let edit = json!({"id": "nosuchaccount", "form": {"login": ""}}).to_string();
    let set_access = json!({"id": "nosuchaccount", "functions": []}).to_string();
    vec![
        (
            "/api/auth/login",
            Needs::Anyone,
            FORM,
            "login=x&password=y".into(),
        ),
        ("/api/auth/me", Needs::Anyone, FORM, String::new()),
        ("/api/auth/logout", Needs::Anyone, FORM, String::new()),
        (
            "/api/dashboard/summary",
            Needs::SignedIn,
            FORM,
            String::new(),
        ),
        ("/api/account/profile", Needs::SignedIn, FORM, String::new()),
        ("/api/account/email", Needs::SignedIn, FORM, "email=".into()),
        (
            "/api/account/language",
            Needs::SignedIn,
            FORM,
            "language=".into(),
        ),
        (
            "/api/account/password",
            Needs::SignedIn,
            FORM,
            "current_password=wrong&new_password=x&new_password_confirm=y".into(),
        ),
        ("/api/session/return", Needs::SignedIn, FORM, String::new()),
        ("/api/resellers/list", F(ResellersList), JSON, query.clone()),
        ("/api/resellers/get", F(ResellersList), JSON, id.clone()),
        (
            "/api/resellers/create",
            F(ResellersCreate),
            JSON,
            new.clone(),
        ),
        (
            "/api/resellers/update",
            F(ResellersEdit),
            JSON,
            edit.clone(),
        ),
        (
            "/api/resellers/delete",
            F(ResellersDelete),
            JSON,
            ids_only.clone(),
        ),
        (
            "/api/resellers/set_enabled",
            F(ResellersEnable),
            JSON,
            ids.clone(),
        ),
        ("/api/resellers/enter", F(ResellersEnter), JSON, id.clone()),
        ("/api/users/list", F(UsersList), JSON, query.clone()),
        ("/api/users/get", F(UsersList), JSON, id.clone()),
        ("/api/users/pool", F(UsersList), JSON, "{}".into()),
        ("/api/users/create", F(UsersCreate), JSON, new),
        ("/api/users/update", F(UsersEdit), JSON, edit),
        ("/api/users/delete", F(UsersDelete), JSON, ids_only),
        ("/api/users/set_enabled", F(UsersEnable), JSON, ids),
        ("/api/users/enter", F(UsersEnter), JSON, id.clone()),
        (
            "/api/resellers/access",
            F(ResellersAccess),
            JSON,
            id.clone(),
        ),
        (
            "/api/resellers/set_access",
            F(ResellersAccess),
            JSON,
            set_access.clone(),
        ),
        ("/api/users/access", F(UsersAccess), JSON, id),
        ("/api/users/set_access", F(UsersAccess), JSON, set_access),
        (
            "/api/settings/default_access",
            F(DefaultAccess),
            JSON,
            "{}".into(),
        ),
        (
            "/api/settings/set_default_access",
            F(DefaultAccess),
            JSON,
            json!({"role": "reseller", "functions": ["nosuchfunction"]}).to_string(),
        ),
        (
            "/api/audit/list",
            F(AuditView),
            JSON,
            json!({"query": {"login": "", "action": "", "from": "", "to": ""}}).to_string(),
        ),
        ("/api/support/list", F(SupportRead), JSON, query),
        (
            "/api/support/get",
            F(SupportRead),
            JSON,
            json!({"id": "nosuchticket"}).to_string(),
        ),
        ("/api/support/unread", F(SupportRead), JSON, "{}".into()),
        (
            "/api/support/filter_categories",
            F(SupportRead),
            JSON,
            "{}".into(),
        ),
        (
            "/api/support/new_ticket_options",
            F(SupportSend),
            JSON,
            "{}".into(),
        ),
        (
            "/api/support/message_options",
            F(SupportSend),
            JSON,
            json!({"to": ["nosuchaccount"]}).to_string(),
        ),
        (
            "/api/support/open",
            F(SupportSend),
            FORM,
            "subject=&priority=x&text=".into(),
        ),
        (
            "/api/support/message",
            F(SupportSend),
            JSON,
            json!({"to": ["nosuchaccount"], "form": {"subject": ""}}).to_string(),
        ),
        (
            "/api/support/reply",
            F(SupportReply),
            FORM,
            "ticket=nosuchticket&text=x".into(),
        ),
        (
            "/api/support/close",
            F(SupportReply),
            FORM,
            "ticket=nosuchticket".into(),
        ),
        (
            "/api/support/set_priority",
            F(SupportReply),
            FORM,
            "ticket=nosuchticket&priority=low".into(),
        ),
        (
            "/api/support/categories",
            F(SupportCategories),
            JSON,
            "{}".into(),
        ),
        (
            "/api/support/save_category",
            F(SupportCategories),
            JSON,
            json!({"id": "nosuchcategory", "form": {"name": "x"}}).to_string(),
        ),
        (
            "/api/support/delete_category",
            F(SupportCategories),
            JSON,
            json!({"id": "nosuchcategory"}).to_string(),
        ),
        (
            "/api/branding/get",
            F(Branding),
            JSON,
            json!({"of": "nosuchaccount"}).to_string(),
        ),
        (
            "/api/branding/save",
            F(Branding),
            JSON,
            json!({"of": "nosuchaccount", "form": {"name": ""}}).to_string(),
        ),
        (
            "/api/branding/remove_logo",
            F(Branding),
            JSON,
            json!({"of": "nosuchaccount"}).to_string(),
        ),
    ]
}

#[tokio::test]
async fn every_registered_server_function_has_a_row() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let listed: BTreeSet<String> = matrix().iter().map(|(p, ..)| (*p).to_owned()).collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions without a row in the access matrix"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "rows for functions the router does not serve"
    );
}

/// A caller, and the functions it holds.
struct Caller {
    name: &'static str,
    cookie: Option<String>,
    holds: Access,
}

async fn callers(app: &axum::Router, ctx: &app::service::AppContext) -> Vec<Caller> {
    let admin = log_in(app, "admin", ADMIN_PASSWORD).await;
    let acme_id = create_reseller(app, &admin, "acme").await;
    let bare_id = create_reseller(app, &admin, "bare").await;
    let acme = log_in(app, "acme", "reseller-password").await;
    let bob_id = create_user(app, &acme, "bob", "10").await;
    // `bare` and `bob` are allowed nothing at all.
    for id in [&bare_id, &bob_id] {
        app::db::access::set_grants(&ctx.db, id, &Access::default(), 0)
            .await
            .unwrap();
    }
    ctx.publish(app::service::Change::Everything).await.unwrap();
    let bare = log_in(app, "bare", "reseller-password").await;
    let bob = log_in(app, "bob", "user-password").await;
    // The admin inside acme's panel, and inside bob's through acme.
    let inside_acme = log_in(app, "admin", ADMIN_PASSWORD).await;
    let inside_bob = log_in(app, "admin", ADMIN_PASSWORD).await;
    for (cookie, path, id) in [
        (&inside_acme, "/api/resellers/enter", &acme_id),
        (&inside_bob, "/api/resellers/enter", &acme_id),
        (&inside_bob, "/api/users/enter", &bob_id),
    ] {
        let body = json!({ "id": id }).to_string();
        let (status, text) = call(app, path, Some(cookie), JSON, body).await;
        assert_eq!(status, StatusCode::OK, "{text}");
    }
    let reseller = Access::everything_for(app::domain::Role::Reseller);
    vec![
        Caller {
            name: "anonymous",
            cookie: None,
            holds: Access::default(),
        },
        Caller {
            name: "admin",
            cookie: Some(admin),
            holds: Access::everything_for(app::domain::Role::Admin),
        },
        Caller {
            name: "reseller",
            cookie: Some(acme),
            holds: reseller.clone(),
        },
        Caller {
            name: "reseller allowed nothing",
            cookie: Some(bare),
            holds: Access::default(),
        },
        Caller {
            name: "user allowed nothing",
            cookie: Some(bob),
            holds: Access::default(),
        },
        Caller {
            name: "admin inside a reseller",
            cookie: Some(inside_acme),
            holds: reseller,
        },
        Caller {
            name: "admin inside a user allowed nothing",
            cookie: Some(inside_bob),
            holds: Access::default(),
        },
    ]
}

#[tokio::test]
async fn every_function_is_refused_exactly_where_it_is_withheld() {
    let (app, ctx) = app().await;
    let callers = callers(&app, &ctx).await;
    let mut failures = Vec::new();
    for (path, needs, content_type, body) in matrix() {
        // Leaving a panel or ending a session would change the caller.
        if matches!(
            path,
            "/api/auth/logout" | "/api/session/return" | "/api/auth/login"
        ) {
            continue;
        }
        for caller in &callers {
            let (status, text) = call(
                &app,
                path,
                caller.cookie.as_deref(),
                content_type,
                body.clone(),
            )
            .await;
            let expected = match (needs, &caller.cookie) {
                (Needs::Anyone, _) => None,
                (_, None) => Some(StatusCode::UNAUTHORIZED),
                (Needs::SignedIn, Some(_)) => None,
                (Needs::Function(f), Some(_)) if !caller.holds.allows(f) => {
                    Some(StatusCode::FORBIDDEN)
                }
                (Needs::Function(_), Some(_)) => None,
            };
            let wrong = match expected {
                Some(expected) => {
                    status != expected
                        || (expected == StatusCode::FORBIDDEN
                            && !text.contains(&function_name(needs)))
                }
                None => status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN,
            };
            if wrong {
                failures.push(format!(
                    "{path} as {}: {status} (expected {}) {text}",
                    caller.name,
                    expected.map_or("not 401/403".to_owned(), |s| s.to_string())
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn function_name(needs: Needs) -> String {
    match needs {
        Needs::Function(f) => f.name(),
        _ => String::new(),
    }
}
