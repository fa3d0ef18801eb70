//! Following the change stream (`db::changes`): how every instance keeps its
//! memory — the list model and remembered sessions — equal to the database,
//! whichever instance made the write.
//!
//! One follower task per instance reads the head revision every
//! [`POLL_EVERY`] (a point read), and when it moved, the changes since its
//! cursor, which it applies in order: re-reading the accounts they name
//! (rows are applied whole, so applying one twice is harmless) and
//! forgetting remembered sessions. A write waits until its own instance has
//! applied its revision before it answers, so that the next request there
//! shows it; a request that carries the revision its client last wrote waits
//! the same way on any other instance ([`ChangeStream::reach`]).
//!
//! An instance that cannot tell that it is up to date — no successful read
//! of the stream for [`TRUSTED_FOR`] — does not trust what it remembers:
//! sessions are read from the database and lists are refused until the
//! stream moves again (fail closed).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, broadcast, watch};

use crate::db::changes::{self, Change};
use crate::db::lists::Lists;
use crate::db::{self, Db, DbError};

use super::brands::BrandBook;
use super::session_cache::SessionCache;

/// How often the head revision is read when nobody waits for it.
pub const POLL_EVERY: Duration = Duration::from_millis(50);
/// How long after its last successful read of the stream an instance still
/// trusts its memory. Well under a second, so that a logout or a disable on
/// one instance is obeyed by every other within one.
pub const TRUSTED_FOR: Duration = Duration::from_millis(750);
/// How long a request waits for its instance to reach a revision.
pub const REACH_WAIT: Duration = Duration::from_secs(2);
/// Applied steps a slow live-update reader may fall behind by.
pub const LIVE_BACKLOG: usize = 64;
/// Changes are kept this long; an instance whose cursor is older reloads.
pub const KEPT_FOR_SECS: i64 = 60 * 60;

/// What a step of the follower applied, for browsers that show live data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The revision now applied.
    pub revision: u64,
    /// Accounts changed (lists, counts, states).
    pub accounts: bool,
    /// Audit entries were written.
    pub audit: bool,
    /// Tickets changed: whose.
    pub tickets: TicketNews,
}

/// Whose support centers a step changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TicketNews {
    #[default]
    None,
    /// Those of these accounts (by id).
    Of(std::collections::BTreeSet<String>),
    /// Anyone's.
    Everyone,
}

/// A party name that stands for every account: a change that shows in
/// everyone's tickets (a category renamed). Account ids are letters and
/// digits, so no account has it.
pub const EVERY_PARTY: &str = "*";

impl TicketNews {
    fn add(&mut self, parties: &[String]) {
        if parties.iter().any(|p| p == EVERY_PARTY) {
            *self = TicketNews::Everyone;
            return;
        }
        match self {
            TicketNews::Everyone => {}
            TicketNews::Of(known) => known.extend(parties.iter().cloned()),
            TicketNews::None => *self = TicketNews::Of(parties.iter().cloned().collect()),
        }
    }

    /// Whether the support center of `account` may have changed; the
    /// admin's view of the server changes with every ticket.
    pub fn concerns(&self, account: &str, sees_every_ticket: bool) -> bool {
        match self {
            TicketNews::None => false,
            TicketNews::Everyone => true,
            TicketNews::Of(parties) => sees_every_ticket || parties.contains(account),
        }
    }
}

impl Applied {
    /// What changes of these kinds touch.
    pub fn of<'a>(revision: u64, changes: impl IntoIterator<Item = &'a Change>) -> Self {
        let mut applied = Applied {
            revision,
            ..Default::default()
        };
        for change in changes {
            match change {
                Change::Nothing | Change::Sessions | Change::Brands => {}
                Change::Accounts(_) | Change::AccountAndUsers(_) => applied.accounts = true,
                Change::Audit => applied.audit = true,
                Change::Tickets(parties) => applied.tickets.add(parties),
                Change::Everything => {
                    applied.accounts = true;
                    applied.audit = true;
                    applied.tickets = TicketNews::Everyone;
                }
            }
        }
        applied
    }

    /// Anything may have changed (changes no longer kept, a lagging reader).
    pub fn everything(revision: u64) -> Self {
        Applied {
            revision,
            accounts: true,
            audit: true,
            tickets: TicketNews::Everyone,
        }
    }

    /// Whether a browser has anything to refresh.
    pub fn shows(&self) -> bool {
        self.accounts || self.audit || self.tickets != TicketNews::None
    }
}

/// What changed between two revisions, read from the stream (a browser
/// resuming its live updates after a reconnect).
pub async fn applied_between(db: &Db, from: u64, to: u64) -> Result<Applied, DbError> {
    if from >= to {
        return Ok(Applied {
            revision: to,
            ..Default::default()
        });
    }
    let changes = changes::between(db, from, to).await?;
    if changes.len() as u64 != to - from {
        return Ok(Applied::everything(to));
    }
    Ok(Applied::of(to, changes.iter().map(|(_, c)| c)))
}

/// The follower's state, shared by the requests of an instance.
#[derive(Debug)]
pub struct ChangeStream {
    /// The newest revision whose changes are applied.
    applied: watch::Sender<u64>,
    wake: Notify,
    poll_every: Duration,
    started: Instant,
    /// Milliseconds since `started` of the last successful read of the head
    /// (0: none yet).
    last_read_ms: AtomicU64,
    /// The newest applied revision that wrote audit entries (or reloaded
    /// everything): what was read from the log before it may be incomplete.
    audit_changed_at: AtomicU64,
    /// Every applied step, for live updates to browsers.
    live: broadcast::Sender<Applied>,
    /// Which support centers changed when: what was read of them before
    /// may be out of date (see [`ChangeStream::tickets_unchanged_since`]).
    tickets: std::sync::Mutex<TicketChanges>,
    /// Set when the process stops: the follower ends, dropping its handle
    /// of the database.
    stopped: std::sync::atomic::AtomicBool,
}

/// The newest applied revisions that changed tickets.
#[derive(Debug, Default)]
struct TicketChanges {
    /// Of each account whose tickets changed (by id).
    of: std::collections::HashMap<String, u64>,
    /// Of any ticket at all (the admin's view of the server).
    any: u64,
    /// Of everyone's at once (a reload).
    everyone: u64,
}

impl ChangeStream {
    /// A stream whose changes up to `cursor` are in memory already.
    pub fn at(cursor: u64) -> Self {
        Self::polling_every(cursor, POLL_EVERY)
    }

    /// [`ChangeStream::at`], reading the head this often when nobody waits.
    pub fn polling_every(cursor: u64, poll_every: Duration) -> Self {
        ChangeStream {
            applied: watch::Sender::new(cursor),
            wake: Notify::new(),
            poll_every,
            started: Instant::now(),
            last_read_ms: AtomicU64::new(1),
            audit_changed_at: AtomicU64::new(cursor),
            live: broadcast::Sender::new(LIVE_BACKLOG),
            tickets: std::sync::Mutex::new(TicketChanges {
                everyone: cursor,
                ..TicketChanges::default()
            }),
            stopped: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Ends the follower at its next turn, so that it lets go of the
    /// database (the process is stopping and closes it).
    pub fn stop_following(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // A permit, should the follower be reading rather than waiting.
        self.wake.notify_one();
    }

    fn ticket_changes(&self) -> std::sync::MutexGuard<'_, TicketChanges> {
        // A map left by a panic is whole either way.
        self.tickets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether what was read of `account`'s tickets (None: of every ticket)
    /// when `basis` was the applied revision is still current: no ticket of
    /// it changed since, as far as this instance knows, and it knows
    /// recently enough.
    pub fn tickets_unchanged_since(&self, account: Option<&str>, basis: u64) -> bool {
        let changed = {
            let changes = self.ticket_changes();
            let last = match account {
                Some(account) => changes.of.get(account).copied().unwrap_or(0),
                None => changes.any,
            };
            last.max(changes.everyone)
        };
        changed <= basis && self.is_trusted()
    }

    /// Notes, before `revision` counts as applied, whose tickets it changed.
    fn note_tickets(&self, news: &TicketNews, revision: u64) {
        let mut changes = self.ticket_changes();
        match news {
            TicketNews::None => {}
            TicketNews::Everyone => changes.everyone = revision,
            TicketNews::Of(parties) => {
                changes.any = revision;
                for party in parties {
                    changes.of.insert(party.clone(), revision);
                }
            }
        }
    }

    /// Steps applied from now on; a receiver that falls more than
    /// [`LIVE_BACKLOG`] behind is told it lagged.
    pub fn live(&self) -> broadcast::Receiver<Applied> {
        self.live.subscribe()
    }

    /// The newest revision applied here.
    pub fn applied(&self) -> u64 {
        *self.applied.borrow()
    }

    /// Whether what was read from the audit log when `basis` was the applied
    /// revision is still all there is: no audit entry was written since, as
    /// far as this instance knows, and it knows recently enough.
    pub fn audit_unchanged_since(&self, basis: u64) -> bool {
        self.audit_changed_at.load(Ordering::SeqCst) <= basis && self.is_trusted()
    }

    /// Whether this instance read the stream recently enough to trust its
    /// memory.
    pub fn is_trusted(&self) -> bool {
        let last = self.last_read_ms.load(Ordering::SeqCst);
        let now = self.now_ms();
        last != 0 && now.saturating_sub(last) <= TRUSTED_FOR.as_millis() as u64
    }

    /// Waits (at most [`REACH_WAIT`]) until the changes up to `revision` are
    /// applied here; false if they were not in time.
    pub async fn reach(&self, revision: u64) -> bool {
        if self.applied() >= revision {
            return true;
        }
        let mut applied = self.applied.subscribe();
        self.wake.notify_one();
        tokio::time::timeout(REACH_WAIT, applied.wait_for(|a| *a >= revision))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Waits (at most [`REACH_WAIT`]) until the stream is trusted again.
    pub async fn trusted(&self) -> bool {
        let deadline = Instant::now() + REACH_WAIT;
        while !self.is_trusted() {
            if Instant::now() >= deadline {
                return false;
            }
            self.wake.notify_one();
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        true
    }

    /// A read of the stream that started at `started_ms` (since `started`)
    /// succeeded: every change committed before then is known. The start,
    /// not the end: a slow read may have looked before later commits.
    fn read_succeeded(&self, started_ms: u64) {
        self.last_read_ms
            .fetch_max(started_ms.max(1), Ordering::SeqCst);
    }

    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Marks the memory untrusted at once (its follower failed).
    fn distrust(&self) {
        self.last_read_ms.store(0, Ordering::SeqCst);
    }
}

/// What the follower keeps equal to the database.
#[derive(Clone)]
pub struct Follower {
    pub db: Db,
    pub stream: Arc<ChangeStream>,
    pub lists: Arc<Lists>,
    pub sessions: Arc<SessionCache>,
    pub brands: Arc<BrandBook>,
}

impl Follower {
    /// Follows the stream until the process ends or stops following.
    pub fn spawn(self) {
        tokio::spawn(async move {
            while !self.stream.stopped.load(Ordering::SeqCst) {
                if let Err(error) = self.step().await {
                    self.stream.distrust();
                    tracing::warn!(%error, "reading the change stream failed; trying again");
                }
                tokio::select! {
                    () = self.stream.wake.notified() => {}
                    () = tokio::time::sleep(self.stream.poll_every) => {}
                }
            }
        });
    }

    /// Reads the head and applies what changed since the cursor.
    pub async fn step(&self) -> Result<(), DbError> {
        let started_ms = self.stream.now_ms();
        let cursor = self.stream.applied();
        let head = changes::head(&self.db).await?;
        if head > cursor {
            let changes = changes::between(&self.db, cursor, head).await?;
            let complete = changes.len() as u64 == head - cursor
                && changes.first().is_some_and(|(rev, _)| *rev == cursor + 1);
            let applied = if complete {
                Applied::of(head, changes.iter().map(|(_, c)| c))
            } else {
                Applied::everything(head)
            };
            if applied.audit {
                // Before `applied` moves: a page read at an older revision
                // must not look current for a moment.
                self.stream.audit_changed_at.store(head, Ordering::SeqCst);
            }
            self.stream.note_tickets(&applied.tickets, head);
            if complete {
                self.apply(changes.into_iter().map(|(_, c)| c)).await?;
            } else {
                // Purged before this instance read them: start over.
                tracing::warn!(
                    cursor,
                    head,
                    "changes were purged before they were read; reloading"
                );
                self.sessions.clear();
                self.brands.reload(&self.db).await?;
                self.lists.reload(&self.db).await?;
            }
            self.stream.applied.send_replace(head);
            // Nobody listening is no failure.
            self.stream.live.send(applied).ok();
        }
        self.stream.read_succeeded(started_ms);
        Ok(())
    }

    async fn apply(&self, changes: impl Iterator<Item = Change>) -> Result<(), DbError> {
        let mut ids: Vec<String> = Vec::new();
        let mut owners: Vec<String> = Vec::new();
        let mut sessions = false;
        let mut brands = false;
        let mut everything = false;
        for change in changes {
            match change {
                Change::Nothing | Change::Audit | Change::Tickets(_) => {}
                Change::Brands => brands = true,
                Change::Sessions => sessions = true,
                Change::Accounts(changed) => ids.extend(changed),
                Change::AccountAndUsers(owner) => owners.push(owner),
                Change::Everything => everything = true,
            }
        }
        // A state, an owner or rights may have changed: what was worked out
        // from them goes first, before the lists show the change.
        if sessions || everything || !ids.is_empty() || !owners.is_empty() {
            self.sessions.clear();
        }
        if brands || everything {
            self.brands.reload(&self.db).await?;
        }
        if everything {
            return self.lists.reload(&self.db).await;
        }
        ids.sort();
        ids.dedup();
        if !ids.is_empty() {
            self.lists.refresh(&self.db, &ids).await;
        }
        owners.sort();
        owners.dedup();
        for owner in owners {
            self.lists.refresh_with_users(&self.db, &owner).await;
        }
        Ok(())
    }
}

/// Forgets changes older than [`KEPT_FOR_SECS`].
pub async fn purge(db: &Db) -> Result<(), DbError> {
    changes::purge(db, db::now() - KEPT_FOR_SECS).await
}

tokio::task_local! {
    /// The newest revision the current request wrote (see [`tracking_writes`]).
    static WRITTEN: Arc<AtomicU64>;
}

/// Runs a request, and gives back with its outcome the newest revision it
/// wrote (0: none), for its client to carry to whichever instance serves it
/// next.
pub async fn tracking_writes<F: std::future::Future>(request: F) -> (F::Output, u64) {
    let written = Arc::new(AtomicU64::new(0));
    let output = WRITTEN.scope(written.clone(), request).await;
    (output, written.load(Ordering::SeqCst))
}

pub(super) fn note_written(revision: u64) {
    // Outside a tracked request (start-up, command line) nobody carries it.
    WRITTEN
        .try_with(|written| written.fetch_max(revision, Ordering::SeqCst))
        .ok();
}
