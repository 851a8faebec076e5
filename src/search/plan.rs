//! Query planning: how a parsed search box and the filters become one tantivy query, which
//! fields each word is looked up in and how much each kind of match weighs, and which words
//! the highlighter should mark.
//!
//! Owns scoring and matching rules; running the query and shaping results is `execute`'s.
//! Every filter, and the caller's grants, become required clauses here.
//!
//! Long because scoring is one decision: every clause's boost and the fallback on some of
//! the words must be read together to see why one hit outranks another.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery,
    Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::search::analysis::{analyze, Mode, Term as Word};
use crate::search::compound::Vocabulary;
use crate::search::fuzzy::SharedFuzzyQuery;
use crate::search::highlight::Highlighter;
use crate::search::query::UserQuery;
use crate::search::results::SearchFilter;
use crate::search::schema::{filter_value, Fields};
use crate::search::synonyms::{SynonymMatch, Synonyms};
use crate::search::words::{self, normalize_word};

const TITLE: f32 = 3.0;
const ACCEPTED: f32 = 2.0;
const BODY: f32 = 1.0;
const EXTRA: f32 = 0.8;
/// Folded and compound matches count less, so the exact form ranks first.
const FOLD: f32 = 0.6;
const COMPOUND: f32 = 0.5;
const FUZZY: f32 = 0.3;
/// Another way of saying a synonym group's subject counts less than the words typed.
const SYNONYM: f32 = 0.6;
/// Score for a document merely tagged with the matched synonym group.
const TAG_SYNONYM: f32 = 0.4;
/// With more plain words than this, not all need to match (75 % must).
const ALL_WORDS_UP_TO: usize = 3;
/// A reference to law found in an item weighs like a word in its title.
const LAW: f32 = 3.0;

pub(crate) type BoxQuery = Box<dyn Query>;

/// Whether a word's lookups include near spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fuzzy {
    /// Only the word's own forms.
    Off,
    /// Near spellings of every word long enough to have them.
    On,
    /// Near spellings only of words that no item holds in any of their forms.
    IfUnknown,
}

/// One thing a query asks for: a word, a run of words naming a synonym group, or a
/// reference to law. A hit "covers" the units it matches.
pub(crate) struct Unit {
    /// The words as typed (or the reference's key), for "missing" lists.
    pub label: String,
    pub query: BoxQuery,
}

impl Clone for Unit {
    fn clone(&self) -> Self {
        Unit {
            label: self.label.clone(),
            query: self.query.box_clone(),
        }
    }
}

/// One analysed word of the search box (stop words analyse to nothing).
pub(crate) struct QueryWord {
    pub typed: String,
    pub stems: Vec<Word>,
    pub folds: Vec<Word>,
}

/// Analyses the plain words of a query, keeping their order.
pub(crate) fn analyse_words(terms: &[String]) -> Vec<QueryWord> {
    terms
        .iter()
        .map(|t| QueryWord {
            typed: t.clone(),
            stems: analyze(t, &Mode::Stem),
            folds: analyze(t, &Mode::Fold),
        })
        .collect()
}

/// Edit distance allowed for a one-term word: none below 5 letters, 1 up to 8, else 2.
pub(crate) fn fuzzy_distance(word: &QueryWord) -> usize {
    match word.folds.as_slice() {
        [one] => match one.text.chars().count() {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        },
        _ => 0,
    }
}

fn boost(q: impl Query, by: f32) -> BoxQuery {
    Box::new(BoostQuery::new(Box::new(q), by))
}

fn text_term(field: Field, text: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    )
}

fn filter(q: impl Query) -> BoxQuery {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

/// Up to this many values, a filter is a union of term lookups; beyond, one term-set query
/// (which builds an automaton per query: worth it only for long lists).
const SMALL_SET: usize = 16;

fn any_of<'s>(field: Field, values: impl IntoIterator<Item = &'s str>) -> Option<BoxQuery> {
    let mut terms: Vec<Term> = values
        .into_iter()
        .map(|v| Term::from_field_text(field, v))
        .collect();
    terms.sort();
    terms.dedup();
    match terms.len() {
        0 => None,
        1 => Some(filter(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::Basic,
        ))),
        n if n <= SMALL_SET => {
            let each: Vec<BoxQuery> = terms
                .into_iter()
                .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as BoxQuery)
                .collect();
            Some(filter(BooleanQuery::union(each)))
        }
        _ => Some(filter(TermSetQuery::new(terms))),
    }
}

/// The best of the alternatives, plus a little of the others; nothing when there are none.
fn dis_max(mut alternatives: Vec<BoxQuery>) -> BoxQuery {
    match alternatives.len() {
        0 => Box::new(EmptyQuery),
        1 => alternatives.remove(0),
        _ => Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.2)),
    }
}

fn must_all(mut clauses: Vec<BoxQuery>) -> BoxQuery {
    if clauses.len() == 1 {
        return clauses.remove(0);
    }
    Box::new(BooleanQuery::intersection(clauses))
}

fn same_stems(a: &[Word], b: &[Word]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.text == y.text)
}

/// Builds queries against one index's fields.
pub(crate) struct Planner<'a> {
    pub f: &'a Fields,
    pub synonyms: &'a Synonyms,
    /// Known words, for looking a word up by its compound parts.
    pub vocab: &'a Vocabulary,
    /// The searcher the query will run on: which terms occur, and how often.
    pub searcher: &'a Searcher,
}

impl Planner<'_> {
    /// The units of the query's plain words and references to law, in the order typed.
    pub fn units(&self, q: &UserQuery, words: &[QueryWord], fuzzy: Fuzzy) -> Vec<Unit> {
        let active: Vec<&QueryWord> = words.iter().filter(|w| !w.stems.is_empty()).collect();
        let keys: Vec<String> = active
            .iter()
            .map(|w| {
                let stems: Vec<&str> = w.stems.iter().map(|t| t.text.as_str()).collect();
                stems.join(" ")
            })
            .collect();
        let matches = self.synonyms.find(&keys);
        let mut units = Vec::new();
        let mut i = 0;
        while i < active.len() {
            if let Some(m) = matches.iter().find(|m| m.start == i) {
                let run = &active[i..i + m.len];
                units.push(Unit {
                    label: run
                        .iter()
                        .map(|w| w.typed.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    query: self.synonym_unit(run, m, fuzzy),
                });
                i += m.len;
            } else {
                units.push(Unit {
                    label: active[i].typed.clone(),
                    query: self.word_unit(active[i], fuzzy),
                });
                i += 1;
            }
        }
        for key in &q.law_terms {
            let lookup = text_term(self.f.laws, key);
            units.push(Unit {
                label: key.clone(),
                query: boost(lookup, LAW),
            });
        }
        units
    }

    /// Quoted phrases: always required.
    fn phrases(&self, q: &UserQuery) -> Vec<BoxQuery> {
        q.phrases
            .iter()
            .map(|phrase| analyze(phrase, &Mode::Stem))
            .filter(|stems| !stems.is_empty())
            .map(|stems| self.phrase_with_synonyms(&stems))
            .collect()
    }

    /// The text part of the query, every unit required (75 % of them beyond three): None
    /// when nothing in the search box can be matched.
    pub fn text(&self, q: &UserQuery, units: &[Unit]) -> Option<BoxQuery> {
        let mut required = self.phrases(q);
        let units: Vec<BoxQuery> = units.iter().map(|u| u.query.box_clone()).collect();
        if units.len() > ALL_WORDS_UP_TO {
            let min = (units.len() * 3).div_ceil(4);
            required.push(Box::new(BooleanQuery::union_with_minimum_required_clauses(
                units, min,
            )));
        } else {
            required.extend(units);
        }
        (!required.is_empty()).then(|| must_all(required))
    }

    /// The text part with every unit optional (phrases stay required): items that hold
    /// any of the words. Ranking by how many they hold is the executor's.
    pub fn any_unit(&self, q: &UserQuery, units: &[Unit]) -> Option<BoxQuery> {
        let mut required = self.phrases(q);
        let any: Vec<BoxQuery> = units.iter().map(|u| u.query.box_clone()).collect();
        if !any.is_empty() {
            required.push(Box::new(BooleanQuery::union(any)));
        }
        (!required.is_empty()).then(|| must_all(required))
    }

    /// One plain word: its stem in the stemmed fields, its folded stem in the folded
    /// fields, its stem and folded stem among compound parts, and near spellings as `fuzzy`
    /// says. A word no item holds in any of these forms is looked up by its own compound
    /// parts ("ventilationsflöde" → ventilation and flöde).
    ///
    /// A lookup that finds no document is left out, and so is a folded lookup that finds
    /// exactly the documents of the exact one (the word is never spelled without its å, ä
    /// or ö here): it would only visit the same documents again. Fewer lookups, same hits.
    fn word_unit(&self, w: &QueryWord, fuzzy: Fuzzy) -> BoxQuery {
        let Some(mut alts) = self.own_forms(w) else {
            // "e-post", "kl:14": several terms from one word must stand together.
            return self.phrase(&w.stems);
        };
        let (f, fold) = (self.f, &w.folds[0].text);
        if alts.is_empty() {
            alts.extend(self.by_parts(&w.typed));
        }
        let unknown = alts.is_empty();
        let distance = fuzzy_distance(w);
        let near = match fuzzy {
            Fuzzy::Off => false,
            Fuzzy::On => true,
            Fuzzy::IfUnknown => unknown,
        };
        if near && distance > 0 {
            // A typo can change how the stemmer reads the ending ("instrumnet" loses "et"):
            // the folded word as typed is tried against the folded stems too.
            let typed = words::fold(&normalize_word(&w.typed)).into_owned();
            if typed != *fold && typed.chars().all(char::is_alphabetic) {
                for (field, weight) in [(f.title_fold, TITLE), (f.body_fold, BODY)] {
                    let term = Term::from_field_text(field, &typed);
                    let q = SharedFuzzyQuery::new(term, &typed, distance as u8);
                    alts.push(boost(q, weight * FUZZY));
                }
            }
            for (field, weight) in [
                (f.title_fold, TITLE),
                (f.body_fold, BODY),
                // A typo in a part of a compound: "anlägning" finds "avloppsanläggningen".
                (f.title_compound, TITLE * COMPOUND),
                (f.body_compound, BODY * COMPOUND),
            ] {
                let term = Term::from_field_text(field, fold);
                let q = SharedFuzzyQuery::new(term, fold, distance as u8);
                alts.push(boost(q, weight * FUZZY));
            }
        }
        dis_max(alts)
    }

    /// The lookups of a one-term word's own forms that find something (None for a word
    /// of several terms): stem, folded stem, compound parts.
    fn own_forms(&self, w: &QueryWord) -> Option<Vec<BoxQuery>> {
        let (stem, fold) = match (w.stems.as_slice(), w.folds.as_slice()) {
            ([stem], [fold]) => (&stem.text, &fold.text),
            _ => return None,
        };
        let f = self.f;
        let mut alts = Vec::new();
        if stem == fold {
            // Nothing to fold (most words typed on a phone): the folded fields hold every
            // document the stemmed ones do for this term, and more, so they stand in for
            // them at full weight.
            self.add(&mut alts, f.title_fold, fold, TITLE);
            self.add(&mut alts, f.body_fold, fold, BODY);
        } else {
            for (exact, folded, weight) in
                [(f.title, f.title_fold, TITLE), (f.body, f.body_fold, BODY)]
            {
                let in_exact = self.doc_freq(exact, stem);
                if in_exact > 0 {
                    alts.push(boost(text_term(exact, stem), weight));
                }
                if self.doc_freq(folded, fold) != in_exact {
                    alts.push(boost(text_term(folded, fold), weight * FOLD));
                }
            }
        }
        self.add(&mut alts, f.accepted, stem, ACCEPTED);
        self.add(&mut alts, f.extra, stem, EXTRA);
        for (field, weight) in [(f.title_compound, TITLE), (f.body_compound, BODY)] {
            self.add(&mut alts, field, stem, weight * COMPOUND);
            if fold != stem {
                self.add(&mut alts, field, fold, weight * COMPOUND * FOLD);
            }
        }
        Some(alts)
    }

    /// Whether no item holds the word in any of its forms, whole or by its parts (such
    /// words get typo tolerance in the fallback).
    pub fn is_unknown(&self, w: &QueryWord) -> bool {
        self.own_forms(w)
            .is_some_and(|alts| alts.is_empty() && self.by_parts(&w.typed).is_none())
    }

    /// A word found nowhere as a whole, as its compound parts: every part required, each
    /// in any of its forms, weighing as a compound match. None when it does not split.
    fn by_parts(&self, typed: &str) -> Option<BoxQuery> {
        let parts = self.vocab.split(typed);
        if parts.len() < 2 {
            return None;
        }
        let mut each = Vec::with_capacity(parts.len());
        for part in &parts {
            let mut alts = self.stem_alternatives(&part.stem);
            for field in [self.f.title_fold, self.f.body_fold] {
                self.add(&mut alts, field, &part.fold, BODY * FOLD);
            }
            if alts.is_empty() {
                return None;
            }
            each.push(dis_max(alts));
        }
        Some(boost(BooleanQuery::intersection(each), COMPOUND))
    }

    /// Documents holding `text` in `field` (deleted ones included); on error, as if some.
    fn doc_freq(&self, field: Field, text: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(1)
    }

    /// Adds a weighted lookup of `text` in `field` when any document holds it.
    fn add(&self, alts: &mut Vec<BoxQuery>, field: Field, text: &str, weight: f32) {
        if self.doc_freq(field, text) > 0 {
            alts.push(boost(text_term(field, text), weight));
        }
    }

    /// A stem in the stemmed fields and among compound parts.
    fn stem_alternatives(&self, stem: &str) -> Vec<BoxQuery> {
        let f = self.f;
        let mut alts = Vec::new();
        self.add(&mut alts, f.title, stem, TITLE);
        self.add(&mut alts, f.accepted, stem, ACCEPTED);
        self.add(&mut alts, f.body, stem, BODY);
        self.add(&mut alts, f.extra, stem, EXTRA);
        self.add(&mut alts, f.title_compound, stem, TITLE * COMPOUND);
        self.add(&mut alts, f.body_compound, stem, BODY * COMPOUND);
        alts
    }

    /// Terms in order at their positions, in the stemmed fields.
    fn phrase(&self, terms: &[Word]) -> BoxQuery {
        let f = self.f;
        let fields = [
            (f.title, TITLE),
            (f.accepted, ACCEPTED),
            (f.body, BODY),
            (f.extra, EXTRA),
        ];
        let alts = fields
            .iter()
            .map(|&(field, weight)| match terms {
                [one] => boost(text_term(field, &one.text), weight),
                _ => {
                    let first = terms[0].position;
                    let with_offsets = terms
                        .iter()
                        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
                        .collect();
                    boost(PhraseQuery::new_with_offset(with_offsets), weight)
                }
            })
            .collect();
        dis_max(alts)
    }

    /// A quoted phrase; when it names a synonym group, its other phrases match too.
    fn phrase_with_synonyms(&self, stems: &[Word]) -> BoxQuery {
        let keys: Vec<String> = stems.iter().map(|t| t.text.clone()).collect();
        match self.synonyms.find(&keys).into_iter().next() {
            Some(m) if m.start == 0 && m.len == keys.len() => {
                let original = self.phrase(stems);
                self.with_alternatives(original, stems, &m)
            }
            _ => self.phrase(stems),
        }
    }

    /// Plain words that name a synonym group: the words as typed, or any other phrase of
    /// the group, or a document tagged with it.
    fn synonym_unit(&self, run: &[&QueryWord], m: &SynonymMatch<'_>, fuzzy: Fuzzy) -> BoxQuery {
        let original = must_all(run.iter().map(|w| self.word_unit(w, fuzzy)).collect());
        let typed: Vec<Word> = run.iter().flat_map(|w| w.stems.iter().cloned()).collect();
        self.with_alternatives(original, &typed, m)
    }

    fn with_alternatives(&self, original: BoxQuery, typed: &[Word], m: &SynonymMatch) -> BoxQuery {
        let mut alts = vec![original];
        for phrase in &m.alternatives {
            if same_stems(&phrase.terms, typed) {
                continue;
            }
            let q = match phrase.terms.as_slice() {
                [one] => dis_max(self.stem_alternatives(&one.text)),
                terms => self.phrase(terms),
            };
            alts.push(boost(q, SYNONYM));
        }
        for tag in &m.tags {
            let tagged = text_term(self.f.tags, tag);
            alts.push(Box::new(ConstScoreQuery::new(
                Box::new(tagged),
                TAG_SYNONYM,
            )));
        }
        Box::new(BooleanQuery::union(alts))
    }

    /// Required and excluded clauses from operators, filters, exclusions and, when given,
    /// the caller's grants as a clause (`readable`, the documents they may read).
    pub fn filters(
        &self,
        q: &UserQuery,
        sf: &SearchFilter,
        readable: Option<BoxQuery>,
    ) -> Vec<(Occur, BoxQuery)> {
        let f = self.f;
        let lower = |v: &[String]| v.iter().map(|s| filter_value(s)).collect::<Vec<_>>();
        let canonical_tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| self.synonyms.canonical_tag(t).unwrap_or(t).to_string())
            .collect();
        let lists: [(Field, Vec<String>); 9] = [
            (f.kind, lower(&sf.kinds)),
            (f.kind, lower(&q.kinds)),
            (f.network, lower(&sf.networks)),
            (f.network, lower(&q.networks)),
            (f.project, lower(&sf.projects)),
            (f.project, lower(&q.projects)),
            (f.tags, lower(&sf.tags)),
            (f.tags, lower(&canonical_tags)),
            (f.organisation, lower(&sf.organisations)),
        ];
        let mut out: Vec<(Occur, BoxQuery)> =
            readable.map(|r| (Occur::Must, r)).into_iter().collect();
        for (field, values) in &lists {
            if let Some(clause) = any_of(*field, values.iter().map(String::as_str)) {
                out.push((Occur::Must, clause));
            }
        }
        if let Some(clause) = any_of(f.laws, q.laws.iter().map(String::as_str)) {
            out.push((Occur::Must, clause));
        }
        for solved in [sf.solved, q.solved].into_iter().flatten() {
            let term = Term::from_field_u64(f.solved, u64::from(solved));
            let clause = filter(TermQuery::new(term, IndexRecordOption::Basic));
            out.push((Occur::Must, clause));
        }
        if sf.from_ms.is_some() || sf.to_ms.is_some() {
            let bound = |v: Option<i64>| match v {
                Some(ms) => Bound::Included(Term::from_field_i64(f.updated_at, ms)),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(sf.from_ms), bound(sf.to_ms));
            out.push((Occur::Must, filter(range)));
        }
        for excluded in &q.excluded {
            out.extend(self.exclusion(excluded).map(|c| (Occur::MustNot, c)));
        }
        for excluded in &q.excluded_phrases {
            let stems = analyze(excluded, &Mode::Stem);
            if !stems.is_empty() {
                out.push((Occur::MustNot, self.phrase(&stems)));
            }
        }
        out
    }

    /// An excluded word, in the stemmed and folded title and body fields.
    fn exclusion(&self, word: &str) -> Option<BoxQuery> {
        let stems = analyze(word, &Mode::Stem);
        let folds = analyze(word, &Mode::Fold);
        match (stems.as_slice(), folds.as_slice()) {
            ([], _) => None,
            ([stem], [fold]) => {
                let f = self.f;
                let mut alts: Vec<BoxQuery> = [f.title, f.body, f.accepted, f.extra]
                    .iter()
                    .map(|&field| Box::new(text_term(field, &stem.text)) as BoxQuery)
                    .collect();
                for field in [f.title_fold, f.body_fold] {
                    alts.push(Box::new(text_term(field, &fold.text)));
                }
                Some(Box::new(BooleanQuery::union(alts)))
            }
            _ => Some(self.phrase(&stems)),
        }
    }

    /// The whole query: the text part (if any) and the filter clauses.
    pub fn combine(&self, text: Option<BoxQuery>, filters: Vec<(Occur, BoxQuery)>) -> BoxQuery {
        let mut clauses = filters;
        if let Some(text) = text {
            clauses.insert(0, (Occur::Must, text));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// What to mark in hits: folded stems of every word, phrase and matched synonym, the
    /// references to law asked for, and near spellings of the words `fuzzy` picks.
    pub fn highlighter(
        &self,
        q: &UserQuery,
        words: &[QueryWord],
        fuzzy: impl Fn(&QueryWord) -> bool,
    ) -> Highlighter {
        let mut stems: Vec<String> = Vec::new();
        let mut near = Vec::new();
        for w in words {
            stems.extend(w.folds.iter().map(|t| t.text.clone()));
            let d = fuzzy_distance(w);
            if d > 0 && fuzzy(w) {
                near.extend(w.folds.iter().map(|t| (t.text.clone(), d)));
            }
            // A word looked up by its parts: mark the parts inside the words that hold them.
            if self.own_forms(w).is_some_and(|alts| alts.is_empty()) {
                stems.extend(self.vocab.split(&w.typed).into_iter().map(|p| p.fold));
            }
        }
        for phrase in &q.phrases {
            stems.extend(analyze(phrase, &Mode::Fold).into_iter().map(|t| t.text));
        }
        let mut keys: Vec<String> = Vec::new();
        for w in words.iter().filter(|w| !w.stems.is_empty()) {
            keys.push(
                w.stems
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        let phrase_keys = q.phrases.iter().map(|p| {
            analyze(p, &Mode::Stem)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        });
        let mut found: Vec<SynonymMatch> = self.synonyms.find(&keys);
        for pk in phrase_keys {
            found.extend(self.synonyms.find(&pk));
        }
        for m in &found {
            for p in &m.alternatives {
                stems.extend(analyze(&p.surface, &Mode::Fold).into_iter().map(|t| t.text));
            }
        }
        let mut laws: Vec<String> = q.law_terms.clone();
        laws.extend(q.laws.iter().cloned());
        Highlighter::new(stems, near).with_laws(laws)
    }
}
