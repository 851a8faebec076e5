//! Running a search: turns a [`UserQuery`], filters and the caller's grants into one
//! tantivy query, collects hits, the total and facet counts in one pass, retries with typo
//! tolerance when almost nothing matched, and highlights the hits.
//!
//! The caller's grants are a required clause of the query itself, so hits, totals and
//! facets can never include a document the caller may not read. It must not decide what
//! the grants are; the app's `Access` does.

use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::search::grants::GrantsQuery;
use crate::search::highlight::{within, Highlighter};
use crate::search::index::{Result, SearchIndex};
use crate::search::plan::{analyse_words, fuzzy_distance, Planner, QueryWord};
use crate::search::query::UserQuery;
use crate::search::schema::UPDATED_AT;
use crate::search::synonyms::Synonyms;
use crate::search::words::{fold_stem_word, normalize_word, word_spans};

pub use crate::search::results::{
    FacetCount, Facets, Hit, SearchFilter, SearchPage, SearchResults,
};

/// Most hits per page.
pub const MAX_LIMIT: usize = 100;
/// Deepest offset served (deep paging into a relevance list is not useful).
pub const MAX_OFFSET: usize = 10_000;
/// Below this many hits, the search is retried with typo tolerance.
const FUZZY_BELOW: usize = 3;
/// Facet values returned per dimension.
const FACET_VALUES: usize = 50;

impl SearchIndex {
    /// Searches as a caller holding `grants`; see [`SearchResults`]. An empty query lists
    /// matching documents newest first.
    pub fn search(
        &self,
        q: &UserQuery,
        filter: &SearchFilter,
        grants: &[String],
        synonyms: &Synonyms,
        want: SearchPage,
    ) -> Result<SearchResults> {
        if grants.is_empty() {
            return Ok(SearchResults::default());
        }
        let searcher = self.reader.searcher();
        let planner = Planner {
            f: &self.fields,
            synonyms,
            searcher: &searcher,
        };
        let words = analyse_words(&q.terms);
        // The caller's grants: a required clause when listing (it is then the main
        // selection), and a filter on every collector of every search below, so nothing
        // unreadable reaches hits, totals, facets or "menade du" on any path.
        let readable = self.grants.query(&searcher, self.fields.acl, grants)?;
        let page = Page {
            offset: want.offset.min(MAX_OFFSET),
            limit: want.limit.min(MAX_LIMIT),
            facets: want.facets,
        };
        let Some(text) = planner.text(q, &words, false) else {
            let filters = planner.filters(q, filter, Some(Box::new(readable.clone())));
            let query = planner.combine(None, filters);
            return self.run(&searcher, &*query, page, Ranking::Newest, &readable);
        };
        // With words, the text query picks few documents and the check per collected
        // document is cheaper than intersecting with the grants.
        let highlighter = planner.highlighter(q, &words, false);
        let query = planner.combine(Some(text), planner.filters(q, filter, None));
        let results = self.run(
            &searcher,
            &*query,
            page,
            Ranking::Relevance(&highlighter),
            &readable,
        )?;
        if results.total >= FUZZY_BELOW || !words.iter().any(|w| fuzzy_distance(w) > 0) {
            return Ok(results);
        }
        let Some(fuzzy_text) = planner.text(q, &words, true) else {
            return Ok(results);
        };
        let fuzzy_query = planner.combine(Some(fuzzy_text), planner.filters(q, filter, None));
        let fuzzy_hl = planner.highlighter(q, &words, true);
        let mut fuzzy = self.run(
            &searcher,
            &*fuzzy_query,
            page,
            Ranking::Relevance(&fuzzy_hl),
            &readable,
        )?;
        if fuzzy.total <= results.total {
            return Ok(results);
        }
        fuzzy.fuzzy = true;
        fuzzy.did_you_mean = self.did_you_mean(&searcher, &*fuzzy_query, &readable, &words)?;
        Ok(fuzzy)
    }

    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        page: Page,
        ranking: Ranking<'_>,
        readable: &GrantsQuery,
    ) -> Result<SearchResults> {
        let facets = page.facets.then(|| {
            let mut facets = FacetCollector::for_field("facets");
            for dim in ["/kind", "/network", "/tag", "/project", "/organisation"] {
                facets.add_facet(dim);
            }
            facets
        });
        // TopDocs needs a limit of at least one; an empty page is cut afterwards.
        let top = TopDocs::with_limit(page.limit.max(1)).and_offset(page.offset);
        let empty = Highlighter::default();
        let (docs, total, counts, hl): (Vec<(f32, DocAddress)>, usize, Option<FacetCounts>, _) =
            match ranking {
                Ranking::Relevance(hl) => {
                    let (docs, total, counts) =
                        searcher.search(query, &readable.collector((top, Count, facets)))?;
                    (docs, total, counts, hl)
                }
                Ranking::Newest => {
                    let by_date = top.order_by_fast_field::<i64>(UPDATED_AT, Order::Desc);
                    let (docs, total, counts) =
                        searcher.search(query, &readable.collector((by_date, Count, facets)))?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (docs, total, counts, &empty)
                }
            };
        let mut hits = Vec::with_capacity(page.limit);
        for (score, address) in docs.into_iter().take(page.limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, score, hl));
        }
        Ok(SearchResults {
            total,
            hits,
            facets: counts.as_ref().map(facet_counts).unwrap_or_default(),
            fuzzy: false,
            did_you_mean: None,
        })
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, hl: &Highlighter) -> Hit {
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let int = |field: Field| doc.get_first(field).and_then(|v| v.as_i64()).unwrap_or(0);
        Hit {
            key: text(f.key),
            kind: text(f.kind),
            entity_id: int(f.entity_id),
            score,
            updated_at_ms: int(f.updated_at),
            title_html: hl.title_html(&text(f.title)),
            snippet_html: hl.snippet_html(&text(f.body)),
        }
    }

    /// The query's words as the best fuzzy hit spells them, when any differ.
    fn did_you_mean(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        readable: &GrantsQuery,
        words: &[QueryWord],
    ) -> Result<Option<String>> {
        let top = searcher.search(query, &readable.collector(TopDocs::with_limit(1)))?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let f = &self.fields;
        let stored: String = [f.title, f.body]
            .iter()
            .filter_map(|&field| doc.get_first(field).and_then(|v| v.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        let stored = &stored[..floor(&stored, 64 * 1024)];
        let mut changed = false;
        let mut out = Vec::with_capacity(words.len());
        for word in words {
            let typed = &word.typed;
            let d = fuzzy_distance(word);
            let wanted: Vec<char> = match word.folds.as_slice() {
                [one] if d > 0 => one.text.chars().collect(),
                _ => {
                    out.push(typed.clone());
                    continue;
                }
            };
            let found = word_spans(stored).find_map(|(a, b)| {
                // A stem starts as its word does: most words are ruled out by their first
                // letter before the costly analysis.
                if !starts_alike(&stored[a..b], wanted[0]) {
                    return None;
                }
                let norm = normalize_word(&stored[a..b]);
                let stem: Vec<char> = fold_stem_word(&norm).chars().collect();
                (stem != wanted && within(&wanted, &stem, d)).then_some(norm)
            });
            match found {
                Some(spelled) => {
                    changed = true;
                    out.push(spelled);
                }
                None => out.push(typed.clone()),
            }
        }
        Ok(changed.then(|| out.join(" ")))
    }
}

/// How hits are ordered: by score (marking what matched), or newest first.
enum Ranking<'a> {
    Relevance(&'a Highlighter),
    Newest,
}

#[derive(Clone, Copy)]
struct Page {
    offset: usize,
    limit: usize,
    facets: bool,
}

/// Whether a word may fold to something starting with `first` (a folded letter). Only a
/// cheap test: true unless the word plainly starts otherwise.
fn starts_alike(word: &str, first: char) -> bool {
    match word.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => c.to_ascii_lowercase() == first,
        // Letters with diacritics and anything else: let the full analysis decide.
        Some(_) => true,
        None => false,
    }
}

fn floor(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn facet_counts(counts: &FacetCounts) -> Facets {
    let dim = |name: &str| -> Vec<FacetCount> {
        let mut values: Vec<FacetCount> = counts
            .get(format!("/{name}").as_str())
            .filter_map(|(facet, n)| {
                let path = facet.to_path();
                path.last().map(|v| (v.to_string(), n))
            })
            .collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values.truncate(FACET_VALUES);
        values
    };
    Facets {
        kind: dim("kind"),
        network: dim("network"),
        tag: dim("tag"),
        project: dim("project"),
        organisation: dim("organisation"),
    }
}
