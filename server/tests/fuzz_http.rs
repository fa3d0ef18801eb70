#![recursion_limit = "512"]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every server function, fed deterministic pseudo-random bodies through the
//! router, as the signed-in admin and as an anonymous caller: whatever arrives,
//! the answer is never a 5xx and nothing panics.
//!
//! `TRELLIS_FUZZ_BODIES` sets the bodies per function (each is sent once per
//! caller), `TRELLIS_FUZZ_SEED` the seed; a failure prints the seed, the
//! function and the body, so it can be replayed (only the ids of the accounts
//! the test creates differ from run to run).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use common::*;
use futures::FutureExt;
use http::{Request, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Small enough that the whole test stays well under a minute in a debug
/// build on two busy cores (1 000 bodies per function took 150 s there, so
/// a CI-size run of `TRELLIS_FUZZ_BODIES=10000` takes about 25 minutes).
const DEFAULT_BODIES_PER_FUNCTION: usize = 150;
const DEFAULT_SEED: u64 = 0x7e11_15f0_22ed;

/// How a server function decodes its arguments.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    /// `application/x-www-form-urlencoded` (server_fn's default).
    Form,
    /// `input = server_fn::codec::Json`.
    Json,
}

/// The arguments a function takes, for drawing bodies of the right shape.
#[derive(Clone, Copy)]
enum Shape {
    Nothing,
    Login,
    Query,
    AuditQuery,
    Id,
    OptionalId,
    NewForm,
    IdAndForm,
    Ids,
    IdsAndEnabled,
    IdsEnabledAndUsers,
    OwnPassword,
    Email,
    Language,
    IdAndFunctions,
    RoleAndFunctions,
    TicketQuery,
    TicketAndBefore,
    TicketForm,
    Message,
    To,
    Reply,
    Ticket,
    TicketPriority,
    Category,
    Of,
    Brand,
}

/// Every server function of the application. `every_registered_server_function_is_fuzzed`
/// compares this list with what the router actually serves.
const ENDPOINTS: &[(&str, Codec, Shape)] = &[
    ("/api/auth/login", Codec::Form, Shape::Login),
    ("/api/auth/me", Codec::Form, Shape::Nothing),
    ("/api/dashboard/summary", Codec::Form, Shape::Nothing),
    ("/api/account/profile", Codec::Form, Shape::Nothing),
    ("/api/account/email", Codec::Form, Shape::Email),
    ("/api/account/language", Codec::Form, Shape::Language),
    ("/api/resellers/list", Codec::Json, Shape::Query),
    ("/api/resellers/get", Codec::Json, Shape::Id),
    ("/api/resellers/create", Codec::Json, Shape::NewForm),
    ("/api/resellers/update", Codec::Json, Shape::IdAndForm),
    (
        "/api/resellers/set_enabled",
        Codec::Json,
        Shape::IdsEnabledAndUsers,
    ),
    ("/api/resellers/delete", Codec::Json, Shape::Ids),
    ("/api/users/list", Codec::Json, Shape::Query),
    ("/api/users/get", Codec::Json, Shape::Id),
    ("/api/users/pool", Codec::Json, Shape::OptionalId),
    ("/api/users/create", Codec::Json, Shape::NewForm),
    ("/api/users/update", Codec::Json, Shape::IdAndForm),
    ("/api/users/set_enabled", Codec::Json, Shape::IdsAndEnabled),
    ("/api/users/delete", Codec::Json, Shape::Ids),
    ("/api/resellers/access", Codec::Json, Shape::Id),
    (
        "/api/resellers/set_access",
        Codec::Json,
        Shape::IdAndFunctions,
    ),
    ("/api/users/access", Codec::Json, Shape::Id),
    ("/api/users/set_access", Codec::Json, Shape::IdAndFunctions),
    ("/api/settings/default_access", Codec::Json, Shape::Nothing),
    (
        "/api/settings/set_default_access",
        Codec::Json,
        Shape::RoleAndFunctions,
    ),
    ("/api/audit/list", Codec::Json, Shape::AuditQuery),
    ("/api/support/list", Codec::Json, Shape::TicketQuery),
    ("/api/support/get", Codec::Json, Shape::TicketAndBefore),
    ("/api/support/unread", Codec::Json, Shape::Nothing),
    (
        "/api/support/filter_categories",
        Codec::Json,
        Shape::Nothing,
    ),
    (
        "/api/support/new_ticket_options",
        Codec::Json,
        Shape::Nothing,
    ),
    ("/api/support/message_options", Codec::Json, Shape::To),
    ("/api/support/open", Codec::Form, Shape::TicketForm),
    ("/api/support/message", Codec::Json, Shape::Message),
    ("/api/support/reply", Codec::Form, Shape::Reply),
    ("/api/support/close", Codec::Form, Shape::Ticket),
    (
        "/api/support/set_priority",
        Codec::Form,
        Shape::TicketPriority,
    ),
    ("/api/support/categories", Codec::Json, Shape::Nothing),
    ("/api/support/save_category", Codec::Json, Shape::Category),
    ("/api/support/delete_category", Codec::Json, Shape::Id),
    ("/api/branding/get", Codec::Json, Shape::Of),
    ("/api/branding/save", Codec::Json, Shape::Brand),
    ("/api/branding/remove_logo", Codec::Json, Shape::Of),
    // Late: entering a panel makes the admin's later calls a reseller's or
    // a user's (refused where the admin's would not be).
    ("/api/session/return", Codec::Form, Shape::Nothing),
    ("/api/resellers/enter", Codec::Json, Shape::Id),
    ("/api/users/enter", Codec::Json, Shape::Id),
    // Late: a body that decodes may change the admin's password (never to
    // a known one) or end its session, so these come after the rest.
    ("/api/account/password", Codec::Form, Shape::OwnPassword),
    // Last: once a body decodes, it ends the admin's session, so the admin
    // calls after that one carry an ended session's cookie.
    ("/api/auth/logout", Codec::Form, Shape::Nothing),
];

/// SplitMix64: tiny, fast, and the same sequence on every machine and
/// every version of every crate.
struct Prng(u64);

impl Prng {
    fn new(seed: u64) -> Self {
        Prng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Ids worth trying: none, malformed, another table's, injected, and the
/// real ones of the accounts the test created.
fn id(rng: &mut Prng, real: &[String]) -> String {
    let real_one = real[rng.below(real.len())].clone();
    match rng.below(16) {
        0 => String::new(),
        1 => " ".into(),
        2 => real_one,
        3 => real_one.to_uppercase(),
        4 => format!("account:{real_one}"),
        5 => format!("session:{real_one}"),
        6 => format!("⟨{real_one}⟩"),
        7 => "x⟩; DELETE account; --".into(),
        8 => "a".repeat(rng.below(2_000) + 1),
        9 => "\u{0}".into(),
        10 => "../../etc/passwd".into(),
        11 => rng
            .pick(&["0", "-1", "1e5", "123456789012345678901234567890"])
            .to_string(),
        12 => rng
            .pick(&["account", "null", "NONE", "💥", "`x`", "u'x'"])
            .to_string(),
        13 => format!("{real_one}-"),
        _ => (0..20)
            .map(|_| *rng.pick(b"abcdefghijklmnopqrstuvwxyz0123456789") as char)
            .collect(),
    }
}

fn text(rng: &mut Prng) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => "   ".into(),
        2 => "x".repeat(rng.below(3_000)),
        3 => rng
            .pick(&[
                "Ωμέγα",
                "😀😀",
                "\u{202e}abc",
                "a\u{0}b",
                "\r\n\t",
                "ｆｕｌｌ",
            ])
            .to_string(),
        4 => rng
            .pick(&[
                "'; DELETE account; --",
                "⟨⟩",
                "$id",
                "<script>",
                "%00",
                "a&b=c",
            ])
            .to_string(),
        5 => number_text(rng),
        _ => (0..rng.below(24) + 1)
            .map(|_| *rng.pick(b"abcdefghijklmnopqrstuvwxyz0123456789_-.@") as char)
            .collect(),
    }
}

/// A number as a form field carries it, often one that does not fit.
fn number_text(rng: &mut Prng) -> String {
    rng.pick(&[
        "0",
        "1",
        "500",
        "-1",
        "1.5",
        "+5",
        " 7 ",
        "0x10",
        "5e3",
        "١٢٣",
        "1125899906842624",
        "1125899906842625",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999999999999",
    ])
    .to_string()
}

/// A JSON number or number-like value that does not fit the usual types.
fn huge_number(rng: &mut Prng) -> Value {
    let literal = rng.pick(&[
        "1e999",
        "-1e999",
        "18446744073709551616",
        "-9223372036854775809",
        "9223372036854775807",
        "1.7976931348623157e308",
        "123456789012345678901234567890",
        "-0",
        "5e-324",
    ]);
    serde_json::from_str(literal).unwrap_or_else(|_| Value::String(literal.to_string()))
}

fn features(rng: &mut Prng) -> Value {
    json!({
        "shell": rng.chance(50), "cgi": rng.chance(50), "php": rng.chance(50),
        "ssi": rng.chance(50), "https": rng.chance(50),
    })
}

fn login_text(rng: &mut Prng) -> String {
    if rng.chance(60) {
        format!("fz{}", rng.below(1_000_000))
    } else {
        text(rng)
    }
}

fn account_form(rng: &mut Prng) -> Value {
    // Mostly mismatched or weak passwords: a matching one costs an argon2 hash.
    let (password, confirm) = match rng.below(10) {
        0 => ("fuzz-password-1".to_owned(), "fuzz-password-1".to_owned()),
        1..=4 => (String::new(), String::new()),
        _ => (text(rng), text(rng)),
    };
    let amount = |rng: &mut Prng| {
        if rng.chance(50) {
            rng.below(2_000).to_string()
        } else {
            number_text(rng)
        }
    };
    json!({
        "login": login_text(rng),
        "password": password,
        "password_confirm": confirm,
        "email": if rng.chance(50) { String::new() } else { format!("{}@example.com", text(rng)) },
        "comment": text(rng),
        "users": amount(rng),
        "users_unlimited": rng.chance(30),
        "disk_mib": amount(rng),
        "disk_unlimited": rng.chance(30),
        "traffic_mib": amount(rng),
        "traffic_unlimited": rng.chance(30),
        "features": features(rng),
        "oversell": rng.chance(30),
        "enabled": rng.chance(70),
        "revoke_from_users": rng.chance(30),
    })
}

fn list_query(rng: &mut Prng) -> Value {
    let mut query = serde_json::Map::new();
    if rng.chance(60) {
        query.insert("filter".into(), text(rng).into());
    }
    if rng.chance(50) {
        let state = *rng.pick(&["Any", "Active", "Inactive", "active", "Deleted"]);
        query.insert("state".into(), state.into());
    }
    if rng.chance(50) {
        let sort = *rng.pick(&["Login", "State", "Users", "Disk", "Traffic", "login", "Id"]);
        query.insert("sort".into(), sort.into());
    }
    if rng.chance(50) {
        query.insert("descending".into(), rng.chance(50).into());
    }
    if rng.chance(50) {
        let after = match rng.below(4) {
            0 => format!("{}~{}", number_text(rng), login_text(rng)),
            1 => format!("-9223372036854775808~{}", login_text(rng)),
            2 => text(rng),
            _ => format!("0~{}", "z".repeat(40)),
        };
        query.insert("after".into(), after.into());
    }
    if rng.chance(30) {
        let owner = if rng.chance(50) {
            "admin".to_owned()
        } else {
            text(rng)
        };
        query.insert("owner".into(), owner.into());
    }
    Value::Object(query)
}

/// Audit filters: real and junk logins, known and unknown actions, dates
/// valid, impossible and reversed, cursors well- and ill-formed.
fn audit_query(rng: &mut Prng) -> Value {
    let mut query = serde_json::Map::new();
    if rng.chance(50) {
        query.insert("login".into(), login_text(rng).into());
    }
    if rng.chance(50) {
        let action = *rng.pick(&[
            "login",
            "user.update",
            "reseller.delete",
            "user.explode",
            "",
        ]);
        query.insert("action".into(), action.into());
    }
    for field in ["from", "to"] {
        if rng.chance(40) {
            let date = match rng.below(4) {
                0 => "2025-11-28".to_owned(),
                1 => "2023-02-29".to_owned(),
                2 => "9999-12-31T23:59".to_owned(),
                _ => text(rng),
            };
            query.insert(field.into(), date.into());
        }
    }
    if rng.chance(40) {
        let after = match rng.below(3) {
            0 => format!("{}.{}", number_text(rng), number_text(rng)),
            1 => "9223372036854775807.-1".to_owned(),
            _ => text(rng),
        };
        query.insert("after".into(), after.into());
    }
    Value::Object(query)
}

fn ids(rng: &mut Prng, real: &[String]) -> Value {
    let count = match rng.below(10) {
        0 => 0,
        1 => 501,
        _ => rng.below(6) + 1,
    };
    Value::Array((0..count).map(|_| id(rng, real).into()).collect())
}

/// Function keys: real ones, ones a role cannot hold, unknown and odd ones.
fn function_keys(rng: &mut Prng) -> Value {
    let count = match rng.below(10) {
        0 => 0,
        1 => 300,
        _ => rng.below(8) + 1,
    };
    let keys: Vec<String> = (0..count)
        .map(|_| match rng.below(4) {
            0 | 1 => rng
                .pick(&[
                    "users.list",
                    "users.create",
                    "users.delete",
                    "users.access",
                    "audit.view",
                    "resellers.create",
                    "settings.default_access",
                ])
                .to_string(),
            2 => rng
                .pick(&["users.fly", "", "USERS.LIST", "users.list ", "audit"])
                .to_string(),
            _ => text(rng),
        })
        .collect();
    keys.into()
}

/// A priority: the three, and others.
fn priority_text(rng: &mut Prng) -> Value {
    match rng.below(3) {
        0 => (*rng.pick(&["high", "medium", "low"])).into(),
        1 => (*rng.pick(&["", "HIGH", "urgent", " low"])).into(),
        _ => text(rng).into(),
    }
}

/// A ticket: a made-up id, a malformed one, or junk.
fn ticket_text(rng: &mut Prng) -> Value {
    match rng.below(3) {
        0 => "seed000000000".into(),
        1 => (*rng.pick(&["", "a]b", "ticket:x", "x'y"])).into(),
        _ => text(rng).into(),
    }
}

fn ticket_form(rng: &mut Prng) -> Value {
    json!({
        "subject": text(rng),
        "priority": priority_text(rng),
        "category": *rng.pick(&["", "general", "nope", "a]b"]),
        "text": text(rng),
    })
}

fn ticket_query(rng: &mut Prng) -> Value {
    let mut query = serde_json::Map::new();
    for (field, values) in [
        ("mailbox", &["", "above", "below", "server", "x"][..]),
        ("status", &["", "open", "answered", "closed", "shut"][..]),
        ("priority", &["", "high", "low", "urgent"][..]),
        ("category", &["", "general", "nope"][..]),
    ] {
        if rng.chance(40) {
            query.insert(field.into(), (*rng.pick(values)).into());
        }
    }
    if rng.chance(40) {
        query.insert("search".into(), text(rng).into());
    }
    if rng.chance(40) {
        let after = match rng.below(3) {
            0 => format!("{}.seed000000001", number_text(rng)),
            1 => "9223372036854775807.a]b".to_owned(),
            _ => text(rng),
        };
        query.insert("after".into(), after.into());
    }
    Value::Object(query)
}

/// Arguments of the right shape, with values drawn at random.
fn valid_shape(rng: &mut Prng, shape: Shape, real: &[String]) -> Value {
    match shape {
        Shape::Nothing => json!({}),
        Shape::Login => {
            let login = if rng.chance(30) {
                "admin".to_owned()
            } else {
                login_text(rng)
            };
            json!({"login": login, "password": text(rng)})
        }
        Shape::Query => json!({"query": list_query(rng)}),
        Shape::AuditQuery => json!({"query": audit_query(rng)}),
        Shape::Id => json!({"id": id(rng, real)}),
        Shape::OptionalId => match rng.below(3) {
            0 => json!({}),
            1 => json!({"id": null}),
            _ => json!({"id": id(rng, real)}),
        },
        Shape::NewForm => json!({"form": account_form(rng)}),
        Shape::IdAndForm => json!({"id": id(rng, real), "form": account_form(rng)}),
        Shape::Ids => json!({"ids": ids(rng, real)}),
        Shape::IdsAndEnabled => json!({"ids": ids(rng, real), "enabled": rng.chance(50)}),
        Shape::IdsEnabledAndUsers => {
            let mut value = json!({"ids": ids(rng, real), "enabled": rng.chance(50)});
            if rng.chance(50) {
                value["also_users_disabled_individually"] = rng.chance(50).into();
            }
            value
        }
        Shape::OwnPassword => {
            let current = if rng.chance(20) {
                ADMIN_PASSWORD.to_owned()
            } else {
                text(rng)
            };
            let new = text(rng);
            let confirm = if rng.chance(50) {
                new.clone()
            } else {
                text(rng)
            };
            json!({"current_password": current, "new_password": new, "new_password_confirm": confirm})
        }
        Shape::Email => {
            let email = match rng.below(3) {
                0 => format!("{}@example.com", text(rng)),
                1 => String::new(),
                _ => text(rng),
            };
            json!({"email": email})
        }
        Shape::Language => {
            let language = match rng.below(3) {
                0 => (*rng.pick(&["en", "ru", ""])).to_owned(),
                _ => text(rng),
            };
            json!({"language": language})
        }
        Shape::IdAndFunctions => json!({"id": id(rng, real), "functions": function_keys(rng)}),
        Shape::RoleAndFunctions => {
            let role = *rng.pick(&["reseller", "user", "admin", "Reseller", ""]);
            json!({"role": role, "functions": function_keys(rng)})
        }
        Shape::TicketQuery => json!({"query": ticket_query(rng)}),
        Shape::TicketAndBefore => match rng.below(3) {
            0 => json!({"id": ticket_text(rng)}),
            1 => {
                json!({"id": ticket_text(rng), "before": number_text(rng).parse::<i64>().unwrap_or(-1)})
            }
            _ => json!({"id": ticket_text(rng), "before": null}),
        },
        Shape::TicketForm => ticket_form(rng),
        Shape::Message => json!({"to": ids(rng, real), "form": ticket_form(rng)}),
        Shape::To => json!({"to": ids(rng, real)}),
        Shape::Reply => json!({"ticket": ticket_text(rng), "text": text(rng)}),
        Shape::Ticket => json!({"ticket": ticket_text(rng)}),
        Shape::TicketPriority => {
            json!({"ticket": ticket_text(rng), "priority": priority_text(rng)})
        }
        Shape::Of => json!({"of": id(rng, real)}),
        Shape::Brand => json!({
            "of": id(rng, real),
            "custom": rng.chance(50),
            "form": {
                "name": text(rng),
                "primary": text(rng),
                "accent": text(rng),
                "contact_email": text(rng),
                "contact_url": text(rng),
                "footer": text(rng),
            },
            "hosts": text(rng),
        }),
        Shape::Category => {
            let form = json!({
                "name": text(rng),
                "position": number_text(rng),
                "enabled": rng.chance(50),
                "default_priority": priority_text(rng),
            });
            if rng.chance(50) {
                json!({"id": id(rng, real), "form": form})
            } else {
                json!({"form": form})
            }
        }
    }
}

fn wrong_type(rng: &mut Prng) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => true.into(),
        2 => 0.into(),
        3 => (-1).into(),
        4 => 1.5.into(),
        5 => "x".into(),
        6 => json!([]),
        7 => json!({}),
        8 => json!([1, "2", null]),
        _ => json!({"x": {"y": 1}}),
    }
}

/// Replaces one node of `value` (perhaps the whole of it) with `replacement`.
fn replace_somewhere(rng: &mut Prng, value: &mut Value, replacement: Value) {
    let children = match value {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    if children == 0 || rng.chance(25) {
        *value = replacement;
        return;
    }
    let index = rng.below(children);
    let child = match value {
        Value::Object(map) => map.values_mut().nth(index),
        Value::Array(items) => items.get_mut(index),
        _ => None,
    };
    if let Some(child) = child {
        replace_somewhere(rng, child, replacement);
    }
}

/// Form encoding as server_fn's form codec reads it (`a[b]=c` for nesting).
fn form_encode(value: &Value) -> String {
    fn escape(text: &str) -> String {
        text.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }
    fn pairs(prefix: &str, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let name = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}[{key}]")
                    };
                    pairs(&name, child, out);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    pairs(&format!("{prefix}[{index}]"), child, out);
                }
            }
            Value::String(text) => out.push(format!("{}={}", escape(prefix), escape(text))),
            Value::Null => out.push(escape(prefix)),
            other => out.push(format!("{}={other}", escape(prefix))),
        }
    }
    let mut out = Vec::new();
    pairs("", value, &mut out);
    out.join("&")
}

fn encode(codec: Codec, value: &Value) -> Vec<u8> {
    match codec {
        Codec::Json => value.to_string().into_bytes(),
        Codec::Form => form_encode(value).into_bytes(),
    }
}

fn deep_nesting(rng: &mut Prng, codec: Codec, shape: &Value) -> Vec<u8> {
    let depth = *rng.pick(&[5_000, 5_000, 1_000, 129, 128, 127]);
    let field = shape
        .as_object()
        .and_then(|map| map.keys().next().cloned())
        .unwrap_or_else(|| "a".into());
    let text = match rng.below(5) {
        0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        2 => format!("{{\"{field}\":{}{}}}", "[".repeat(depth), "]".repeat(depth)),
        3 => "[".repeat(depth),
        _ if codec == Codec::Form => format!("{field}{}=1", "[a]".repeat(depth)),
        _ => format!(
            "{{\"{field}\":{}0{}}}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        ),
    };
    text.into_bytes()
}

fn token_soup(rng: &mut Prng) -> Vec<u8> {
    let tokens = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"id\"",
        "\"form\"",
        "\"ids\"",
        "1",
        "-",
        "null",
        "true",
        "\"",
        "\\",
        "\\u",
        "\\ud800",
        "e",
        " ",
        "\"query\"",
    ];
    (0..rng.below(60))
        .map(|_| *rng.pick(&tokens))
        .collect::<String>()
        .into_bytes()
}

/// One body for a function: its kind is drawn first, then its content.
fn body(rng: &mut Prng, codec: Codec, shape: Shape, real: &[String]) -> Vec<u8> {
    let mut value = valid_shape(rng, shape, real);
    match rng.below(11) {
        0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
        1 => {
            let mut bytes = encode(codec, &value);
            let cut = rng.below(bytes.len() + 1);
            bytes.truncate(cut);
            bytes
        }
        2 => {
            let replacement = wrong_type(rng);
            replace_somewhere(rng, &mut value, replacement);
            encode(codec, &value)
        }
        3 => deep_nesting(rng, codec, &value),
        4 => {
            let replacement = huge_number(rng);
            replace_somewhere(rng, &mut value, replacement);
            encode(codec, &value)
        }
        5 => token_soup(rng),
        6 => {
            // The other codec's encoding of the right arguments.
            let other = if codec == Codec::Json {
                Codec::Form
            } else {
                Codec::Json
            };
            encode(other, &value)
        }
        7 => rng
            .pick(&[
                "",
                " ",
                "null",
                "{}",
                "[]",
                "\"\"",
                "0",
                "=",
                "&&&",
                "%",
                "%zz",
                "\u{feff}{}",
            ])
            .as_bytes()
            .to_vec(),
        8 => {
            if let Value::Object(map) = &mut value {
                map.insert(text(rng), wrong_type(rng));
            }
            encode(codec, &value)
        }
        _ => encode(codec, &value),
    }
}

fn content_type(rng: &mut Prng, codec: Codec) -> Option<&'static str> {
    if rng.chance(70) {
        return Some(match codec {
            Codec::Json => JSON,
            Codec::Form => "application/x-www-form-urlencoded",
        });
    }
    *rng.pick(&[
        None,
        Some(""),
        Some(JSON),
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
        Some("multipart/form-data; boundary=x"),
        Some("application/json; charset=utf-16"),
        Some("application/cbor"),
        Some("*/*"),
    ])
}

/// What one request answered: its status, or the panic it caused.
async fn send(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Result<(u16, String), String> {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request.body(Body::from(body)).unwrap();
    let answer = AssertUnwindSafe(async {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
    .catch_unwind()
    .await;
    answer.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "a panic".into())
    })
}

fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let short: String = text.chars().take(160).collect();
    if short.len() < text.len() {
        format!("{short:?}… ({} bytes)", bytes.len())
    } else {
        format!("{short:?}")
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

fn first_chars(text: &str, count: usize) -> String {
    text.chars().take(count).collect()
}

fn env_number(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[tokio::test]
async fn every_registered_server_function_is_fuzzed() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let fuzzed: BTreeSet<String> = ENDPOINTS.iter().map(|(p, ..)| (*p).to_owned()).collect();
    assert!(!registered.is_empty(), "no server function is registered");
    assert_eq!(
        registered.difference(&fuzzed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions missing from ENDPOINTS"
    );
    assert_eq!(
        fuzzed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "ENDPOINTS names functions the router does not serve"
    );
}

#[tokio::test]
async fn no_body_makes_any_server_function_answer_5xx_or_panic() {
    let bodies = env_number("TRELLIS_FUZZ_BODIES", DEFAULT_BODIES_PER_FUNCTION as u64) as usize;
    let seed = env_number("TRELLIS_FUZZ_SEED", DEFAULT_SEED);
    let (app, ctx) = app().await;
    let admin = log_in(&app, "admin", ADMIN_PASSWORD).await;
    let reseller_id = create_reseller(&app, &admin, "fuzzreseller").await;
    let reseller = log_in(&app, "fuzzreseller", "reseller-password").await;
    let users: Vec<String> = [
        create_user(&app, &reseller, "fuzzuser1", "10").await,
        create_user(&app, &reseller, "fuzzuser2", "10").await,
        create_user(&app, &admin, "fuzzuser3", "10").await,
    ]
    .into();
    let admin_id = app::db::accounts::get_by_login(&ctx.db, "admin")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut real_ids = vec![admin_id, reseller_id];
    real_ids.extend(users);

    let started = Instant::now();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    // Failures by function and answer, so that one run shows every kind.
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut sent = 0usize;
    println!(
        "fuzzing {} server functions with {bodies} bodies each, seed {seed:#x}",
        ENDPOINTS.len()
    );
    for (path, codec, shape) in ENDPOINTS {
        let function_started = Instant::now();
        // Seeded by the path, so that adding a function leaves the others'
        // bodies as they were.
        let mut rng = Prng::new(seed ^ fnv1a(path));
        let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
        for number in 0..bodies {
            let body = body(&mut rng, *codec, *shape, &real_ids);
            let content_type = content_type(&mut rng, *codec);
            for (caller, cookie) in [("admin", Some(admin.as_str())), ("anonymous", None)] {
                sent += 1;
                let outcome = send(&app, path, cookie, content_type, body.clone()).await;
                let failure = match &outcome {
                    Ok((status, _)) => {
                        *seen.entry(*status).or_default() += 1;
                        *statuses.entry(*status).or_default() += 1;
                        (*status >= 500).then(|| format!("answered {status}"))
                    }
                    Err(panic) => Some(format!("panicked: {panic}")),
                };
                if let Some(failure) = failure {
                    let answer = outcome.map(|(_, text)| text).unwrap_or_default();
                    *kinds
                        .entry(format!("{path}: {failure} {}", first_chars(&answer, 60)))
                        .or_default() += 1;
                    failures.push(format!(
                        "{path} #{number} as {caller}, {content_type:?}: {failure}\n  body {}\n  answer {}",
                        excerpt(&body),
                        first_chars(&answer, 300)
                    ));
                }
            }
        }
        println!(
            "  {path}: {} requests in {:.1} s, statuses {seen:?}",
            2 * bodies,
            function_started.elapsed().as_secs_f64()
        );
    }
    println!(
        "fuzzed {} functions × {bodies} bodies × 2 callers = {sent} requests in {:.1} s; statuses {statuses:?}; failures {}",
        ENDPOINTS.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {sent} requests failed (seed {seed:#x}); by kind:\n{}\nthe first ones:\n{}",
        failures.len(),
        kinds
            .iter()
            .map(|(kind, count)| format!("  {count} × {kind}"))
            .collect::<Vec<_>>()
            .join("\n"),
        failures
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
