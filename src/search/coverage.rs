//! Ranking by coverage for the fallback search: when too few items hold every word, the
//! words become optional and hits are ranked first by how many of the query's units (words
//! in any of their forms, synonym runs, references to law) they hold, then by score.
//!
//! Owns only that ranking: for each collected document it checks each unit's own matcher,
//! and keeps which units matched so a hit can say which words it lacks. It must not build
//! the units (`plan` does) or decide when the fallback runs (`execute` does).

use std::cmp::Ordering;
use std::sync::Arc;

use tantivy::collector::{ScoreSegmentTweaker, ScoreTweaker};
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader};

use crate::search::plan::Unit;

/// Units beyond this many are not checked (a query keeps at most 32 parts anyway).
const MAX_UNITS: usize = 64;

/// A hit's rank in the fallback: units held, then score; `held` says which.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ranked {
    pub count: u32,
    pub score: Score,
    /// Bit i set: the hit holds unit i.
    pub held: u64,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match self.count.cmp(&other.count) {
            Ordering::Equal => self.score.partial_cmp(&other.score),
            unequal => Some(unequal),
        }
    }
}

/// The units' matchers, built once per search, and their labels.
#[derive(Clone)]
pub(crate) struct Coverage {
    weights: Arc<Vec<Box<dyn Weight>>>,
    labels: Arc<Vec<String>>,
}

impl Coverage {
    /// Matchers for `units` (scoring off: only whether a document matches counts).
    pub fn new(searcher: &Searcher, units: &[Unit]) -> tantivy::Result<Coverage> {
        let units = &units[..units.len().min(MAX_UNITS)];
        let weights = units
            .iter()
            .map(|u| {
                u.query
                    .weight(EnableScoring::disabled_from_searcher(searcher))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Coverage {
            weights: Arc::new(weights),
            labels: Arc::new(units.iter().map(|u| u.label.clone()).collect()),
        })
    }

    /// The labels of the units a hit does not hold, in query order.
    pub fn missing(&self, held: u64) -> Vec<String> {
        self.labels
            .iter()
            .enumerate()
            .filter(|(i, _)| held & (1 << i) == 0)
            .map(|(_, label)| label.clone())
            .collect()
    }
}

impl ScoreTweaker<Ranked> for Coverage {
    type Child = SegmentCoverage;

    fn segment_tweaker(&self, reader: &SegmentReader) -> tantivy::Result<SegmentCoverage> {
        let scorers = self
            .weights
            .iter()
            .map(|w| w.scorer(reader, 1.0))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentCoverage { scorers })
    }
}

/// [`Coverage`] in one segment: one matcher per unit, advanced as documents come in order.
pub(crate) struct SegmentCoverage {
    scorers: Vec<Box<dyn Scorer>>,
}

impl ScoreSegmentTweaker<Ranked> for SegmentCoverage {
    fn score(&mut self, doc: DocId, score: Score) -> Ranked {
        let mut held = 0u64;
        for (i, scorer) in self.scorers.iter_mut().enumerate() {
            // Collectors see a segment's documents in increasing order, so each matcher
            // only ever moves forward.
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == doc {
                held |= 1 << i;
            }
        }
        Ranked {
            count: held.count_ones(),
            score,
            held,
        }
    }
}
