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
    /// Query words this hit does not contain in any form (only when some words were
    /// made optional, see [`SearchResults::partial`]).
    pub missing: Vec<String>,
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
    /// Whether too few items hold every word, so the words were made optional and hits
    /// are ranked by how many of the words they hold, then by score.
    pub partial: bool,
    /// With `partial`: the query words the best hit lacks (shown struck out).
    pub dropped: Vec<String>,
    /// Why nothing was searched for, when nothing was.
    pub hint: Option<Hint>,
}

/// Why a query searched for nothing: it had no words to match and no filter to list by,
/// or an operator named something unknown. A query like that answers no hits, never the
/// whole index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Hint {
    /// Nothing typed.
    Empty,
    /// Only punctuation or operators without values ("-", "((", "tag:").
    NoWords,
    /// Only words too long to be words (more than 64 letters).
    WordTooLong,
    /// Only words too common to search for ("och", "att").
    OnlyStopWords,
    /// `typ:` with an unknown value.
    UnknownKind(String),
    /// `lag:` with something that is no reference to law.
    UnknownLaw(String),
}

impl Hint {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Hint::Empty => "EMPTY_QUERY",
            Hint::NoWords => "NO_WORDS",
            Hint::WordTooLong => "WORD_TOO_LONG",
            Hint::OnlyStopWords => "ONLY_STOP_WORDS",
            Hint::UnknownKind(_) => "UNKNOWN_TYPE",
            Hint::UnknownLaw(_) => "UNKNOWN_LAW",
        }
    }

    /// What to tell the user, in Swedish.
    pub fn message(&self) -> String {
        match self {
            Hint::Empty => "Skriv ett eller flera ord att söka efter.".to_string(),
            Hint::NoWords => "Sökningen innehåller inga ord, bara tecken som - ( ) : eller \
                 operatorer utan värde. Skriv ett ord, eller till exempel tag:Lantbruk."
                .to_string(),
            Hint::WordTooLong => {
                "Ordet är för långt för att sökas på (högst 64 tecken).".to_string()
            }
            Hint::OnlyStopWords => "Orden är för vanliga för att söka på (till exempel ”och”, \
                 ”att”). Lägg till ett ord som säger vad det gäller."
                .to_string(),
            Hint::UnknownKind(v) => {
                format!("Typen ”{v}” finns inte. Välj tråd, dokument, bilaga, person eller möte.")
            }
            Hint::UnknownLaw(v) => format!(
                "”{v}” är inget lagrum som går att känna igen. Skriv till exempel \
                 lag:\"MB 26:9\" eller lag:\"26 kap. 9 § miljöbalken\"."
            ),
        }
    }
}
