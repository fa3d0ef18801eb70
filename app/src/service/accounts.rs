//! Account lifecycle shared by every role: the admin bootstrap and recovery.

use super::{AppContext, Change, passwords, write_accounts};
use crate::db::{self, accounts, audit};
use crate::domain::{Features, Password};
use crate::error::{AppError, AppResult};

pub const ADMIN_LOGIN: &str = "admin";

/// What start-up did about the admin account.
#[derive(Debug, PartialEq, Eq)]
pub enum Bootstrap {
    AlreadyThere,
    Created { generated_password: Option<String> },
}

/// Creates the admin on first start. Without a configured password a strong
/// one is generated and returned, to be printed once.
pub async fn bootstrap_admin(ctx: &AppContext, configured: Option<&str>) -> AppResult<Bootstrap> {
    if accounts::admin_exists(&ctx.db).await? {
        return Ok(Bootstrap::AlreadyThere);
    }
    let (password, generated) = match configured {
        Some(p) => (
            Password::parse(p, p)
                .map_err(|m| AppError::field("TRELLIS_ADMIN_PASSWORD", m.to_string()))?,
            None,
        ),
        None => {
            let generated = generate_password();
            (
                Password::parse(&generated, &generated)
                    .map_err(|m| AppError::field("password", m.to_string()))?,
                Some(generated),
            )
        }
    };
    let hash = passwords::hash(password.expose()).await?;
    let all = Features::ALL;
    let now = db::now();
    let id = accounts::new_id();
    let change = Change::Accounts(vec![id.clone()]);
    let created = write_accounts(
        ctx,
        |_: &()| change.clone(),
        |tx| {
            let (id, hash) = (id.clone(), hash.clone());
            async move {
                accounts::insert(
                    &*tx,
                    &id,
                    accounts::NewAccount {
                        owner: None,
                        created_at: now,
                        updated_at: now,
                        login: ADMIN_LOGIN.into(),
                        role: "admin".into(),
                        enabled: true,
                        password_hash: hash,
                        email: None,
                        comment: String::new(),
                        users_limit: None,
                        disk_limit: None,
                        traffic_limit: None,
                        shell: all.shell,
                        cgi: all.cgi,
                        php: all.php,
                        ssi: all.ssi,
                        https: all.https,
                        oversell: false,
                        access: None,
                    },
                )
                .await
            }
        },
    )
    .await;
    match created {
        Ok(()) => {}
        // Another instance, started at the same moment, created it first.
        Err(error) if error.is_duplicate() => return Ok(Bootstrap::AlreadyThere),
        Err(error) => return Err(error.into()),
    }
    Ok(Bootstrap::Created {
        generated_password: generated,
    })
}

/// Sets a new admin password (for someone locked out), ends its sessions and
/// lifts the failed-login lock on its login.
pub async fn reset_admin_password(ctx: &AppContext, new_password: &str) -> AppResult<()> {
    let password = Password::parse(new_password, new_password)
        .map_err(|m| AppError::field("password", m.to_string()))?;
    let admin = accounts::get_by_login(&ctx.db, ADMIN_LOGIN)
        .await?
        .ok_or_else(|| {
            AppError::NotFound("There is no admin account yet: start the server once.".into())
        })?;
    let hash = passwords::hash(password.expose()).await?;
    let now = db::now();
    let change = Change::Accounts(vec![admin.id.clone()]);
    write_accounts(
        ctx,
        |_: &()| change.clone(),
        |tx| {
            let (id, hash) = (admin.id.clone(), hash.clone());
            async move {
                accounts::set_password_hash(&*tx, &id, &hash, now).await?;
                audit::record(
                    &*tx,
                    audit::AuditEntry {
                        at: now,
                        chain: vec!["(command line)".into()],
                        action: "admin.password_reset".into(),
                        target: ADMIN_LOGIN.into(),
                        target_owner: None,
                        target_id: Some(id.clone()),
                        owner_id: None,
                        detail: "sessions ended, failed-login lock lifted".into(),
                    },
                )
                .await?;
                Ok::<_, AppError>(())
            }
        },
    )
    .await?;
    super::auth::clear_throttle(ctx, ADMIN_LOGIN).await?;
    Ok(())
}

/// 20 characters from a 56-letter alphabet without look-alikes: ~116 bits.
pub fn generate_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}
