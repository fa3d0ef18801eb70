//! Live updates: one event stream per signed-in tab (`GET /api/events`,
//! Server-Sent Events), whose announcements bump the counters that lists
//! depend on, so that they fetch again what the server says changed. The
//! browser reconnects by itself after a drop and sends the last event id, and
//! the server tells it at once what it missed.

use leptos::prelude::*;

/// Bumped when the server announces a change; pages that show such data
/// read them in their resources' sources.
#[derive(Debug, Clone, Copy)]
pub struct LiveUpdates {
    pub accounts: RwSignal<u64>,
    pub audit: RwSignal<u64>,
    /// The acting account's tickets (threads, inboxes, unread counts).
    pub tickets: RwSignal<u64>,
}

impl LiveUpdates {
    /// Provides the counters and, in the browser, connects them to the
    /// server for as long as the calling component lives.
    pub fn provide() -> Self {
        let live = LiveUpdates {
            accounts: RwSignal::new(0),
            audit: RwSignal::new(0),
            tickets: RwSignal::new(0),
        };
        provide_context(live);
        #[cfg(feature = "hydrate")]
        Effect::new(move |connected: Option<bool>| {
            if connected.is_none() {
                browser::connect(live);
            }
            true
        });
        live
    }

    /// A counter of account changes for a resource's source (0 where no
    /// panel frame provides one).
    pub fn accounts() -> u64 {
        use_context::<LiveUpdates>().map_or(0, |live| live.accounts.get())
    }

    /// A counter of audit changes for a resource's source.
    pub fn audit() -> u64 {
        use_context::<LiveUpdates>().map_or(0, |live| live.audit.get())
    }

    /// A counter of ticket changes for a resource's source.
    pub fn tickets() -> u64 {
        use_context::<LiveUpdates>().map_or(0, |live| live.tickets.get())
    }

    #[cfg(feature = "hydrate")]
    fn announce(&self, kinds: &str) {
        for kind in kinds.split_whitespace() {
            match kind {
                "accounts" => self.accounts.update(|n| *n += 1),
                "audit" => self.audit.update(|n| *n += 1),
                "tickets" => self.tickets.update(|n| *n += 1),
                _ => {}
            }
        }
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    use super::LiveUpdates;

    pub fn connect(live: LiveUpdates) {
        let Ok(source) = web_sys::EventSource::new("/api/events") else {
            return;
        };
        let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(kinds) = event.data().as_string() {
                    live.announce(&kinds);
                }
            },
        );
        if source
            .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
            .is_err()
        {
            source.close();
            return;
        }
        let held = SendWrapper::new((source, on_change));
        on_cleanup(move || {
            let (source, _on_change) = held.take();
            source.close();
        });
    }
}
