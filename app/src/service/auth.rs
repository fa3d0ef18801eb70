use base64::Engine;
use sha2::{Digest, Sha256};

use super::actor::state_of;
use super::one_at_a_time::Turn;
use super::session_cache::CachedSession;
use super::{Actor, AppContext, Change, passwords, write_accounts};
use crate::db::{self, accounts, audit, branding, known_devices, sessions, throttle};
use crate::domain::branding::{may_log_in_on, request_host};
use crate::domain::throttle::{Reservation, Throttle, locked_message, reserve_all};
use crate::error::{AppError, AppResult, InvalidField};

/// The session cookie; over TLS with the `__Host-` prefix, which browsers
/// accept only from a secure origin, for the whole site and no domain.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-trellis_session"
    } else {
        "trellis_session"
    }
}

/// The value of the request's cookie `name`, if it sent one.
/// The session token a request carries, read the way every route reads it.
pub fn session_token(ctx: &AppContext, headers: &http::HeaderMap) -> Option<String> {
    cookie_value(headers, session_cookie_name(ctx.settings.secure_cookies))
}

pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The cookie that marks a browser an account has logged in from.
pub fn language_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-trellis_lang"
    } else {
        "trellis_lang"
    }
}

pub fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-trellis_device"
    } else {
        "trellis_device"
    }
}

/// Longest login or password we even look at; anything longer is refused
/// before any work is done.
const LOGIN_INPUT_MAX: usize = 64;
const PASSWORD_INPUT_MAX: usize = 1024;
/// Longest token we look up.
const TOKEN_MAX: usize = 128;
/// Refresh `last_seen` at most this often, to spare a write per request.
const TOUCH_EVERY_SECS: i64 = 60;
/// Live sessions per account: a new login ends the oldest beyond this.
pub const MAX_SESSIONS_PER_ACCOUNT: usize = 20;
/// Remembered browsers per account, and how long an unused one is kept.
pub const MAX_DEVICES_PER_ACCOUNT: usize = 20;
pub const DEVICE_KEPT_SECS: i64 = 90 * 24 * 60 * 60;
const WRONG: &str = "Wrong login or password.";

/// What a login presents.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoginAttempt<'a> {
    pub login: &'a str,
    pub password: &'a str,
    /// The client's address (see `domain::client_address`).
    pub client: &'a str,
    /// The session cookie the browser already had, if any: it is ended.
    pub previous_token: Option<&'a str>,
    /// The browser's device cookie, if any.
    pub device_token: Option<&'a str>,
    /// The `Host` the request was sent to: on a reseller's host name only
    /// that reseller and its users may log in.
    pub host: Option<&'a str>,
}

pub struct LoginOutcome {
    pub token: String,
    pub account: accounts::AccountRow,
    /// A device cookie to set: this browser is now known to the account.
    pub new_device_token: Option<String>,
}

pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Serialises this process's throttle writes: each is a transaction that
/// conflicts with concurrent ones on the same key anyway (which keeps several
/// processes exact), but a burst would otherwise spend itself on retries.
static THROTTLE_WRITES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub(crate) async fn throttle_update<T>(
    ctx: &AppContext,
    keys: &[String],
    now: i64,
    change: impl Fn(Vec<Throttle>) -> (Vec<Throttle>, T),
) -> AppResult<T> {
    let _one_at_a_time = THROTTLE_WRITES.lock().await;
    Ok(throttle::update(&ctx.db, keys, now, change).await?)
}

pub async fn login(
    ctx: &AppContext,
    login: &str,
    password: &str,
    client: &str,
    previous_token: Option<&str>,
) -> AppResult<LoginOutcome> {
    login_with(
        ctx,
        LoginAttempt {
            login,
            password,
            client,
            previous_token,
            device_token: None,
            host: None,
        },
    )
    .await
}

fn check_input(login: &str, password: &str) -> AppResult<()> {
    let mut refused = Vec::new();
    if login.is_empty() {
        refused.push(("login", "Enter your login."));
    } else if login.chars().count() > LOGIN_INPUT_MAX {
        refused.push(("login", "That login is too long."));
    }
    if password.is_empty() {
        refused.push(("password", "Enter your password."));
    } else if password.len() > PASSWORD_INPUT_MAX {
        refused.push(("password", "That password is too long."));
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(AppError::Validation(
        refused
            .into_iter()
            .map(|(field, message)| InvalidField {
                field: field.into(),
                message: message.into(),
            })
            .collect(),
    ))
}

/// Logs in. Every attempt is reserved in the throttle before its password is
/// checked, so a burst evaluates at most as many guesses as the throttle
/// allows; a browser the account logged in from before is held only by its
/// own key, so strangers' failures cannot lock its owner out.
pub async fn login_with(ctx: &AppContext, attempt: LoginAttempt<'_>) -> AppResult<LoginOutcome> {
    let login = attempt.login.trim().to_lowercase();
    check_input(&login, attempt.password)?;
    let now = db::now();
    let Admitted {
        credentials,
        known_device,
        keys,
    } = admit(ctx, &login, &attempt, now).await?;
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let matched = match passwords::verify(attempt.password, stored_hash).await {
        Ok(matched) => matched,
        Err(busy) => {
            // Never evaluated: the reservation goes back.
            throttle_update(ctx, &keys, now, release_all).await?;
            return Err(busy);
        }
    };
    let credentials = match credentials {
        Some(credentials) if matched => credentials,
        _ => return Err(failed(ctx, &keys, &login, attempt.client, now, "wrong password").await),
    };

    let account = accounts::get(&ctx.db, &credentials.id)
        .await?
        .ok_or(AppError::Internal)?;
    // Read from the database, not the brand book: whom a host admits must
    // not depend on how current this instance's memory is.
    let host_reseller = match attempt.host.and_then(request_host) {
        Some(host) => branding::host_owner(&ctx.db, host.as_str()).await?,
        None => None,
    };
    if !may_log_in_on(
        host_reseller.as_deref(),
        &account.id,
        account.owner_id.as_deref(),
    ) {
        // The same answer as a wrong password: a host does not tell
        // strangers which logins exist elsewhere on the server.
        let reason = "not an account of this host name's reseller";
        return Err(failed(ctx, &keys, &login, attempt.client, now, reason).await);
    }
    // The password was right: whatever follows, it was no guess.
    throttle_update(ctx, &keys, now, release_all).await?;
    if !state_of(&account).is_active() {
        return Err(AppError::Forbidden(
            "This account is disabled. Contact your provider.".into(),
        ));
    }
    throttle::clear(&ctx.db, &keys[0]).await?;

    // A new token on every login: a token planted before login is worthless.
    if let Some(previous) = attempt.previous_token.filter(|t| t.len() <= TOKEN_MAX)
        && let Some(old) = sessions::find(&ctx.db, &token_hash(previous)).await?
    {
        end_session(ctx, &token_hash(previous), &old.id).await?;
    }
    let token = new_token();
    sessions::create(
        &ctx.db,
        &token_hash(&token),
        &account.id,
        now,
        MAX_SESSIONS_PER_ACCOUNT,
    )
    .await?;
    let (device_hash, new_device_token) = match known_device {
        Some(hash) => (hash, None),
        None => {
            let device = new_token();
            (token_hash(&device), Some(device))
        }
    };
    known_devices::remember(
        &ctx.db,
        &device_hash,
        &account.id,
        now,
        MAX_DEVICES_PER_ACCOUNT,
    )
    .await?;
    record(
        ctx,
        audit::AuditEntry {
            at: now,
            chain: vec![account.login.clone()],
            action: "login".into(),
            target: account.login.clone(),
            target_owner: account.owner_login.clone(),
            target_id: Some(account.id.clone()),
            owner_id: account.owner_id.clone(),
            detail: format!("from {}", attempt.client),
        },
    )
    .await?;
    Ok(LoginOutcome {
        token,
        account,
        new_device_token,
    })
}

/// What a login attempt may go on with once the throttle has counted it.
struct Admitted {
    credentials: Option<accounts::Credentials>,
    /// The hash of this browser's device token, if the account knows it.
    known_device: Option<String>,
    /// The throttle keys that hold this attempt.
    keys: Vec<String>,
}

/// Looks the login up and reserves the attempt, one attempt at a time in
/// this process: a burst waits in line here holding next to nothing, rather
/// than running hundreds of queries at once.
async fn admit(
    ctx: &AppContext,
    login: &str,
    attempt: &LoginAttempt<'_>,
    now: i64,
) -> AppResult<Admitted> {
    let _one_at_a_time = THROTTLE_WRITES.lock().await;
    let credentials = accounts::credentials(&ctx.db, login).await?;
    let known_device = match attempt.device_token.filter(|t| t.len() <= TOKEN_MAX) {
        Some(token) => {
            let hash = token_hash(token);
            let owner = known_devices::account_of(&ctx.db, &hash).await?;
            let ours = credentials
                .as_ref()
                .is_some_and(|c| owner.as_deref() == Some(c.id.as_str()));
            ours.then_some(hash)
        }
        None => None,
    };
    let keys = match &known_device {
        Some(hash) => vec![format!("device:{hash}")],
        None => vec![format!("login:{login}"), format!("addr:{}", attempt.client)],
    };
    let reservation = throttle::update(&ctx.db, &keys, now, |t| reserve_all(&t, now)).await?;
    if let Reservation::Refused { retry_after_secs } = reservation {
        return Err(AppError::TooManyAttempts(locked_message(retry_after_secs)));
    }
    Ok(Admitted {
        credentials,
        known_device,
        keys,
    })
}

fn release_all(throttles: Vec<Throttle>) -> (Vec<Throttle>, ()) {
    (throttles.into_iter().map(Throttle::released).collect(), ())
}

/// Counts a wrong password, audits it (and a lock it starts), and answers
/// as for an unknown login.
async fn failed(
    ctx: &AppContext,
    keys: &[String],
    login: &str,
    client: &str,
    now: i64,
    reason: &str,
) -> AppError {
    let record = async {
        let locked_now = throttle_update(ctx, keys, now, |throttles| {
            let next: Vec<Throttle> = throttles.iter().map(|t| t.failed(now)).collect();
            let started_lock = throttles.iter().zip(&next).any(|(before, after)| {
                before.locked_for(now).is_none() && after.locked_for(now).is_some()
            });
            (next, started_lock)
        })
        .await?;
        let target = accounts::get_by_login(&ctx.db, login).await?;
        let owner = target.as_ref().and_then(|a| a.owner_login.clone());
        let mut detail = format!("from {client}: {reason}");
        if locked_now {
            detail.push_str("; further attempts are locked for a while");
        }
        record(
            ctx,
            audit::AuditEntry {
                at: now,
                chain: vec!["(anonymous)".into()],
                action: "login.failed".into(),
                target: login.to_owned(),
                target_owner: owner,
                target_id: target.as_ref().map(|a| a.id.clone()),
                owner_id: target.and_then(|a| a.owner_id),
                detail,
            },
        )
        .await?;
        Ok::<_, AppError>(())
    };
    match record.await {
        Ok(()) => AppError::field("password", WRONG),
        Err(error) => error,
    }
}

fn expired(ctx: &AppContext, created_at: i64, last_seen: i64, now: i64) -> bool {
    now - last_seen > ctx.settings.session_idle_secs
        || now - created_at > ctx.settings.session_max_secs
}

/// Finds the acting chain of a session token. A session whose logged-in
/// account is gone or inactive ends here; an entered panel that became
/// inactive is left, back to the nearest active account of the chain.
pub async fn resolve(ctx: &AppContext, token: Option<&str>) -> AppResult<Actor> {
    let token = token
        .filter(|t| !t.is_empty() && t.len() <= TOKEN_MAX)
        .ok_or(AppError::Unauthenticated)?;
    let hash = token_hash(token);
    let now = db::now();
    loop {
        if let Some(actor) = remembered(ctx, &hash, now).await? {
            return Ok(actor);
        }
        if let Turn::Mine(_resolving) = ctx.sessions.resolving(&hash).await {
            // Resolved just before this request took its turn?
            if let Some(actor) = remembered(ctx, &hash, now).await? {
                return Ok(actor);
            }
            return resolve_stored(ctx, &hash, now).await;
        }
        // Another request resolved it (or failed to): look again.
    }
}

/// Resolves a session from the database and remembers it.
async fn resolve_stored(ctx: &AppContext, hash: &str, now: i64) -> AppResult<Actor> {
    let (_, generation) = ctx.sessions.get(hash);
    let session = sessions::find(&ctx.db, hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if expired(ctx, session.created_at, session.last_seen, now) {
        sessions::delete(&ctx.db, &session.id).await?;
        return Err(AppError::Unauthenticated);
    }
    let mut stored = Vec::with_capacity(session.chain.len());
    for id in &session.chain {
        stored.push(accounts::get(&ctx.db, id).await?);
    }
    let (chain, left) = super::switch::valid_prefix(stored);
    if chain.is_empty() {
        sessions::delete(&ctx.db, &session.id).await?;
        return Err(AppError::Unauthenticated);
    }
    let notice = left.or(session.notice);
    if chain.len() < session.chain.len() {
        let ids = chain.iter().map(|a| a.id.clone()).collect();
        sessions::set_chain(&ctx.db, &session.id, ids, notice.clone()).await?;
    }
    let mut actor = Actor::new(session.id, chain);
    actor.notice = notice;
    let cached = CachedSession {
        actor,
        created_at: session.created_at,
        last_seen: session.last_seen,
    };
    ctx.sessions.put(hash, generation, cached.clone());
    resolved(ctx, hash, cached, generation, now).await
}

/// The remembered session of `hash`, if this instance may trust what it
/// remembers: only while it follows the change stream, since a session ended
/// elsewhere may be remembered here otherwise.
async fn remembered(ctx: &AppContext, hash: &str, now: i64) -> AppResult<Option<Actor>> {
    let (cached, generation) = ctx.sessions.get(hash);
    if let Some(cached) = cached.filter(|_| ctx.stream.is_trusted()) {
        // Another instance may have kept it in use since it was remembered:
        // only the stored `last_seen` can say it is idle.
        if !expired(ctx, cached.created_at, cached.last_seen, now) {
            return resolved(ctx, hash, cached, generation, now).await.map(Some);
        }
        ctx.sessions.forget(hash);
    }
    Ok(None)
}

/// A resolved session, unless it has expired; refreshes its `last_seen` now
/// and then. `generation` is the cache's when the session was read.
async fn resolved(
    ctx: &AppContext,
    hash: &str,
    mut session: CachedSession,
    generation: u64,
    now: i64,
) -> AppResult<Actor> {
    if expired(ctx, session.created_at, session.last_seen, now) {
        ctx.sessions.forget(hash);
        sessions::delete(&ctx.db, &session.actor.session_id).await?;
        return Err(AppError::Unauthenticated);
    }
    if now - session.last_seen > TOUCH_EVERY_SECS {
        // Best effort: concurrent requests of one session race to refresh it,
        // and the one that loses has nothing left to do.
        if let Err(error) = sessions::touch(&ctx.db, &session.actor.session_id, now).await
            && !error.is_conflict()
        {
            return Err(error.into());
        }
        session.last_seen = now;
        ctx.sessions.put(hash, generation, session.clone());
    }
    Ok(session.actor)
}

pub async fn logout(ctx: &AppContext, token: Option<&str>) -> AppResult<()> {
    if let Some(token) = token.filter(|t| t.len() <= TOKEN_MAX) {
        let hash = token_hash(token);
        ctx.sessions.forget(&hash);
        if let Some(session) = sessions::find(&ctx.db, &hash).await? {
            end_session(ctx, &hash, &session.id).await?;
        }
    }
    Ok(())
}

/// Writes an audit entry with its notice to the change stream, in one
/// transaction.
async fn record(ctx: &AppContext, entry: audit::AuditEntry) -> AppResult<()> {
    db::in_transaction(&ctx.db, |tx| {
        let entry = entry.clone();
        async move { Ok::<_, AppError>(audit::record(&*tx, entry).await?) }
    })
    .await
}

/// Ends a session on every instance: each one may remember it.
async fn end_session(ctx: &AppContext, hash: &str, session_id: &str) -> AppResult<()> {
    ctx.sessions.forget(hash);
    write_accounts(
        ctx,
        |_: &()| Change::Sessions,
        |tx| async move {
            sessions::delete(&*tx, session_id).await?;
            Ok::<_, AppError>(())
        },
    )
    .await
}

/// Removes what has expired: sessions past their idle or absolute lifetime,
/// throttles whose windows and locks are long over, browsers unused for
/// months. Runs periodically; every read checks expiry by itself anyway.
pub async fn sweep(ctx: &AppContext) -> AppResult<()> {
    let now = db::now();
    sessions::delete_expired(
        &ctx.db,
        now - ctx.settings.session_idle_secs,
        now - ctx.settings.session_max_secs,
    )
    .await?;
    throttle::delete_stale(
        &ctx.db,
        now - crate::domain::throttle::LOCKOUTS_FORGOTTEN_AFTER_SECS,
    )
    .await?;
    known_devices::delete_unused(&ctx.db, now - DEVICE_KEPT_SECS).await?;
    Ok(())
}

/// Clears the failed-login throttle of a login (the admin's recovery).
pub async fn clear_throttle(ctx: &AppContext, login: &str) -> AppResult<()> {
    throttle::clear(&ctx.db, &format!("login:{login}")).await?;
    Ok(())
}
