//! The tantivy index: the one writer and one reader the whole app shares, and how a
//! [`SearchDoc`] becomes a tantivy document (the fields are `schema`'s). Opening checks the
//! schema and analyzer versions kept in the commit payload and starts afresh when they differ.
//!
//! Owns the index's lifecycle (open, upsert, delete, commit, clear). It must not read the
//! database or decide who may read what: documents arrive with their ACL strings, and
//! searching (in `execute`) only intersects them with the caller's grants.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{Facet, Schema, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::lawref;
use crate::search::analysis;
use crate::search::compound::Vocabulary;
use crate::search::grants::GrantsCache;
use crate::search::schema::{build_schema, filter_value, settings, Fields, SCHEMA_VERSION};

/// Body text beyond this many bytes is neither indexed nor stored.
pub const MAX_BODY_BYTES: usize = 512 * 1024;
/// Memory for the index writer, in MiB (`SAMSYN_INDEX_WRITER_MIB`, see [`configure_writer`]).
/// One indexing thread: tantivy keeps about 12 MB per thread whether or not it indexes, and
/// the change log arrives a few entries at a time; only a full rebuild would go faster with
/// two.
static WRITER_MIB: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(32);
/// tantivy's least memory per writer thread, in MiB.
const WRITER_MIN_MIB: usize = 15;

/// Sets the writer's memory (MiB) for indexes opened from now on; at least 15.
pub fn configure_writer(mib: usize) {
    WRITER_MIB.store(
        mib.max(WRITER_MIN_MIB),
        std::sync::atomic::Ordering::Relaxed,
    );
}

/// Errors from the search index. Messages are for logs, not for users.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index folder could not be opened as a tantivy directory.
    #[error("search index folder: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// Reading or wiping the index folder failed.
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of the search module.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;

pub use crate::search_doc::SearchDoc;

/// What `open_or_create` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// An index of the current versions was opened; catch up from [`SearchIndex::last_seq`].
    Opened,
    /// There was no index: a new, empty one was created and needs a full rebuild.
    Created,
    /// The stored index was unusable (reason given) and was wiped: needs a full rebuild.
    Reset(String),
}

impl OpenState {
    /// Whether the caller must index everything from scratch.
    pub fn needs_rebuild(&self) -> bool {
        !matches!(self, OpenState::Opened)
    }
}

/// The commit payload: the last applied change-log sequence and the versions it was built with.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    seq: i64,
    schema: u32,
    analyzer: u32,
}

/// The search index: one writer and one reader for the whole app.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    writer: Mutex<IndexWriter>,
    last_seq: Mutex<Option<i64>>,
    vocab: Vocabulary,
    pub(crate) grants: GrantsCache,
}

impl SearchIndex {
    /// Opens the index in `dir` (a folder the index owns alone), or creates it. An index
    /// without a payload, of another schema or analyzer version, or unreadable is wiped.
    pub fn open_or_create(dir: &Path, vocab: Vocabulary) -> Result<(SearchIndex, OpenState)> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = build_schema();
        let state = if !Index::exists(&MmapDirectory::open(dir)?).unwrap_or(false) {
            OpenState::Created
        } else {
            match check_existing(dir, &schema) {
                Ok((index, seq)) => {
                    let this = Self::from_index(index, fields, vocab, Some(seq))?;
                    return Ok((this, OpenState::Opened));
                }
                Err(reason) => {
                    // The folder is the index's own, so everything in it goes.
                    std::fs::remove_dir_all(dir)?;
                    std::fs::create_dir_all(dir)?;
                    OpenState::Reset(reason)
                }
            }
        };
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_dir(dir)?;
        Ok((Self::from_index(index, fields, vocab, None)?, state))
    }

    /// A fresh index in memory, for tests and tools.
    pub fn in_memory(vocab: Vocabulary) -> Result<SearchIndex> {
        let (schema, fields) = build_schema();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()?;
        Self::from_index(index, fields, vocab, None)
    }

    fn from_index(
        index: Index,
        fields: Fields,
        vocab: Vocabulary,
        last_seq: Option<i64>,
    ) -> Result<SearchIndex> {
        analysis::register(&index, &vocab);
        let mib = WRITER_MIB.load(std::sync::atomic::Ordering::Relaxed);
        let writer = index.writer_with_num_threads(1, mib * 1024 * 1024)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            fields,
            writer: Mutex::new(writer),
            last_seq: Mutex::new(last_seq),
            vocab,
            grants: GrantsCache::default(),
        })
    }

    /// The change-log sequence of the last commit, if any.
    pub fn last_seq(&self) -> Option<i64> {
        *lock(&self.last_seq)
    }

    /// The vocabulary the compound field splits against.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Adds or replaces documents by key (idempotent). Visible after [`Self::commit`].
    pub fn upsert(&self, docs: Vec<SearchDoc>) -> Result<()> {
        let writer = lock(&self.writer);
        for doc in docs {
            self.learn(&doc);
            writer.delete_term(Term::from_field_text(self.fields.key, &doc.key));
            writer.add_document(self.to_document(&doc))?;
        }
        Ok(())
    }

    /// Removes documents by key. Visible after [`Self::commit`].
    pub fn delete<S: AsRef<str>>(&self, keys: &[S]) {
        let writer = lock(&self.writer);
        for key in keys {
            writer.delete_term(Term::from_field_text(self.fields.key, key.as_ref()));
        }
    }

    /// Removes every document, committed or pending (for a rebuild). Visible after
    /// [`Self::commit`].
    pub fn clear(&self) -> Result<()> {
        let mut writer = lock(&self.writer);
        // delete_all_documents only drops committed segments; pending adds go with rollback.
        writer.rollback()?;
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Commits pending changes with `seq` as the last applied change, then reloads the
    /// reader so the next search sees them. Blocks: call from a blocking thread.
    pub fn commit(&self, seq: i64) -> Result<()> {
        let payload = Payload {
            seq,
            schema: SCHEMA_VERSION,
            analyzer: analysis::ANALYZER_VERSION,
        };
        let mut writer = lock(&self.writer);
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&payload).unwrap_or_default());
        prepared.commit()?;
        drop(writer);
        *lock(&self.last_seq) = Some(seq);
        self.reader.reload()?;
        Ok(())
    }

    /// Merges every committed segment into one and waits for it (after a rebuild); the
    /// commit payload is kept. Blocks: call from a blocking thread.
    pub fn merge_segments(&self) -> Result<()> {
        let mut writer = lock(&self.writer);
        let ids = writer.index().searchable_segment_ids()?;
        if ids.len() > 1 {
            writer.merge(&ids).wait()?;
        }
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Number of segments searches go through.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Teaches the vocabulary the words of every stored title and body. Learned words live
    /// in memory only, so after reopening an index call this (on a blocking thread) to split
    /// compounds in new documents as they were split before the restart.
    pub fn relearn_vocabulary(&self) -> Result<usize> {
        let searcher = self.reader.searcher();
        let mut docs = 0;
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(8)?;
            for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                let doc = doc?;
                for field in [self.fields.title, self.fields.body] {
                    if let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) {
                        self.vocab.learn(text);
                    }
                }
                docs += 1;
            }
        }
        Ok(docs)
    }

    /// Number of searchable documents as of the last commit.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn learn(&self, doc: &SearchDoc) {
        self.vocab.learn(&doc.title);
        self.vocab.learn(capped(&doc.body));
        if let Some(accepted) = &doc.accepted {
            self.vocab.learn(accepted);
        }
        self.vocab.learn(&doc.extra_text);
    }

    fn to_document(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        let body = capped(&doc.body);
        d.add_text(f.key, &doc.key);
        d.add_text(f.kind, doc.kind.to_lowercase());
        d.add_i64(f.entity_id, doc.entity_id);
        for field in [f.title, f.title_fold, f.title_compound] {
            d.add_text(field, &doc.title);
        }
        for field in [f.body, f.body_fold, f.body_compound] {
            d.add_text(field, body);
        }
        // Accepted answer and extra text also reach the folded and compound body fields,
        // so typo-free ASCII and compound-part searches find them too.
        let more = doc.accepted.iter().chain(std::iter::once(&doc.extra_text));
        for text in more.filter(|t| !t.is_empty()) {
            d.add_text(f.body_fold, text);
            d.add_text(f.body_compound, text);
        }
        if let Some(accepted) = &doc.accepted {
            d.add_text(f.accepted, accepted);
        }
        if !doc.extra_text.is_empty() {
            d.add_text(f.extra, &doc.extra_text);
        }
        for grant in &doc.acl {
            d.add_text(f.acl, grant);
        }
        let mut facet = |dim: &str, value: &str| {
            let value = value.trim().replace('\0', "");
            if !value.is_empty() {
                d.add_facet(f.facets, Facet::from_path([dim, value.as_str()]));
            }
        };
        facet("kind", &doc.kind.to_lowercase());
        for (dim, value) in [
            ("network", &doc.network),
            ("project", &doc.project),
            ("organisation", &doc.organisation),
        ] {
            if let Some(v) = value {
                facet(dim, v);
            }
        }
        for tag in &doc.tags {
            facet("tag", tag);
        }
        for (field, value) in [
            (f.network, &doc.network),
            (f.project, &doc.project),
            (f.organisation, &doc.organisation),
        ] {
            if let Some(v) = value {
                d.add_text(field, filter_value(v));
            }
        }
        for tag in &doc.tags {
            d.add_text(f.tags, filter_value(tag));
        }
        for key in law_keys(doc, body) {
            d.add_text(f.laws, key);
        }
        if let Some(solved) = doc.solved {
            d.add_u64(f.solved, u64::from(solved));
        }
        d.add_i64(f.updated_at, doc.updated_at_ms);
        d
    }
}

/// The keys of every reference to law in the item's title, text, accepted answer and extra
/// text, each once.
fn law_keys(doc: &SearchDoc, body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let texts = [doc.title.as_str(), body, doc.extra_text.as_str()];
    for text in texts.into_iter().chain(doc.accepted.as_deref()) {
        for key in lawref::keys_in(text) {
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

fn capped(text: &str) -> &str {
    if text.len() <= MAX_BODY_BYTES {
        return text;
    }
    let mut end = MAX_BODY_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The existing index and its last seq, or why it cannot be used as it is.
fn check_existing(dir: &Path, schema: &Schema) -> Result<(Index, i64), String> {
    let index = Index::open_in_dir(dir).map_err(|e| format!("unreadable index: {e}"))?;
    let payload = read_payload(&index).ok_or("no commit payload")?;
    if payload.schema != SCHEMA_VERSION {
        return Err(format!(
            "schema version {} != {SCHEMA_VERSION}",
            payload.schema
        ));
    }
    if payload.analyzer != analysis::ANALYZER_VERSION {
        let want = analysis::ANALYZER_VERSION;
        return Err(format!("analyzer version {} != {want}", payload.analyzer));
    }
    if index.schema() != *schema {
        return Err("schema differs from this version's".to_string());
    }
    Ok((index, payload.seq))
}

fn read_payload(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// Locks a mutex, shrugging off poisoning: a panicked holder leaves the writer usable
/// (tantivy rolls back uncommitted work on its own terms) and a seq is a plain value.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
