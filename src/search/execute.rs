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

use crate::search::analysis::{analyze, Mode};
use crate::search::coverage::Coverage;
use crate::search::grants::GrantsQuery;
use crate::search::highlight::{within, Highlighter};
use crate::search::index::{Result, SearchIndex};
use crate::search::plan::{analyse_words, fuzzy_distance, Fuzzy, Planner, QueryWord};
use crate::search::query::{Unknown, UserQuery};
use crate::search::schema::UPDATED_AT;
use crate::search::synonyms::Synonyms;
use crate::search::words::{
    fold_stem_word, is_stop_word, normalize_word, word_spans, MAX_WORD_CHARS,
};

pub use crate::search::results::{
    FacetCount, Facets, Hint, Hit, SearchFilter, SearchPage, SearchResults,
};

/// Most hits per page.
pub const MAX_LIMIT: usize = 100;
/// Deepest offset served (deep paging into a relevance list is not useful).
pub const MAX_OFFSET: usize = 10_000;
/// Below this many hits, the search is retried with typo tolerance.
const FUZZY_BELOW: usize = 3;
/// Below this many hits ("a handful"), the words are made optional.
const PARTIAL_BELOW: usize = 5;
/// Facet values returned per dimension.
const FACET_VALUES: usize = 50;

impl SearchIndex {
    /// Searches as a caller holding `grants`; see [`SearchResults`]. A query without words
    /// lists the matching documents newest first when it has a filter, and answers nothing
    /// with a [`Hint`] when it has none: never the whole index.
    ///
    /// Then, in turn while too few items are found: every word required; every word with
    /// typo tolerance ([`FUZZY_BELOW`]); every word optional, ranked by how many words a
    /// hit holds ([`PARTIAL_BELOW`]).
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
        let words = analyse_words(&q.terms);
        if let Some(hint) = nothing_to_search(q, filter, &words) {
            return Ok(SearchResults {
                hint: Some(hint),
                ..SearchResults::default()
            });
        }
        let searcher = self.reader.searcher();
        let planner = Planner {
            f: &self.fields,
            synonyms,
            vocab: self.vocabulary(),
            searcher: &searcher,
        };
        // The caller's grants: a required clause when listing (it is then the main
        // selection), and a filter on every collector of every search below, so nothing
        // unreadable reaches hits, totals, facets or "menade du" on any path.
        let readable = self.grants.query(&searcher, self.fields.acl, grants)?;
        let page = Page {
            offset: want.offset.min(MAX_OFFSET),
            limit: want.limit.min(MAX_LIMIT),
            facets: want.facets,
        };
        let units = planner.units(q, &words, Fuzzy::Off);
        let Some(text) = planner.text(q, &units) else {
            let filters = planner.filters(q, filter, Some(Box::new(readable.clone())));
            let query = planner.combine(None, filters);
            // Listing by `lag:` still marks the reference in each hit.
            let hl = planner.highlighter(q, &words, |_| false);
            return self.run(&searcher, &*query, page, Ranking::Newest(&hl), &readable);
        };
        // With words, the text query picks few documents and the check per collected
        // document is cheaper than intersecting with the grants.
        let highlighter = planner.highlighter(q, &words, |_| false);
        let query = planner.combine(Some(text), planner.filters(q, filter, None));
        let mut best = self.run(
            &searcher,
            &*query,
            page,
            Ranking::Relevance(&highlighter),
            &readable,
        )?;
        if best.total < FUZZY_BELOW && words.iter().any(|w| fuzzy_distance(w) > 0) {
            let fuzzy_units = planner.units(q, &words, Fuzzy::On);
            if let Some(fuzzy_text) = planner.text(q, &fuzzy_units) {
                let fuzzy_query =
                    planner.combine(Some(fuzzy_text), planner.filters(q, filter, None));
                let fuzzy_hl = planner.highlighter(q, &words, |_| true);
                let mut fuzzy = self.run(
                    &searcher,
                    &*fuzzy_query,
                    page,
                    Ranking::Relevance(&fuzzy_hl),
                    &readable,
                )?;
                if fuzzy.total > best.total {
                    fuzzy.fuzzy = true;
                    fuzzy.did_you_mean =
                        self.did_you_mean(&searcher, &*fuzzy_query, &readable, &words, |_| true)?;
                    best = fuzzy;
                }
            }
        }
        if best.total >= PARTIAL_BELOW || units.len() < 2 {
            return Ok(best);
        }
        let partial_units = planner.units(q, &words, Fuzzy::IfUnknown);
        let Some(any) = planner.any_unit(q, &partial_units) else {
            return Ok(best);
        };
        let unknown: Vec<bool> = words.iter().map(|w| planner.is_unknown(w)).collect();
        let is_unknown = |w: &QueryWord| {
            let at = words.iter().position(|x| std::ptr::eq(x, w));
            at.is_some_and(|i| unknown[i])
        };
        let partial_query = planner.combine(Some(any), planner.filters(q, filter, None));
        let partial_hl = planner.highlighter(q, &words, is_unknown);
        let coverage = Coverage::new(&searcher, &partial_units)?;
        let mut partial = self.run(
            &searcher,
            &*partial_query,
            page,
            Ranking::Coverage(&partial_hl, &coverage),
            &readable,
        )?;
        if partial.total <= best.total {
            return Ok(best);
        }
        partial.partial = true;
        partial.dropped = partial
            .hits
            .first()
            .map(|h| h.missing.clone())
            .unwrap_or_default();
        let typo = words.iter().any(|w| is_unknown(w) && fuzzy_distance(w) > 0);
        if typo {
            // Typo tolerance only counts as used when a near spelling was found: a word
            // that is simply not there ("husförsäljning") is dropped, not misspelt.
            partial.did_you_mean =
                self.did_you_mean(&searcher, &*partial_query, &readable, &words, is_unknown)?;
            partial.fuzzy = partial.did_you_mean.is_some();
        }
        Ok(partial)
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
        type Docs = Vec<(f32, DocAddress, Option<u64>)>;
        let (docs, total, counts, hl, coverage): (Docs, usize, Option<FacetCounts>, _, _) =
            match ranking {
                Ranking::Relevance(hl) => {
                    let (docs, total, counts) =
                        searcher.search(query, &readable.collector((top, Count, facets)))?;
                    let docs = docs.into_iter().map(|(s, a)| (s, a, None)).collect();
                    (docs, total, counts, hl, None)
                }
                Ranking::Coverage(hl, coverage) => {
                    let ranked = top.tweak_score(coverage.clone());
                    let (docs, total, counts) =
                        searcher.search(query, &readable.collector((ranked, Count, facets)))?;
                    let docs = docs
                        .into_iter()
                        .map(|(r, a)| (r.score, a, Some(r.held)))
                        .collect();
                    (docs, total, counts, hl, Some(coverage))
                }
                Ranking::Newest(hl) => {
                    let by_date = top.order_by_fast_field::<i64>(UPDATED_AT, Order::Desc);
                    let (docs, total, counts) =
                        searcher.search(query, &readable.collector((by_date, Count, facets)))?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a, None)).collect();
                    (docs, total, counts, hl, None)
                }
            };
        let mut hits = Vec::with_capacity(page.limit);
        for (score, address, held) in docs.into_iter().take(page.limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = self.hit(&doc, score, hl);
            if let (Some(coverage), Some(held)) = (coverage, held) {
                hit.missing = coverage.missing(held);
            }
            hits.push(hit);
        }
        Ok(SearchResults {
            total,
            hits,
            facets: counts.as_ref().map(facet_counts).unwrap_or_default(),
            ..SearchResults::default()
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
            missing: Vec::new(),
        }
    }

    /// The query's words as the best fuzzy hits spell them, when any differ. Only the
    /// words `only` picks are respelled (in the fallback: those found nowhere as typed).
    fn did_you_mean(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        readable: &GrantsQuery,
        words: &[QueryWord],
        only: impl Fn(&QueryWord) -> bool,
    ) -> Result<Option<String>> {
        let top = searcher.search(query, &readable.collector(TopDocs::with_limit(3)))?;
        let f = &self.fields;
        let mut stored = String::new();
        for (_, address) in &top {
            let doc: TantivyDocument = searcher.doc(*address)?;
            for field in [f.title, f.body] {
                if let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) {
                    stored.push_str(&text[..floor(text, 64 * 1024)]);
                    stored.push(' ');
                }
            }
        }
        let mut changed = false;
        let mut out = Vec::with_capacity(words.len());
        for word in words {
            let typed = &word.typed;
            let d = fuzzy_distance(word);
            let wanted: Vec<char> = match word.folds.as_slice() {
                [one] if d > 0 && only(word) => one.text.chars().collect(),
                _ => {
                    out.push(typed.clone());
                    continue;
                }
            };
            let found = word_spans(&stored).find_map(|(a, b)| {
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

/// How hits are ordered: by score (marking what matched), by how many units they hold
/// and then score, or newest first.
enum Ranking<'a> {
    Relevance(&'a Highlighter),
    Coverage(&'a Highlighter, &'a Coverage),
    Newest(&'a Highlighter),
}

/// Why a query has nothing to search for and nothing to list by, if it has not. Unknown
/// operator values come first: a filter that cannot be applied must not be ignored.
fn nothing_to_search(q: &UserQuery, filter: &SearchFilter, words: &[QueryWord]) -> Option<Hint> {
    if let Some(unknown) = q.unknown.first() {
        return Some(match unknown {
            Unknown::Kind(v) => Hint::UnknownKind(v.clone()),
            Unknown::Law(v) => Hint::UnknownLaw(v.clone()),
        });
    }
    let has_words = words.iter().any(|w| !w.stems.is_empty())
        || q.phrases
            .iter()
            .any(|p| !analyze(p, &Mode::Stem).is_empty())
        || !q.law_terms.is_empty();
    if has_words || q.has_operators() || *filter != SearchFilter::default() {
        return None;
    }
    let too_long = q
        .terms
        .iter()
        .any(|t| t.chars().filter(|c| c.is_alphanumeric()).count() > MAX_WORD_CHARS);
    let stop_words_only = !q.terms.is_empty()
        && q.terms
            .iter()
            .flat_map(|t| word_spans(t).map(move |(a, b)| &t[a..b]))
            .all(|w| is_stop_word(&normalize_word(w)));
    Some(if too_long {
        Hint::WordTooLong
    } else if stop_words_only {
        Hint::OnlyStopWords
    } else if q.terms.is_empty() && q.phrases.is_empty() && !q.ignored_input {
        Hint::Empty
    } else {
        Hint::NoWords
    })
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
