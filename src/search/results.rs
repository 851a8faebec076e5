//! What a search takes besides the search box and what it gives back: the filters, the page
//! asked for, hits, facet counts and the flags that say how the hits were found.
//!
//! Plain data, shared by the planner (`plan`), the executor (`execute`) and the GraphQL
//! layer; it must not import any other part of the search module.

use serde::Serialize;

/// Filters chosen outside the search box; within a list any value may match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SearchFilter {
    /// Kind keys: thread, document, attachment, person, meeting.
    pub kinds: Vec<String>,
    /// Network slugs.
    pub networks: Vec<String>,
    /// Project slugs.
    pub projects: Vec<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Organisation names.
    pub organisations: Vec<String>,
    /// Updated at or after (UTC ms).
    pub from_ms: Option<i64>,
    /// Updated at or before (UTC ms).
    pub to_ms: Option<i64>,
    /// Only solved (true) or only unsolved (false) questions.
    pub solved: Option<bool>,
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// Index key, e.g. "thread:42".
    pub key: String,
    /// Kind key.
    pub kind: String,
    /// Database id.
    pub entity_id: i64,
    /// Relevance (0 when listing by date).
    pub score: f32,
    /// Last change, UTC ms.
    pub updated_at_ms: i64,
    /// Escaped title with `<mark>` around matches.
    pub title_html: String,
    /// Escaped body excerpt with `<mark>` around matches.
    pub snippet_html: String,
}

/// A facet value and how many readable matching documents carry it.
pub type FacetCount = (String, u64);

/// Facet counts per dimension, most frequent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By kind key.
    pub kind: Vec<FacetCount>,
    /// By network slug.
    pub network: Vec<FacetCount>,
    /// By tag name.
    pub tag: Vec<FacetCount>,
    /// By project slug.
    pub project: Vec<FacetCount>,
    /// By organisation name.
    pub organisation: Vec<FacetCount>,
}

/// Which part of the results to compute: the page, and whether facet counts are wanted
/// (counting facets visits every match, so callers that show none skip it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchPage {
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// Whether to count facets.
    pub facets: bool,
}

impl SearchPage {
    /// The first `limit` hits with facet counts.
    pub fn first(limit: usize) -> SearchPage {
        SearchPage {
            offset: 0,
            limit,
            facets: true,
        }
    }
}

/// A page of results.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchResults {
    /// All matching documents the caller may read.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// Counts over all matching readable documents.
    pub facets: Facets,
    /// Whether typo tolerance produced these results.
    pub fuzzy: bool,
    /// The search words as the best fuzzy hit spells them ("menade du").
    pub did_you_mean: Option<String>,
}
