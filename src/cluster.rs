//! Several nodes on one PostgreSQL: the LISTEN/NOTIFY bridge that tells this node what
//! the others did. It owns three channels and nothing else:
//!
//! - `samsyn_changes`: sent by [`crate::db::WriteTx::commit`] inside every transaction that
//!   recorded a change; here it wakes this node's indexer at once instead of at its next poll.
//! - `samsyn_writes`: sent by every write transaction; here it moves the write generation
//!   ([`crate::db::Writes`]) that the session and response caches are checked against. While
//!   this connection is down the generation counts as unknown and those caches are bypassed.
//! - `samsyn_events`: live forum events ([`ForumEvent`], ids only, about 200 bytes of JSON,
//!   far below NOTIFY's 8000-byte limit). This node forwards the events it publishes itself
//!   and hands the other nodes' events to its own [`EventBus`], so a `threadEvents`
//!   subscriber sees a post whichever node took it.
//!
//! Why the event travels in the payload rather than being derived from the change log: the
//! log says only "thread 7 changed" (coalesced, no post id, no kind), while subscribers need
//! "post 12 was created / edited / hidden"; deriving that would take a second durable log
//! with the same out-of-order-commit problem, for events that are hints anyway (subscribers
//! re-read everything through `Access`, and a client that reconnects re-reads the thread).
//! NOTIFY is sent right after the commit by the publishing node, so a node never announces
//! a post the others cannot read yet.
//!
//! The bridge never decides what is true: search follows the change log and keeps polling
//! it, so a dropped listener connection only delays indexing until the reconnect or the next
//! poll. Events published while the connection was down are not replayed (a warning is
//! logged when it drops).
//!
//! SQLite (one node) needs none of this: [`spawn`] does nothing there.

use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::{sync::broadcast, task::JoinHandle};

use crate::{
    db::{Backend, CHANGES_CHANNEL, WRITES_CHANNEL},
    events::{EventBus, ForumEvent},
    state::AppState,
};

/// The NOTIFY channel for live forum events.
pub const EVENTS_CHANNEL: &str = "samsyn_events";

/// Largest NOTIFY payload PostgreSQL accepts (with its default block size), minus a margin.
const MAX_PAYLOAD: usize = 7900;

/// The bridge's tasks; dropping it stops them.
pub struct Bridge {
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Bridge {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Starts the bridge on PostgreSQL (None on SQLite): a listener that wakes the indexer and
/// republishes the other nodes' events, and a forwarder that NOTIFYs this node's events.
pub fn spawn(state: &AppState) -> Option<Bridge> {
    if state.db.backend != Backend::Postgres {
        return None;
    }
    let url = state.config.database_url.clone()?;
    let listener = tokio::spawn(listen(url, state.clone()));
    let forwarder = tokio::spawn(forward(state.clone(), state.events.subscribe()));
    Some(Bridge {
        tasks: vec![listener, forwarder],
    })
}

/// NOTIFYs every event this node publishes (not the ones it received from others).
async fn forward(state: AppState, mut rx: broadcast::Receiver<ForumEvent>) {
    loop {
        let event = match rx.recv().await {
            Ok(e) => e,
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(
                    skipped = n,
                    "event forwarder lagged; other nodes miss events"
                );
                continue;
            }
            Err(broadcast::error::RecvError::Closed) => return,
        };
        if event.origin != state.events.node_id() {
            continue;
        }
        let payload = match serde_json::to_string(&event) {
            Ok(p) if p.len() <= MAX_PAYLOAD => p,
            Ok(p) => {
                tracing::error!(len = p.len(), "forum event too large for NOTIFY; not sent");
                continue;
            }
            Err(e) => {
                tracing::error!(error = %e, "forum event did not serialise");
                continue;
            }
        };
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(EVENTS_CHANNEL)
            .bind(payload)
            .execute(&state.db.pool)
            .await;
        if let Err(e) = sent {
            crate::metrics::cluster_notify_failed();
            tracing::warn!(error = %e, "NOTIFY of a forum event failed; other nodes miss it");
        }
    }
}

/// LISTENs on the channels for as long as the process runs, reconnecting with a growing
/// wait. Every (re)connect wakes the indexer, which catches up on whatever was missed.
async fn listen(url: String, state: AppState) {
    let wake = state.db.changed();
    let mut failures: u32 = 0;
    loop {
        let mut listener = match connect(&url).await {
            Ok(l) => l,
            Err(e) => {
                failures += 1;
                crate::metrics::cluster_listening(false);
                tracing::warn!(error = %e, failures, "LISTEN connection failed; polling meanwhile");
                tokio::time::sleep(backoff(failures)).await;
                continue;
            }
        };
        tracing::info!("listening for other nodes' changes and events");
        crate::metrics::cluster_listening(true);
        state.db.writes.set_complete(true);
        failures = 0;
        wake.notify_one();
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => match n.channel() {
                    CHANGES_CHANNEL => wake.notify_one(),
                    WRITES_CHANNEL => state.db.writes.bump(),
                    EVENTS_CHANNEL => receive_event(&state.events, n.payload()),
                    _ => {}
                },
                Ok(None) => {
                    // The connection dropped. Notifications sent meanwhile are gone: the
                    // indexer catches up from the log, and the caches stay bypassed until
                    // a new connection listens (the outer loop makes it).
                    crate::metrics::cluster_listening(false);
                    state.db.writes.set_complete(false);
                    tracing::warn!("LISTEN connection lost; reconnecting");
                    wake.notify_one();
                    break;
                }
                Err(e) => {
                    crate::metrics::cluster_listening(false);
                    state.db.writes.set_complete(false);
                    tracing::warn!(error = %e, "LISTEN failed; reconnecting");
                    failures += 1;
                    tokio::time::sleep(backoff(failures)).await;
                    break;
                }
            }
        }
    }
}

async fn connect(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener
        .listen_all([CHANGES_CHANNEL, WRITES_CHANNEL, EVENTS_CHANNEL])
        .await?;
    Ok(listener)
}

/// 200 ms, 400 ms, … up to 10 s.
fn backoff(failures: u32) -> Duration {
    Duration::from_millis((100u64 << failures.min(7)).min(10_000))
}

/// Hands another node's event to this node's subscribers (our own arrive here too: skip).
fn receive_event(bus: &EventBus, payload: &str) {
    match serde_json::from_str::<ForumEvent>(payload) {
        Ok(e) if e.origin != bus.node_id() => bus.publish(e),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "unreadable forum event from another node"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::ThreadEventKind;

    #[test]
    fn backoff_grows_and_stops_at_ten_seconds() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(40), Duration::from_millis(10_000));
    }

    #[tokio::test]
    async fn events_from_other_nodes_are_republished_and_our_own_are_not() {
        let here = EventBus::new();
        let there = EventBus::new();
        let mut rx = here.subscribe();
        let own = here.event(ThreadEventKind::PostCreated, 1, 1, Some(1));
        receive_event(&here, &serde_json::to_string(&own).unwrap());
        let other = there.event(ThreadEventKind::PostEdited, 2, 1, Some(5));
        receive_event(&here, &serde_json::to_string(&other).unwrap());
        receive_event(&here, "not json");
        let got = rx.recv().await.unwrap();
        assert_eq!(got, other);
        assert!(rx.try_recv().is_err());
    }
}
