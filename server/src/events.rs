//! `GET /api/events`: live updates for a signed-in browser tab, as
//! Server-Sent Events. Every instance sends them from the change stream it
//! follows, so it does not matter which instance a tab is connected to. An
//! event says only that accounts, the audit log or the tab's tickets changed, and up to which
//! revision (its id); the page then asks for what it shows through the usual,
//! authorised calls. A tab that reconnects sends the last id it saw
//! (`Last-Event-ID`) and is told at once what changed in between.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use app::service::AppContext;
use app::service::stream::{Applied, applied_between};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::Stream;
use http::{HeaderMap, StatusCode};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};

/// Open event streams per instance at most: each holds a connection.
pub const MAX_STREAMS: usize = 10_000;

#[derive(Clone)]
pub struct Events {
    pub app: AppContext,
    pub open: Arc<Semaphore>,
}

impl Events {
    pub fn new(app: AppContext) -> Self {
        Events {
            app,
            open: Arc::new(Semaphore::new(MAX_STREAMS)),
        }
    }
}

pub async fn events(State(events): State<Events>, headers: HeaderMap) -> Response {
    let ctx = events.app;
    let token = app::service::auth::session_token(&ctx, &headers);
    if app::service::auth::resolve(&ctx, token.as_deref())
        .await
        .is_err()
    {
        return (StatusCode::UNAUTHORIZED, "Please log in.").into_response();
    }
    let Ok(permit) = events.open.clone().try_acquire_owned() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many live connections.",
        )
            .into_response();
    };
    // Subscribed before the catch-up is worked out: nothing falls between.
    let live = ctx.stream.live();
    let applied = ctx.stream.applied();
    let resumed = last_event_id(&headers).filter(|seen| *seen < applied);
    let first = match resumed {
        Some(seen) => Some(
            applied_between(&ctx.db, seen, applied)
                .await
                .unwrap_or(Applied::everything(applied)),
        ),
        None => None,
    };
    let stream = updates(ctx, token, live, first.filter(Applied::shows), permit);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

struct Updates {
    ctx: AppContext,
    token: Option<String>,
    live: broadcast::Receiver<Applied>,
    pending: Option<Applied>,
    _permit: OwnedSemaphorePermit,
}

fn updates(
    ctx: AppContext,
    token: Option<String>,
    live: broadcast::Receiver<Applied>,
    pending: Option<Applied>,
    permit: OwnedSemaphorePermit,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let state = Updates {
        ctx,
        token,
        live,
        pending,
        _permit: permit,
    };
    futures::stream::unfold(state, |mut state| async move {
        loop {
            let applied = match state.pending.take() {
                Some(applied) => applied,
                None => match state.live.recv().await {
                    Ok(applied) if applied.shows() => applied,
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        Applied::everything(state.ctx.stream.applied())
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            // A session that ended (logout, disable, elsewhere too) hears no more.
            let Ok(actor) = app::service::auth::resolve(&state.ctx, state.token.as_deref()).await
            else {
                return None;
            };
            // Tickets are news only to their parties (and to the admin, who
            // sees every ticket): nobody learns that others wrote.
            let acting = actor.acting();
            let tickets = applied.tickets.concerns(
                &acting.id,
                app::service::actor::role_of(acting) == app::domain::Role::Admin,
            );
            let kinds: Vec<&str> = [
                ("accounts", applied.accounts),
                ("audit", applied.audit),
                ("tickets", tickets),
            ]
            .into_iter()
            .filter_map(|(name, changed)| changed.then_some(name))
            .collect();
            if kinds.is_empty() {
                continue;
            }
            return Some((Ok(event(applied.revision, &kinds)), state));
        }
    })
}

fn event(revision: u64, kinds: &[&str]) -> Event {
    Event::default()
        .id(revision.to_string())
        .event("change")
        .data(kinds.join(" "))
}

fn last_event_id(headers: &HeaderMap) -> Option<u64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}
