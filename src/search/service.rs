//! The search service: one tantivy index in the data folder, fed only by the change log.
//!
//! The indexer task follows `change_log` in seq order, re-reads the current rows, deletes and
//! re-adds by key (idempotent) and commits with the last applied seq in the commit payload.
//! On start it catches up from that seq, and rebuilds from the database when the payload is
//! missing or the schema/analyzer version changed. A crash at any moment loses nothing: the
//! payload seq is only written together with the documents it covers.

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, RwLock,
    },
    time::{Duration, Instant},
};

use tokio::sync::watch;

use crate::{
    accounts::Access,
    db::{change_log, now_ms, Backend, Db},
    error::{AppError, AppResult},
    search::{
        compound::Vocabulary,
        execute::{SearchFilter, SearchPage, SearchResults},
        index::{SearchError, SearchIndex},
        query::{self, UserQuery},
        sources::{self, Update},
        synonyms::Synonyms,
    },
};

/// Changes applied per index commit.
const BATCH: i64 = 500;
/// How long a hole in the seq sequence is waited for before it is taken as a rolled-back
/// transaction. Change rows are written at commit under an advisory lock (`db::Db`), so
/// seqs commit in order and a hole is almost always a rollback (a seq drawn, then given
/// up); the window is the safety net for anything that still commits late.
const GAP_WINDOW_MS: i64 = 10_000;
/// Polling interval when nothing wakes the indexer (another node's changes normally wake
/// it through LISTEN/NOTIFY, see `cluster`; this is the fallback).
const POLL: Duration = Duration::from_millis(500);
/// Longest a search waits for the caller's own writes to be indexed.
pub const READ_YOUR_WRITES_WAIT: Duration = Duration::from_secs(2);

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::internal(format!("search: {e}"))
    }
}

pub struct SearchService {
    index: SearchIndex,
    /// One permit per core: searches beyond that wait their turn (first come, first
    /// served) instead of sharing the cores, so a burst does not slow every search in it.
    slots: Arc<tokio::sync::Semaphore>,
    synonyms: RwLock<Arc<Synonyms>>,
    indexed: watch::Sender<i64>,
    needs_rebuild: AtomicBool,
    dir: PathBuf,
}

impl SearchService {
    /// Opens (or creates) the index in `dir`. Blocking work runs off the async threads.
    pub async fn open(dir: &Path) -> AppResult<Arc<SearchService>> {
        let dir = dir.to_path_buf();
        let d = dir.clone();
        let (index, state) = tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&d)
                .map_err(|e| AppError::internal(format!("index dir: {e}")))?;
            let (index, state) = SearchIndex::open_or_create(&d, Vocabulary::with_domain_words())?;
            if !state.needs_rebuild() {
                index.relearn_vocabulary()?;
            }
            Ok::<_, AppError>((index, state))
        })
        .await??;
        let last = index.last_seq();
        let needs_rebuild = state.needs_rebuild() || last.is_none();
        if let crate::search::index::OpenState::Reset(reason) = &state {
            tracing::warn!(%reason, "search index reset; rebuilding from the database");
        }
        let (tx, _) = watch::channel(last.unwrap_or(0));
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Arc::new(SearchService {
            index,
            slots: Arc::new(tokio::sync::Semaphore::new(cores)),
            synonyms: RwLock::new(Arc::new(Synonyms::glossary())),
            indexed: tx,
            needs_rebuild: AtomicBool::new(needs_rebuild),
            dir,
        }))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The last change seq whose effect is searchable.
    pub fn indexed_seq(&self) -> i64 {
        *self.indexed.borrow()
    }

    pub fn is_rebuilding(&self) -> bool {
        self.needs_rebuild.load(Ordering::SeqCst)
    }

    pub fn num_docs(&self) -> u64 {
        self.index.num_docs()
    }

    /// Segments in the index (each costs every search a little).
    pub fn num_segments(&self) -> usize {
        self.index.num_segments()
    }

    /// Waits (bounded) until `seq` is indexed. Returns whether it was reached.
    pub async fn wait_for(&self, seq: i64, timeout: Duration) -> bool {
        if self.indexed_seq() >= seq {
            return true;
        }
        let mut rx = self.indexed.subscribe();
        tokio::time::timeout(timeout, rx.wait_for(|s| *s >= seq))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Replaces the tag synonyms (from the tags table).
    pub async fn reload_synonyms(&self, db: &Db) -> AppResult<()> {
        let tags = crate::tags::list(db).await?;
        let syn = if tags.is_empty() {
            Synonyms::glossary()
        } else {
            Synonyms::new(tags.into_iter().map(|t| (t.name, t.synonyms)))
        };
        if let Ok(mut g) = self.synonyms.write() {
            *g = Arc::new(syn);
        }
        Ok(())
    }

    /// Runs a search for `access`. Hits, counts and facets only include what it may read.
    pub async fn search(
        self: &Arc<Self>,
        access: &Access,
        q: UserQuery,
        filter: SearchFilter,
        page: SearchPage,
    ) -> AppResult<SearchResults> {
        let grants = access.grants();
        let me = self.clone();
        let started = Instant::now();
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::internal("search slots closed"))?;
        let res = tokio::task::spawn_blocking(move || {
            // Held until the search is done, even when the caller has gone.
            let _permit = permit;
            let syn = me
                .synonyms
                .read()
                .map(|g| g.clone())
                .unwrap_or_else(|_| Arc::new(Synonyms::glossary()));
            me.index.search(&q, &filter, &grants, &syn, page)
        })
        .await??;
        crate::metrics::search_latency(started.elapsed().as_secs_f64());
        Ok(res)
    }

    /// Parses the search box text (never fails).
    pub fn parse(text: &str) -> UserQuery {
        query::parse(text)
    }

    /// Applies one batch of changes; returns the new applied seq (unchanged when idle).
    async fn apply_batch(self: &Arc<Self>, db: &Db, applied: i64) -> AppResult<i64> {
        let changes = change_log::read_after(&db.pool, applied, BATCH).await?;
        if changes.is_empty() {
            return Ok(applied);
        }
        let now = now_ms();
        let mut upto = applied;
        let mut keys = Vec::new();
        for c in &changes {
            if c.seq != upto + 1
                && db.backend == Backend::Postgres
                && now - c.created_at < GAP_WINDOW_MS
            {
                // A lower seq may still commit: stop at the hole and look again soon.
                break;
            }
            if let Some(kind) = c.kind {
                if !keys.contains(&(kind, c.entity_id)) {
                    keys.push((kind, c.entity_id));
                }
            }
            upto = c.seq;
        }
        if upto == applied {
            return Ok(applied);
        }
        let mut update = Update::default();
        for (kind, id) in keys {
            sources::apply(db, kind, id, &mut update).await?;
        }
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            me.index.delete(&update.delete);
            me.index.upsert(update.upsert)?;
            me.index.commit(upto)
        })
        .await??;
        self.indexed.send_replace(upto);
        Ok(upto)
    }

    /// Rebuilds the whole index from the database; `progress(done, total)` is called as it goes.
    pub async fn rebuild(self: &Arc<Self>, db: &Db, progress: impl Fn(u64, u64)) -> AppResult<i64> {
        self.needs_rebuild.store(true, Ordering::SeqCst);
        // Everything up to this seq is covered by reading the current rows below; later
        // changes are applied again by the follower, which is harmless (idempotent).
        let seq = change_log::max_seq(&db.pool).await?;
        let entities = sources::all_entities(db).await?;
        let total = entities.len() as u64;
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.index.clear()).await??;
        let mut done = 0u64;
        for chunk in entities.chunks(200) {
            let mut update = Update::default();
            for (kind, id) in chunk {
                sources::apply(db, *kind, *id, &mut update).await?;
            }
            let me = self.clone();
            tokio::task::spawn_blocking(move || me.index.upsert(update.upsert)).await??;
            done += chunk.len() as u64;
            progress(done, total);
        }
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            me.index.commit(seq)?;
            // One segment after a rebuild: every search pays per segment.
            me.index.merge_segments()
        })
        .await??;
        self.indexed.send_replace(seq);
        self.needs_rebuild.store(false, Ordering::SeqCst);
        Ok(seq)
    }

    /// Follows the change log until the process ends: rebuild if needed, then catch up and
    /// apply new changes as they are committed (woken by local commits, polling otherwise).
    pub async fn follow(self: Arc<Self>, db: Db) {
        let _ = self.reload_synonyms(&db).await;
        if self.is_rebuilding() {
            match self.rebuild(&db, |_, _| {}).await {
                Ok(seq) => tracing::info!(seq, docs = self.num_docs(), "search index rebuilt"),
                Err(e) => tracing::error!(error = %e.log_message(), "search index rebuild failed"),
            }
        }
        let wake = db.changed();
        let mut applied = self.indexed_seq();
        let mut failures = 0u32;
        let mut synonyms_loaded = Instant::now();
        loop {
            match self.apply_batch(&db, applied).await {
                Ok(seq) if seq > applied => {
                    applied = seq;
                    failures = 0;
                    continue;
                }
                Ok(_) => {
                    failures = 0;
                }
                Err(e) => {
                    failures += 1;
                    tracing::error!(error = %e.log_message(), "indexing failed; retrying");
                    tokio::time::sleep(Duration::from_millis(200 * u64::from(failures.min(25))))
                        .await;
                    continue;
                }
            }
            if let Ok(max) = change_log::max_seq(&db.pool).await {
                crate::metrics::indexer_lag(max, applied);
            }
            let _ = tokio::time::timeout(POLL, wake.notified()).await;
            if synonyms_loaded.elapsed() > Duration::from_secs(30) {
                let _ = self.reload_synonyms(&db).await;
                synonyms_loaded = Instant::now();
            }
        }
    }
}
