//! Live forum events: an in-process broadcast bus that the `threadEvents` subscription
//! listens to. Events carry ids only, never content, so every subscriber re-reads what it
//! may see through `Access`, and an event fits a PostgreSQL NOTIFY payload: with several
//! nodes, `crate::cluster` forwards this node's events to NOTIFY and hands what it LISTENs
//! back to [`EventBus::publish`] (with `origin` telling the two apart).

use futures::Stream;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// What happened in a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ThreadEventKind {
    PostCreated,
    PostEdited,
    PostHidden,
    PostRestored,
    AnswerAccepted,
    /// Title, tags, pinned, locked, moved or promoted to the FAQ.
    ThreadUpdated,
}

/// One event. `origin` is the id of the node that published it (see [`EventBus::node_id`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumEvent {
    pub kind: ThreadEventKind,
    pub thread_id: i64,
    pub network_id: i64,
    pub post_id: Option<i64>,
    pub at: i64,
    pub origin: String,
}

/// Events buffered per subscriber before the slowest one starts losing the oldest.
const CAPACITY: usize = 1024;

#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<ForumEvent>,
    node_id: String,
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus::new()
    }
}

impl EventBus {
    pub fn new() -> EventBus {
        let (tx, _) = broadcast::channel(CAPACITY);
        EventBus {
            tx,
            node_id: crate::accounts::secrets::new_secret("node-")[..17].to_string(),
        }
    }

    /// This process's id, stamped on the events it publishes.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// An event stamped with this node as its origin.
    pub fn event(
        &self,
        kind: ThreadEventKind,
        thread_id: i64,
        network_id: i64,
        post_id: Option<i64>,
    ) -> ForumEvent {
        ForumEvent {
            kind,
            thread_id,
            network_id,
            post_id,
            at: crate::db::now_ms(),
            origin: self.node_id.clone(),
        }
    }

    /// Delivers an event to every current subscriber (none listening is fine). Call it
    /// after the write's transaction has committed.
    pub fn publish(&self, event: ForumEvent) {
        let _ = self.tx.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ForumEvent> {
        self.tx.subscribe()
    }

    /// The events of one thread, from now on. A subscriber that falls more than
    /// [`CAPACITY`] events behind skips the ones it missed rather than ending.
    pub fn thread_stream(&self, thread_id: i64) -> impl Stream<Item = ForumEvent> + Send {
        let mut rx = self.subscribe();
        async_stream::stream! {
            loop {
                match rx.recv().await {
                    Ok(e) if e.thread_id == thread_id => yield e,
                    Ok(_) => {}
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(skipped = n, "thread event subscriber lagged");
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;

    #[tokio::test]
    async fn a_thread_stream_sees_only_its_thread() {
        let bus = EventBus::new();
        let mut s = Box::pin(bus.thread_stream(7));
        bus.publish(bus.event(ThreadEventKind::PostCreated, 8, 1, Some(1)));
        bus.publish(bus.event(ThreadEventKind::PostCreated, 7, 1, Some(2)));
        let e = s.next().await.unwrap();
        assert_eq!((e.thread_id, e.post_id), (7, Some(2)));
        assert_eq!(e.origin, bus.node_id());
    }

    #[test]
    fn events_serialise_small_enough_for_notify() {
        let bus = EventBus::new();
        let e = bus.event(ThreadEventKind::AnswerAccepted, i64::MAX, i64::MAX, Some(1));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.len() < 8000);
        assert_eq!(serde_json::from_str::<ForumEvent>(&json).unwrap(), e);
    }
}
