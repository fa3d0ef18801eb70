use base64::Engine;
use sha2::{Digest, Sha256};

use super::actor::state_of;
use super::session_cache::CachedSession;
use super::{Actor, AppContext, passwords};
use crate::db::{self, accounts, audit, sessions, throttle};
use crate::domain::throttle::locked_message;
use crate::error::{AppError, AppResult, InvalidField};

pub const COOKIE_NAME: &str = "trellis_session";

/// Longest login or password we even look at; anything longer is refused
/// before any work is done.
const LOGIN_INPUT_MAX: usize = 64;
const PASSWORD_INPUT_MAX: usize = 1024;
/// Refresh `last_seen` at most this often, to spare a write per request.
const TOUCH_EVERY_SECS: i64 = 60;

pub struct LoginOutcome {
    pub token: String,
    pub account: accounts::AccountRow,
}

pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn login(
    ctx: &AppContext,
    login: &str,
    password: &str,
    client: &str,
    previous_token: Option<&str>,
) -> AppResult<LoginOutcome> {
    let login = login.trim().to_lowercase();
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
    if !refused.is_empty() {
        return Err(AppError::Validation(
            refused
                .into_iter()
                .map(|(field, message)| InvalidField {
                    field: field.into(),
                    message: message.into(),
                })
                .collect(),
        ));
    }

    let now = db::now();
    let keys = [format!("login:{login}"), format!("addr:{client}")];
    for key in &keys {
        if let Some(seconds) = throttle::get(&ctx.db, key).await?.locked_for(now) {
            return Err(AppError::TooManyAttempts(locked_message(seconds)));
        }
    }

    let credentials = accounts::credentials(&ctx.db, &login).await?;
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    if !passwords::verify(password, stored_hash).await {
        for key in &keys {
            let next = throttle::get(&ctx.db, key).await?.after_failure(now);
            throttle::put(&ctx.db, key, next).await?;
        }
        return Err(AppError::field("password", "Wrong login or password."));
    }
    let Some(credentials) = credentials else {
        return Err(AppError::field("password", "Wrong login or password."));
    };
    let account = accounts::get(&ctx.db, &credentials.id)
        .await?
        .ok_or(AppError::Internal)?;
    if !state_of(&account).is_active() {
        return Err(AppError::Forbidden(
            "This account is disabled. Contact your provider.".into(),
        ));
    }
    throttle::clear(&ctx.db, &keys[0]).await?;

    // A new token on every login: a token planted before login is worthless.
    if let Some(previous) = previous_token
        && let Some(old) = sessions::find(&ctx.db, &token_hash(previous)).await?
    {
        sessions::delete(&ctx.db, &old.id).await?;
        ctx.sessions.forget(&token_hash(previous));
    }
    let token = new_token();
    sessions::create(&ctx.db, &token_hash(&token), &account.id, now).await?;
    audit::record(
        &ctx.db,
        audit::AuditEntry {
            at: now,
            chain: vec![account.login.clone()],
            action: "login".into(),
            target: account.login.clone(),
            target_owner: account.owner_login.clone(),
            detail: format!("from {client}"),
        },
    )
    .await?;
    Ok(LoginOutcome { token, account })
}

/// Finds the acting chain of a session token. A session whose logged-in
/// account is gone or inactive ends here; an entered panel that became
/// inactive is left, back to the nearest active account of the chain.
pub async fn resolve(ctx: &AppContext, token: Option<&str>) -> AppResult<Actor> {
    let token = token
        .filter(|t| !t.is_empty() && t.len() <= 128)
        .ok_or(AppError::Unauthenticated)?;
    let hash = token_hash(token);
    let now = db::now();
    if let Some(cached) = ctx.sessions.get(&hash) {
        return resolved(ctx, &hash, cached, now).await;
    }
    let generation = ctx.sessions.generation();
    let session = sessions::find(&ctx.db, &hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if now - session.last_seen > ctx.settings.session_idle_secs {
        sessions::delete(&ctx.db, &session.id).await?;
        return Err(AppError::Unauthenticated);
    }
    let mut chain = Vec::with_capacity(session.chain.len());
    for id in &session.chain {
        match accounts::get(&ctx.db, id).await? {
            Some(account) if state_of(&account).is_active() => chain.push(account),
            _ => break,
        }
    }
    if chain.is_empty() {
        sessions::delete(&ctx.db, &session.id).await?;
        return Err(AppError::Unauthenticated);
    }
    if chain.len() < session.chain.len() {
        let ids = chain.iter().map(|a| a.id.clone()).collect();
        sessions::set_chain(&ctx.db, &session.id, ids).await?;
    }
    let cached = CachedSession {
        actor: Actor {
            session_id: session.id,
            chain,
        },
        last_seen: session.last_seen,
    };
    ctx.sessions.put(&hash, generation, cached.clone());
    resolved(ctx, &hash, cached, now).await
}

/// A resolved session, unless it has been idle too long; refreshes its
/// `last_seen` now and then.
async fn resolved(
    ctx: &AppContext,
    hash: &str,
    mut session: CachedSession,
    now: i64,
) -> AppResult<Actor> {
    if now - session.last_seen > ctx.settings.session_idle_secs {
        sessions::delete(&ctx.db, &session.actor.session_id).await?;
        ctx.sessions.forget(hash);
        return Err(AppError::Unauthenticated);
    }
    if now - session.last_seen > TOUCH_EVERY_SECS {
        // Best effort: concurrent requests of one session race to refresh it,
        // and the one that loses has nothing left to do.
        let generation = ctx.sessions.generation();
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
    if let Some(token) = token
        && let Some(session) = sessions::find(&ctx.db, &token_hash(token)).await?
    {
        sessions::delete(&ctx.db, &session.id).await?;
        ctx.sessions.forget(&token_hash(token));
    }
    Ok(())
}
