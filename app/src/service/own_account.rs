//! One's own account: contact e-mail and password, for every role.

use super::auth::throttle_update;
use super::{Actor, AppContext, Change, passwords, write_accounts};
use crate::db::{self, accounts, audit};
use crate::domain::locale::Locale;
use crate::domain::password::PasswordError;
use crate::domain::throttle::{Reservation, Throttle, locked_message, reserve_all};
use crate::domain::{Email, Password};
use crate::error::{AppError, AppResult};

/// The acting account as stored now (not as the session remembered it).
pub async fn profile(ctx: &AppContext, actor: &Actor) -> AppResult<accounts::AccountRow> {
    accounts::get(&ctx.db, &actor.acting().id)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Changes one's own password. The current one is required (a session left
/// open on a shared computer must not be enough), and guesses at it are
/// throttled like logins. Every other session of the account ends in the
/// same transaction; this one stays.
pub async fn change_password(
    ctx: &AppContext,
    actor: &Actor,
    current: &str,
    new: &str,
    confirmation: &str,
) -> AppResult<()> {
    let me = actor.acting().clone();
    if current.is_empty() {
        return Err(AppError::field(
            "current_password",
            "Enter your current password.",
        ));
    }
    let password = Password::parse(new, confirmation).map_err(|refusal| {
        let field = match refusal {
            PasswordError::Mismatch => "new_password_confirm",
            _ => "new_password",
        };
        AppError::field(field, refusal.to_string())
    })?;
    let now = db::now();
    let keys = [format!("password:{}", me.id)];
    if let Reservation::Refused { retry_after_secs } =
        throttle_update(ctx, &keys, now, |t| reserve_all(&t, now)).await?
    {
        return Err(AppError::TooManyAttempts(locked_message(retry_after_secs)));
    }
    let stored = accounts::password_hash_of(&ctx.db, &me.id).await?;
    let matched = passwords::verify(current, stored).await;
    if !matches!(matched, Ok(true)) {
        let failure = matches!(matched, Ok(false));
        throttle_update(ctx, &keys, now, |throttles| {
            let next = throttles
                .into_iter()
                .map(|t| if failure { t.failed(now) } else { t.released() })
                .collect();
            (next, ())
        })
        .await?;
        return Err(match matched {
            Err(busy) => busy,
            _ => AppError::field("current_password", "That is not your current password."),
        });
    }
    throttle_update(ctx, &keys, now, |t| {
        (t.into_iter().map(Throttle::released).collect(), ())
    })
    .await?;
    let hash = passwords::hash(password.expose()).await?;
    // The remembered sessions are dropped by the committing task itself, so
    // a request dropped after the commit cannot leave the ended ones working.
    let changed = |_: &()| Change::accounts([&me.id]);
    write_accounts(ctx, changed, |tx| {
        let (me, hash, session) = (me.clone(), hash.clone(), actor.session_id.clone());
        async move {
            accounts::set_own_password_hash(&*tx, &me.id, &hash, now, &session).await?;
            audit::record(
                &*tx,
                audit::AuditEntry {
                    at: now,
                    chain: actor.chain_logins(),
                    action: "account.password".into(),
                    target: me.login.clone(),
                    target_owner: me.owner_login.clone(),
                    target_id: Some(me.id.clone()),
                    owner_id: me.owner_id.clone(),
                    detail: "changed own password; other sessions ended".into(),
                },
            )
            .await?;
            Ok::<_, AppError>(())
        }
    })
    .await
}

/// The language the account chose for its panel, if any.
pub async fn language(ctx: &AppContext, account_id: &str) -> AppResult<Option<Locale>> {
    let stored = accounts::language(&ctx.db, account_id).await?;
    Ok(stored.as_deref().and_then(Locale::from_code))
}

/// Chooses one's own language (`""`: follow the browser).
pub async fn set_language(
    ctx: &AppContext,
    actor: &Actor,
    code: &str,
) -> AppResult<Option<Locale>> {
    let locale =
        match code {
            "" => None,
            code => Some(Locale::from_code(code).ok_or_else(|| {
                AppError::field("language", "Choose one of the languages offered.")
            })?),
        };
    accounts::set_language(
        &ctx.db,
        &actor.acting().id,
        locale.map(|l| l.code().to_owned()),
    )
    .await?;
    Ok(locale)
}

/// Sets or clears one's own contact e-mail.
pub async fn set_email(ctx: &AppContext, actor: &Actor, email: &str) -> AppResult<()> {
    let me = actor.acting().clone();
    let email = Email::parse_optional(email).map_err(|m| AppError::field("email", m))?;
    let now = db::now();
    let changed = |_: &()| Change::accounts([&me.id]);
    write_accounts(ctx, changed, |tx| {
        let (me, email) = (me.clone(), email.clone());
        async move {
            let detail = format!(
                "e-mail {} → {}",
                me.email.as_deref().unwrap_or("(none)"),
                email.as_ref().map_or("(none)", |e| e.as_str())
            );
            accounts::set_email(&*tx, &me.id, email.map(|e| e.as_str().to_owned()), now).await?;
            audit::record(
                &*tx,
                audit::AuditEntry {
                    at: now,
                    chain: actor.chain_logins(),
                    action: "account.email".into(),
                    target: me.login.clone(),
                    target_owner: me.owner_login.clone(),
                    target_id: Some(me.id.clone()),
                    owner_id: me.owner_id.clone(),
                    detail,
                },
            )
            .await?;
            Ok::<_, AppError>(())
        }
    })
    .await
}
