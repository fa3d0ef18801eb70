use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Block, Params, Version};

use crate::error::AppError;

/// OWASP's argon2id profile: 19 MiB, 2 passes, 1 lane.
fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).unwrap_or_default()
}

thread_local! {
    /// Argon2's working memory, kept by each hashing thread and reused. Left
    /// to the allocator, every run's 19 MiB was resident anew (measured:
    /// +19 MiB of resident memory per login, never given back).
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs argon2id with `params` over this thread's reused memory.
fn argon2_into(
    params: &Params,
    version: Version,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Option<()> {
    let argon = Argon2::new(Algorithm::Argon2id, version, params.clone());
    let count = params.block_count();
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.try_borrow_mut().ok()?;
        if blocks.len() < count {
            blocks.resize(count, Block::default());
        }
        argon
            .hash_password_into_with_memory(password, salt, out, &mut blocks[..count])
            .ok()
    })
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), as any argon2
/// implementation reads it.
fn hash_now(password: &str) -> Option<String> {
    let mut salt_bytes = [0u8; 16];
    rand::Rng::fill(&mut rand::rng(), &mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes).ok()?;
    let params = params();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(
        &params,
        Version::V0x13,
        password.as_bytes(),
        &salt_bytes,
        &mut out,
    )?;
    let phc = PasswordHash {
        algorithm: ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).ok()?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).ok()?),
    };
    Some(phc.to_string())
}

/// Whether `password` matches a stored PHC string (compared in constant time).
fn matches_now(password: &str, stored: &str) -> Option<bool> {
    let parsed = PasswordHash::new(stored).ok()?;
    if parsed.algorithm != ARGON2ID_IDENT {
        return None;
    }
    let params = Params::try_from(&parsed).ok()?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).ok()?,
        None => Version::default(),
    };
    let expected = parsed.hash?;
    let mut salt_buffer = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt_buffer).ok()?;
    let mut out = vec![0u8; expected.len()];
    argon2_into(&params, version, password.as_bytes(), salt, &mut out)?;
    Some(Output::new(&out).ok()? == expected)
}

/// Each argon2 run holds 19 MiB and a core for ~16 ms (more on a busy
/// machine). Without a bound, a burst of logins would run hundreds at once:
/// gigabytes of memory, and no answer for anyone. One run per core at most.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8))
}

fn password_work() -> &'static tokio::sync::Semaphore {
    static WORK: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    WORK.get_or_init(|| tokio::sync::Semaphore::new(workers()))
}

type Job = Box<dyn FnOnce() + Send>;

/// Argon2 runs on a few threads of its own rather than on the runtime's
/// blocking pool: the allocator keeps memory per thread, so 19 MiB freed on
/// one of hundreds of pool threads would stay with that thread. On a fixed
/// set, each thread reuses its own.
fn hashing_threads() -> Option<&'static Mutex<mpsc::Sender<Job>>> {
    static SENDER: OnceLock<Option<Mutex<mpsc::Sender<Job>>>> = OnceLock::new();
    SENDER
        .get_or_init(|| {
            let (sender, receiver) = mpsc::channel::<Job>();
            let receiver = Arc::new(Mutex::new(receiver));
            for n in 0..workers() {
                let receiver = Arc::clone(&receiver);
                let started = std::thread::Builder::new()
                    .name(format!("password-{n}"))
                    .spawn(move || {
                        loop {
                            let job = match receiver.lock() {
                                Ok(receiver) => receiver.recv(),
                                Err(_) => return,
                            };
                            match job {
                                Ok(job) => job(),
                                Err(_) => return,
                            }
                        }
                    });
                if started.is_err() {
                    return None;
                }
            }
            Some(Mutex::new(sender))
        })
        .as_ref()
}

/// Runs `work` on a hashing thread and waits for its result.
async fn on_hashing_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        // The waiter may have gone (client disconnected): nothing to tell.
        let _unwanted = done.send(work());
    });
    let sent = hashing_threads()
        .and_then(|sender| sender.lock().ok().map(|s| s.send(job).is_ok()))
        .unwrap_or(false);
    if !sent {
        return Err(AppError::Internal);
    }
    result.await.map_err(|_| AppError::Internal)
}

/// An anonymous login waits this long for a free permit, then is told to try
/// again: a flood of logins must not queue up behind itself.
const LOGIN_WAIT: Duration = Duration::from_millis(500);
/// A signed-in account setting a password waits longer: these are few.
const HASH_WAIT: Duration = Duration::from_secs(60);

fn busy() -> AppError {
    AppError::TooManyAttempts(
        "The server is busy checking passwords. Try again in a moment.".into(),
    )
}

async fn permit(wait: Duration) -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    tokio::time::timeout(wait, password_work().acquire())
        .await
        .map_err(|_| busy())?
        .map_err(|_| AppError::Internal)
}

/// Hashes off the async threads: argon2 is deliberately slow.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    // The permit moves into the hashing job: a request dropped meanwhile
    // (client gone) must not free it while argon2 still runs.
    let permit = permit(HASH_WAIT).await?;
    on_hashing_thread(move || {
        let _permit = permit;
        hash_now(&password)
    })
    .await?
    .ok_or(AppError::Internal)
}

/// A hash of a random secret, verified against when the login does not exist,
/// so that an unknown login takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let secret: u128 = rand::random();
        hash_now(&secret.to_string()).unwrap_or_default()
    })
}

/// Whether `password` matches `stored` (false for no stored hash, after the
/// same work). Refused with "busy" when every permit stays taken too long.
pub async fn verify(password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let password = password.to_owned();
    let permit = permit(LOGIN_WAIT).await?;
    on_hashing_thread(move || {
        let _permit = permit;
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_owned());
        matches_now(&password, &stored).unwrap_or(false) && known
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn our_hashes_verify_with_the_reference_implementation_and_back() {
        let ours = hash_now("correct horse battery").unwrap_or_default();
        let parsed = PasswordHash::new(&ours);
        assert!(parsed.as_ref().is_ok_and(|p| {
            Argon2::default()
                .verify_password(b"correct horse battery", p)
                .is_ok()
        }));
        assert!(parsed.is_ok_and(|p| {
            Argon2::default()
                .verify_password(b"correct horse battery!", &p)
                .is_err()
        }));

        let salt = SaltString::encode_b64(b"sixteen byte slt").ok();
        let reference = salt.and_then(|salt| {
            Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
                .hash_password(b"another secret", &salt)
                .ok()
                .map(|h| h.to_string())
        });
        let reference = reference.unwrap_or_default();
        assert_eq!(matches_now("another secret", &reference), Some(true));
        assert_eq!(matches_now("another secreT", &reference), Some(false));
    }

    #[test]
    fn hashes_that_are_not_argon2id_never_match() {
        assert_eq!(
            matches_now("x", "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA"),
            None
        );
        assert_eq!(matches_now("x", "not a hash"), None);
    }

    /// Checked on the thread's own buffer, not on the process's resident
    /// memory, which the tests running beside this one move at will.
    #[test]
    fn repeated_hashing_reuses_its_memory() {
        fn buffer() -> (usize, usize) {
            BLOCKS.with(|blocks| {
                let blocks = blocks.borrow();
                (blocks.as_ptr() as usize, blocks.capacity())
            })
        }
        let stored = hash_now("warm up").unwrap_or_default();
        let before = buffer();
        assert!(before.1 >= params().block_count());
        for _ in 0..10 {
            assert_eq!(matches_now("wrong", &stored), Some(false));
            assert_eq!(buffer(), before, "argon2 ran in new memory");
        }
    }
}
