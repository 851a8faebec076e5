//! The database: one pool for SQLite (default) or PostgreSQL, migrations, and write
//! transactions. SQLite writes are serialised in-process so no request ever sees
//! "database is locked"; PostgreSQL handles concurrency itself.
//!
//! SQL is written once for both backends: `$1` parameters, `RETURNING`, BIGINT ids,
//! flags as BIGINT 0/1 and timestamps as UTC milliseconds (`i64`).

pub mod backup;
pub mod change_log;
pub mod sql;

use std::{
    ops::Deref,
    ops::DerefMut,
    path::Path,
    sync::{
        atomic::{AtomicI64, AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    Any, AnyPool, Executor, Transaction,
};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard};

use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    write_lock: Option<Arc<Mutex<()>>>,
    /// Highest change_log seq committed by this process (for read-your-writes).
    committed_seq: Arc<AtomicI64>,
    /// Woken after every commit that recorded a change (the indexer waits on it).
    changed: Arc<Notify>,
    statements: Arc<AtomicU64>,
    /// Counts committed writes of every node; what in-memory caches are checked against.
    pub writes: Arc<Writes>,
}

/// SQLite's page cache per connection in KiB (`SAMSYN_DB_CACHE_KIB`), set by
/// [`configure_sqlite_cache`] before connecting.
static SQLITE_CACHE_KIB: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1024);

/// Sets the page cache of SQLite connections opened from now on (KiB, at least 128).
pub fn configure_sqlite_cache(kib: u32) {
    SQLITE_CACHE_KIB.store(kib.max(128), Ordering::Relaxed);
}

/// The PostgreSQL NOTIFY channel that tells every node another committed a write.
pub const WRITES_CHANNEL: &str = "samsyn_writes";

/// The write generation: a number that moves on after every committed write transaction, of
/// this node at once and of the other nodes when their NOTIFY arrives (sent inside the
/// writing transaction, so it is delivered exactly when the write is visible). A cache
/// entry read at generation `g` is current while the generation is still `g`.
///
/// On PostgreSQL the other nodes' writes are only known while the LISTEN connection stands
/// (`crate::cluster`); until it stands, and whenever it drops, [`Writes::current`] answers
/// None and caches go to the database.
pub struct Writes {
    generation: AtomicU64,
    /// Whether every node's writes reach [`Writes::bump`] (always on SQLite: one node).
    complete: std::sync::atomic::AtomicBool,
}

impl Writes {
    fn new(complete: bool) -> Writes {
        Writes {
            generation: AtomicU64::new(1),
            complete: std::sync::atomic::AtomicBool::new(complete),
        }
    }

    /// The generation, or None while other nodes' writes may go unseen.
    pub fn current(&self) -> Option<u64> {
        // The flag is read after the generation: a drop that clears the flag bumps first,
        // so a reader never pairs an old generation with a stale "complete".
        let g = self.generation.load(Ordering::SeqCst);
        self.complete.load(Ordering::SeqCst).then_some(g)
    }

    /// A write was committed (here or on another node).
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The cluster listener's state: whether other nodes' writes are being heard.
    pub fn set_complete(&self, complete: bool) {
        self.bump();
        self.complete.store(complete, Ordering::SeqCst);
        self.bump();
    }
}

/// A write transaction. On SQLite it also holds the process-wide write lock.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
    /// Changes recorded in this transaction, written to `change_log` at commit.
    pub(crate) pending: Vec<(change_log::EntityKind, i64)>,
    backend: Backend,
    committed_seq: Arc<AtomicI64>,
    changed: Arc<Notify>,
    writes: Arc<Writes>,
    /// Whether the commit changes what any reader may see (see [`WriteTx::unseen`]).
    seen: bool,
}

impl Deref for WriteTx {
    type Target = Transaction<'static, Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// Key of the PostgreSQL advisory lock that orders change_log writers across nodes
/// ("samsyn" in ASCII).
const CHANGE_LOG_LOCK: i64 = 0x7361_6d73_796e;

/// The PostgreSQL NOTIFY channel that tells every node's indexer a change was committed.
pub const CHANGES_CHANNEL: &str = "samsyn_changes";

impl WriteTx {
    /// Marks a write that no reader can see (a session's last-seen time), so that it does
    /// not move the write generation and empty every cache.
    pub fn unseen(&mut self) {
        self.seen = false;
    }

    /// Writes the recorded changes and commits. On PostgreSQL the change rows are written
    /// under a transaction-scoped advisory lock (held only for these few inserts and the
    /// commit), so seqs commit in order on every node, and `NOTIFY samsyn_changes` goes out
    /// in the same transaction: delivered to the other nodes exactly when the rows are
    /// visible, and never for a rollback.
    pub async fn commit(mut self) -> AppResult<()> {
        if self.seen && self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, '')")
                .bind(WRITES_CHANNEL)
                .execute(&mut *self.tx)
                .await?;
        }
        let mut max_seq = None;
        if !self.pending.is_empty() {
            if self.backend == Backend::Postgres {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(CHANGE_LOG_LOCK)
                    .execute(&mut *self.tx)
                    .await?;
            }
            max_seq = change_log::write_pending(&mut self.tx, &self.pending).await?;
            if let (Some(seq), Backend::Postgres) = (max_seq, self.backend) {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANGES_CHANNEL)
                    .bind(seq.to_string())
                    .execute(&mut *self.tx)
                    .await?;
            }
        }
        let committed = self.tx.commit().await;
        if self.seen {
            // Also after a failed commit: it may have committed all the same.
            self.writes.bump();
        }
        committed?;
        if let Some(seq) = max_seq {
            self.committed_seq.fetch_max(seq, Ordering::SeqCst);
            self.changed.notify_one();
        }
        Ok(())
    }
}

/// Milliseconds since the Unix epoch, UTC: the one timestamp format in the database.
/// The public id of a row, as the API's `Node` ids and the web app's addresses carry it
/// (base64url of `Kind:id`), for links made outside the API (e-mails).
pub fn global_id(kind: &str, id: i64) -> String {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Db {
    /// Connects to `database_url`, or to `samsyn.db` in `data_dir` when it is `None`.
    pub async fn connect(
        database_url: Option<&str>,
        data_dir: &Path,
        max_connections: u32,
    ) -> AppResult<Db> {
        sqlx::any::install_default_drivers();
        let url = match database_url {
            Some(u) if !u.trim().is_empty() => u.trim().to_string(),
            _ => {
                std::fs::create_dir_all(data_dir).map_err(|e| {
                    AppError::internal(format!("create data dir {}: {e}", data_dir.display()))
                })?;
                format!("sqlite://{}?mode=rwc", data_dir.join("samsyn.db").display())
            }
        };
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(AppError::bad(
                "SAMSYN_DATABASE_URL måste börja med postgres:// eller sqlite:",
            ));
        };
        let options: AnyConnectOptions = url
            .parse()
            .map_err(|e| AppError::internal(format!("database url: {e}")))?;
        let mut pool_options = AnyPoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(30));
        if backend == Backend::Sqlite {
            pool_options = pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    let kib = SQLITE_CACHE_KIB.load(Ordering::Relaxed);
                    conn.execute(format!("PRAGMA cache_size = -{kib}").as_str())
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = pool_options.connect_with(options).await?;
        Ok(Db {
            pool,
            backend,
            write_lock: (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(()))),
            committed_seq: Arc::new(AtomicI64::new(0)),
            changed: Arc::new(Notify::new()),
            statements: Arc::new(AtomicU64::new(0)),
            // PostgreSQL: incomplete until the cluster listener stands.
            writes: Arc::new(Writes::new(backend == Backend::Sqlite)),
        })
    }

    pub async fn migrate(&self) -> AppResult<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => {
                sqlx::migrate!("migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Starts a write transaction (serialised on SQLite, `BEGIN IMMEDIATE`).
    pub async fn begin_write(&self) -> AppResult<WriteTx> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx {
            tx,
            _guard: guard,
            pending: Vec::new(),
            backend: self.backend,
            committed_seq: self.committed_seq.clone(),
            changed: self.changed.clone(),
            writes: self.writes.clone(),
            seen: true,
        })
    }

    /// True when the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Highest change seq this process has committed.
    pub fn committed_seq(&self) -> i64 {
        self.committed_seq.load(Ordering::SeqCst)
    }

    /// Resolves after the next commit that recorded a change.
    pub fn changed(&self) -> Arc<Notify> {
        self.changed.clone()
    }

    pub fn is_sqlite(&self) -> bool {
        self.backend == Backend::Sqlite
    }

    /// The pool, counting one statement. Read paths whose query count must stay bounded
    /// (a page of posts, the data loaders) run each statement as `.fetch_all(db.counted())`,
    /// so tests can assert that a page costs the same number of queries whatever its size.
    pub fn counted(&self) -> &AnyPool {
        self.statements.fetch_add(1, Ordering::Relaxed);
        &self.pool
    }

    /// Statements run through [`Db::counted`] since start.
    pub fn counted_statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }
}
