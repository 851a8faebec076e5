//! The permission filter as a cached set of documents: for each segment and each distinct
//! set of grants, the documents those grants may read, as a bitset.
//!
//! Every search carries the caller's grants as a required clause. Looked up term by term,
//! that clause is a union over the grant postings ("all" alone covers most documents) that
//! every search walks again. Segments never change once written (deletes are kept apart and
//! applied by the collectors), so the set for a segment and a set of grants stays right for
//! the segment's life; most callers share a few sets of grants, so a small cache serves
//! nearly every search. Like Solr's filter cache.
//!
//! Owns only the cache; which grants a caller holds is the app's `Access`'s to decide.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};
use tantivy_common::BitSet;

/// Sets kept at most; beyond, sets of segments no longer searched go first, then all.
const MAX_SETS: usize = 256;

type Key = (SegmentId, String);

/// Readable documents per segment and set of grants.
#[derive(Default)]
pub(crate) struct GrantsCache {
    sets: Mutex<HashMap<Key, Arc<BitSet>>>,
}

impl GrantsCache {
    /// A filter matching the documents `grants` may read in `searcher`'s segments.
    pub fn query(
        &self,
        searcher: &Searcher,
        field: Field,
        grants: &[String],
    ) -> tantivy::Result<GrantsQuery> {
        let mut sorted: Vec<&str> = grants.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let grants_key = sorted.join("\n");
        let mut per_segment = HashMap::new();
        for segment in searcher.segment_readers() {
            let key = (segment.segment_id(), grants_key.clone());
            let cached = self.lock().get(&key).cloned();
            let set = match cached {
                Some(set) => set,
                None => {
                    let set = Arc::new(readable(segment, field, &sorted)?);
                    self.insert(searcher, key, set.clone());
                    set
                }
            };
            per_segment.insert(segment.segment_id(), set);
        }
        Ok(GrantsQuery {
            per_segment: Arc::new(per_segment),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<BitSet>>> {
        // The map is only ever replaced whole, so a poisoned lock still holds a usable one.
        self.sets.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn insert(&self, searcher: &Searcher, key: Key, set: Arc<BitSet>) {
        let mut sets = self.lock();
        if sets.len() >= MAX_SETS {
            let live: HashSet<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(SegmentReader::segment_id)
                .collect();
            sets.retain(|(segment, _), _| live.contains(segment));
            if sets.len() >= MAX_SETS {
                sets.clear();
            }
        }
        sets.insert(key, set);
    }

    /// Sets held (for tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }
}

/// The documents of one segment that carry any of `grants`.
fn readable(segment: &SegmentReader, field: Field, grants: &[&str]) -> tantivy::Result<BitSet> {
    let mut set = BitSet::with_max_value(segment.max_doc());
    let inverted = segment.inverted_index(field)?;
    for grant in grants {
        let term = Term::from_field_text(field, grant);
        if let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                set.insert(doc);
                doc = postings.advance();
            }
        }
    }
    Ok(set)
}

/// A required clause that matches the readable documents, scoring nothing.
#[derive(Clone)]
pub(crate) struct GrantsQuery {
    per_segment: Arc<HashMap<SegmentId, Arc<BitSet>>>,
}

impl fmt::Debug for GrantsQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GrantsQuery")
            .field("segments", &self.per_segment.len())
            .finish()
    }
}

impl Query for GrantsQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for GrantsQuery {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.per_segment.get(&reader.segment_id()) {
            // A segment the cache was not asked about (none: the query is built from the
            // same searcher) reads as nothing, never as everything.
            None => Box::new(EmptyScorer),
            Some(set) => Box::new(ConstScorer::new(BitSetDocSet::from((**set).clone()), 0.0)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let readable = self
            .per_segment
            .get(&reader.segment_id())
            .is_some_and(|set| doc < set.max_value() && set.contains(doc));
        if !readable {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not readable with these grants"
            )));
        }
        Ok(Explanation::new("readable with the caller's grants", 0.0))
    }
}

impl GrantsQuery {
    /// Wraps `inner` so that it only ever sees readable documents, whatever the query
    /// matched: the permission check of searches whose query does not carry it.
    pub fn collector<C: Collector>(&self, inner: C) -> Readable<C> {
        Readable {
            per_segment: self.per_segment.clone(),
            inner,
        }
    }
}

/// A collector that passes on only the documents the caller's grants may read.
pub(crate) struct Readable<C> {
    per_segment: Arc<HashMap<SegmentId, Arc<BitSet>>>,
    inner: C,
}

impl<C: Collector> Collector for Readable<C> {
    type Fruit = C::Fruit;
    type Child = ReadableSegment<C::Child>;

    fn for_segment(&self, ordinal: u32, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(ReadableSegment {
            set: self.per_segment.get(&segment.segment_id()).cloned(),
            inner: self.inner.for_segment(ordinal, segment)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

/// [`Readable`] for one segment; a segment without a set reads as empty.
pub(crate) struct ReadableSegment<S> {
    set: Option<Arc<BitSet>>,
    inner: S,
}

impl<S: SegmentCollector> SegmentCollector for ReadableSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(set) = &self.set {
            if doc < set.max_value() && set.contains(doc) {
                self.inner.collect(doc, score);
            }
        }
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}
