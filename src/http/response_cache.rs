//! Answers to forum reads kept between requests of the same caller: the thread page, a
//! network's thread list, the networks, notifications. The thread page is what every
//! inspector opens, and resolving its thousand fields costs far more than sending the
//! answer again.
//!
//! Correct under every change because an answer is only reused while nothing at all has been
//! written since it was computed: the map belongs to one write generation
//! ([`crate::db::Writes`]), read before the answer was computed, and the first answer stored
//! at a newer generation drops every older one. A write on any node (an edit, a hide, a move,
//! a membership or role change, a logout, a read marker) therefore makes every entry stale at
//! once; on PostgreSQL the other nodes' writes arrive by NOTIFY, and while that connection is
//! down nothing is cached (`Writes::current` is None). The key is the caller's identity (user,
//! session or token and its scope; anonymous callers share theirs), the response media type
//! and the request body byte for byte, so an answer only goes back to whoever it was computed
//! for, for exactly the same query and variables.
//!
//! When an answer is missing (never computed, stale after a write, or past its [`TTL`]), the
//! first request computes it and every identical request arriving meanwhile waits for that
//! one ([`ResponseCache::lookup`]) instead of computing it too: without this, sixty-four
//! open connections all recompute the thread page at the same moment every ten seconds and
//! after every write, and wait behind each other for a hundred milliseconds.
//!
//! Only single queries whose root fields all read the database alone are kept ([`CACHEABLE`]):
//! no search (the index follows the database a moment later), nothing relative to the clock,
//! no introspection. Entries live at most [`TTL`] and the map holds at most
//! `SAMSYN_RESPONSE_CACHE_MIB` of keys and bodies, oldest dropped first.

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use async_graphql::parser::types::{DocumentOperations, OperationType, Selection};
use bytes::Bytes;
use tokio::sync::watch;

use crate::accounts::{Access, AuthVia};

/// Root fields whose answer depends only on the database and the caller.
pub const CACHEABLE: &[&str] = &[
    "__typename",
    "networks",
    "network",
    "thread",
    "notifications",
    "unreadNotificationCount",
    "notificationSettings",
];

/// Longest an answer is reused even when nothing was written (a safety net for anything
/// that depends on time).
pub const TTL: Duration = Duration::from_secs(10);

/// Bytes an entry costs beyond its key and body (map slot, queue slot, bookkeeping).
const OVERHEAD: usize = 96;

/// One kept answer.
#[derive(Clone)]
pub struct Hit {
    pub body: Bytes,
    pub content_type: &'static str,
}

struct Entry {
    hit: Hit,
    stored: Instant,
    cost: usize,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    entries: HashMap<Arc<[u8]>, Entry>,
    /// Keys in the order they were stored, for dropping the oldest.
    order: VecDeque<Arc<[u8]>>,
    bytes: usize,
}

/// Longest a request waits for an identical one to compute the answer before computing it
/// itself.
const WAIT_FOR_FLIGHT: Duration = Duration::from_secs(2);

/// The cache, shared by every request of the process.
#[derive(Clone)]
pub struct ResponseCache {
    inner: Arc<Mutex<Inner>>,
    /// Answers being computed now, by key; their receivers wake when the computing request
    /// is done (its [`Flight`] dropped).
    inflight: Arc<Mutex<HashMap<Vec<u8>, watch::Receiver<()>>>>,
    max_bytes: usize,
    hits: Arc<AtomicU64>,
    misses: Arc<AtomicU64>,
}

impl ResponseCache {
    /// A cache of at most `max_bytes` (0 switches it off).
    pub fn new(max_bytes: usize) -> ResponseCache {
        ResponseCache {
            inner: Arc::default(),
            inflight: Arc::default(),
            max_bytes,
            hits: Arc::default(),
            misses: Arc::default(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.max_bytes > 0
    }

    /// The key for a caller, a media type and a request body.
    pub fn key(access: &Access, graphql_response: bool, body: &[u8]) -> Vec<u8> {
        let who = match &access.principal {
            None => "anon".to_string(),
            Some(p) => match &p.via {
                AuthVia::Session { session_id } => format!("u{}s{session_id}", p.user_id),
                AuthVia::Token { token_id, scope } => {
                    format!("u{}t{token_id}{scope:?}", p.user_id)
                }
                AuthVia::Unattended(u) => format!("u{}x{u:?}", p.user_id),
            },
        };
        let mut key = Vec::with_capacity(who.len() + 2 + body.len());
        key.extend_from_slice(who.as_bytes());
        key.push(0);
        key.push(u8::from(graphql_response));
        key.extend_from_slice(body);
        key
    }

    /// The answer kept for `key`, when it was computed at `generation` and is young enough.
    pub fn get(&self, key: &[u8], generation: u64) -> Option<Hit> {
        if !self.enabled() {
            return None;
        }
        let hit = {
            let inner = self.inner.lock().ok()?;
            (inner.generation == generation)
                .then(|| inner.entries.get(key))
                .flatten()
                .filter(|e| e.stored.elapsed() < TTL)
                .map(|e| e.hit.clone())
        };
        let counter = if hit.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        hit
    }

    /// The kept answer for `key` at `generation`, or the right to compute it: a [`Flight`]
    /// that identical requests wait for, or None when another request's flight was waited
    /// for in vain (it failed, or a write came in between) and this one computes alone.
    pub async fn lookup(&self, key: &[u8], generation: u64) -> Result<Hit, Option<Flight>> {
        if let Some(hit) = self.get(key, generation) {
            return Ok(hit);
        }
        let waiting = {
            let Ok(mut inflight) = self.inflight.lock() else {
                return Err(None);
            };
            match inflight.get(key) {
                Some(rx) => rx.clone(),
                None => {
                    let (tx, rx) = watch::channel(());
                    inflight.insert(key.to_vec(), rx);
                    return Err(Some(Flight {
                        inflight: self.inflight.clone(),
                        key: key.to_vec(),
                        _done: tx,
                    }));
                }
            }
        };
        let mut waiting = waiting;
        // Ends when the flight's sender is dropped: after its answer was stored, or not.
        let _ = tokio::time::timeout(WAIT_FOR_FLIGHT, waiting.changed()).await;
        match self.get(key, generation) {
            Some(hit) => Ok(hit),
            None => Err(None),
        }
    }

    /// Keeps an answer computed at `generation` (read before it was computed).
    pub fn put(&self, key: Vec<u8>, generation: u64, hit: Hit) {
        let cost = key.len() + hit.body.len() + OVERHEAD;
        if !self.enabled() || cost > self.max_bytes / 4 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if generation < inner.generation {
            return; // computed before a write that newer answers already reflect
        }
        if generation > inner.generation {
            inner.entries.clear();
            inner.order.clear();
            inner.bytes = 0;
            inner.generation = generation;
        }
        let key: Arc<[u8]> = key.into();
        let entry = Entry {
            hit,
            stored: Instant::now(),
            cost,
        };
        if let Some(old) = inner.entries.insert(key.clone(), entry) {
            inner.bytes -= old.cost;
            inner.order.retain(|k| k != &key);
        }
        inner.bytes += cost;
        inner.order.push_back(key);
        while inner.bytes > self.max_bytes {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some(gone) = inner.entries.remove(&oldest) {
                inner.bytes -= gone.cost;
            }
        }
    }

    /// Hits and misses since the start, and the bytes held now.
    pub fn stats(&self) -> (u64, u64, usize) {
        let bytes = self.inner.lock().map(|i| i.bytes).unwrap_or(0);
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
            bytes,
        )
    }
}

/// One request computing an answer that identical requests wait for; dropping it (after the
/// answer was stored, or when the request failed or was cancelled) wakes them.
pub struct Flight {
    inflight: Arc<Mutex<HashMap<Vec<u8>, watch::Receiver<()>>>>,
    key: Vec<u8>,
    _done: watch::Sender<()>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        if let Ok(mut inflight) = self.inflight.lock() {
            inflight.remove(&self.key);
        }
    }
}

/// Whether a request's document is one query whose root fields are all [`CACHEABLE`].
pub fn cacheable(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let op = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), _) => op,
        (DocumentOperations::Multiple(ops), Some(name)) => match ops.get(name) {
            Some(op) => op,
            None => return false,
        },
        // A named operation, alone in its document, runs without operationName.
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => match ops.values().next() {
            Some(op) => op,
            None => return false,
        },
        (DocumentOperations::Multiple(_), None) => return false,
    };
    let op = &op.node;
    op.ty == OperationType::Query
        && op.selection_set.node.items.iter().all(|s| match &s.node {
            Selection::Field(f) => CACHEABLE.contains(&f.node.name.node.as_str()),
            // Fragments at the root could hide any field; not worth resolving here.
            Selection::FragmentSpread(_) | Selection::InlineFragment(_) => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(body: &str) -> Hit {
        Hit {
            body: Bytes::from(body.to_string()),
            content_type: "application/json",
        }
    }

    #[test]
    fn only_reads_of_the_database_are_cacheable() {
        assert!(cacheable(
            "query($t: ID!) { thread(id: $t) { id title } }",
            None
        ));
        assert!(cacheable("{ networks { slug } __typename }", None));
        assert!(cacheable(
            "query Page($t: ID!) { thread(id: $t) { id } }",
            None
        ));
        assert!(!cacheable("{ search(query: \"x\") { totalCount } }", None));
        assert!(!cacheable("{ thread(id: 1) { id } me { id } }", None));
        assert!(!cacheable("mutation { logout }", None));
        assert!(!cacheable(
            "{ ...F } fragment F on Query { thread(id: 1) { id } }",
            None
        ));
        assert!(!cacheable("{ __schema { types { name } } }", None));
        assert!(!cacheable("{ thread(id: ", None));
        let two = "query A { thread(id: 1) { id } } query B { me { id } }";
        assert!(cacheable(two, Some("A")));
        assert!(!cacheable(two, Some("B")));
        assert!(!cacheable(two, None));
    }

    #[test]
    fn a_newer_generation_drops_every_older_answer() {
        let cache = ResponseCache::new(1 << 20);
        cache.put(b"a".to_vec(), 5, hit("one"));
        assert!(cache.get(b"a", 5).is_some());
        assert!(cache.get(b"a", 6).is_none(), "a write came in between");
        cache.put(b"b".to_vec(), 6, hit("two"));
        assert!(cache.get(b"a", 6).is_none());
        assert!(cache.get(b"b", 6).is_some());
        // An answer computed before the newer write is not kept.
        cache.put(b"c".to_vec(), 5, hit("three"));
        assert!(cache.get(b"c", 5).is_none() && cache.get(b"c", 6).is_none());
    }

    #[tokio::test]
    async fn identical_requests_wait_for_the_one_computing_the_answer() {
        let cache = ResponseCache::new(1 << 20);
        let Err(Some(flight)) = cache.lookup(b"k", 3).await else {
            panic!("the first request computes");
        };
        let waiter = {
            let cache = cache.clone();
            tokio::spawn(async move { cache.lookup(b"k", 3).await.ok() })
        };
        tokio::task::yield_now().await;
        cache.put(b"k".to_vec(), 3, hit("answer"));
        drop(flight);
        let got = waiter
            .await
            .unwrap()
            .expect("the waiter gets the stored answer");
        assert_eq!(&got.body[..], b"answer");
        // A flight that ends without an answer lets the waiter compute alone.
        let Err(Some(flight)) = cache.lookup(b"other", 3).await else {
            panic!("computes");
        };
        let waiter = {
            let cache = cache.clone();
            tokio::spawn(async move { cache.lookup(b"other", 3).await })
        };
        tokio::task::yield_now().await;
        drop(flight);
        assert!(matches!(waiter.await.unwrap(), Err(None)));
        assert!(matches!(cache.lookup(b"other", 3).await, Err(Some(_))));
    }

    #[test]
    fn the_byte_bound_drops_the_oldest_first() {
        let cache = ResponseCache::new(4 * (OVERHEAD + 101));
        for k in 0..6u8 {
            cache.put(vec![k], 1, hit(&"x".repeat(100)));
        }
        let (_, _, bytes) = cache.stats();
        assert!(bytes <= 4 * (OVERHEAD + 101));
        assert!(cache.get(&[0], 1).is_none());
        assert!(cache.get(&[5], 1).is_some());
    }

    #[test]
    fn callers_and_media_types_never_share_a_key() {
        use crate::accounts::{NetworkRole, Role};
        let anon = Access::anonymous();
        let user = |session_id| {
            Access::with_networks(
                7,
                "Anna".into(),
                Role::Member,
                None,
                AuthVia::Session { session_id },
                HashMap::<i64, NetworkRole>::new(),
            )
        };
        let body = b"{\"query\":\"{ networks { slug } }\"}";
        let keys = [
            ResponseCache::key(&anon, false, body),
            ResponseCache::key(&anon, true, body),
            ResponseCache::key(&user(1), false, body),
            ResponseCache::key(&user(2), false, body),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
