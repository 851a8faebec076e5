//! Who a session cookie or API token belongs to, kept in memory between requests, so that a
//! signed-in request costs no database round trip.
//!
//! An entry is only used while the database's write generation ([`crate::db::Writes`]) is
//! the one it was read at: any committed write on any node (a logout, a revocation, a
//! deactivation, a role or membership change, and everything else) makes every entry stale
//! at once, and the next request reads the database again. While other nodes' writes may go
//! unheard (PostgreSQL without its LISTEN connection) nothing is cached. Times are still
//! checked on every use: an entry never outlives its session's idle or absolute limit.
//!
//! Owns the entries and their bound (`SAMSYN_AUTH_CACHE_ENTRIES`); the lookups themselves
//! are `sessions`' and `tokens`'.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use crate::accounts::Access;

/// One cached lookup.
#[derive(Clone)]
pub struct Cached {
    pub access: Access,
    /// Write generation the entry was read at.
    pub generation: u64,
    /// Absolute end (ms), if any.
    pub expires_at: Option<i64>,
    /// When the secret was last recorded as used (ms), for the once-a-minute touch.
    pub last_seen_at: Option<i64>,
}

/// The cache, shared by every request of the process.
#[derive(Clone)]
pub struct AuthCache {
    entries: Arc<Mutex<HashMap<String, Cached>>>,
    max: usize,
}

impl AuthCache {
    /// A cache of at most `max` secrets (0 switches it off).
    pub fn new(max: usize) -> AuthCache {
        AuthCache {
            entries: Arc::new(Mutex::new(HashMap::new())),
            max,
        }
    }

    /// The entry for a secret's hash, when it was read at `generation`.
    pub fn get(&self, hash: &str, generation: u64) -> Option<Cached> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(hash)
            .filter(|c| c.generation == generation)
            .cloned()
    }

    /// Keeps an entry. Past the bound, stale entries go first, then all.
    pub fn put(&self, hash: String, entry: Cached) {
        if self.max == 0 {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= self.max && !entries.contains_key(&hash) {
            let current = entry.generation;
            entries.retain(|_, c| c.generation == current);
            if entries.len() >= self.max {
                entries.clear();
            }
        }
        entries.insert(hash, entry);
    }

    /// Records a touch made by this process, so the next use does not touch again.
    pub fn touched(&self, hash: &str, at: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            if let Some(c) = entries.get_mut(hash) {
                c.last_seen_at = Some(at);
            }
        }
    }

    /// Entries held (for tests and metrics).
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(generation: u64) -> Cached {
        Cached {
            access: Access::anonymous(),
            generation,
            expires_at: None,
            last_seen_at: None,
        }
    }

    #[test]
    fn an_entry_serves_only_its_generation_and_the_bound_holds() {
        let cache = AuthCache::new(2);
        cache.put("a".into(), entry(1));
        assert!(cache.get("a", 1).is_some());
        assert!(cache.get("a", 2).is_none());
        cache.put("b".into(), entry(2));
        cache.put("c".into(), entry(2));
        assert!(cache.len() <= 2);
        assert!(cache.get("a", 1).is_none(), "stale entries go first");
        let off = AuthCache::new(0);
        off.put("a".into(), entry(1));
        assert!(off.is_empty());
    }
}
