//! Typo-tolerant term lookups that share their Levenshtein automaton. tantivy's
//! `FuzzyTermQuery` builds a new automaton for every field it is asked about, and a search
//! word is looked up fuzzily in up to six fields with the same text, so one typo query built
//! the same automaton six times; building it was a fifth of a fuzzy search's CPU. Here one
//! automaton per (text, distance) is built once and kept in a small cache that later
//! searches reuse (people repeat searches, and the fallback tries the same words again).
//!
//! Owns the automata and their bound ([`CACHE_BYTES`]); which words are looked up fuzzily,
//! and at what distance, is `plan`'s.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex, OnceLock},
};

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::{
    query::{AutomatonWeight, EnableScoring, Query, Weight},
    Term,
};

/// Most memory the kept automata may take (about 1 KiB per state).
const CACHE_BYTES: usize = 8 * 1024 * 1024;

/// A term within `distance` edits (a transposition counts as one) of `term`'s text.
#[derive(Clone)]
pub struct SharedFuzzyQuery {
    term: Term,
    dfa: Arc<DFA>,
}

impl std::fmt::Debug for SharedFuzzyQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedFuzzyQuery({:?})", self.term)
    }
}

impl SharedFuzzyQuery {
    /// The lookup of `text` in `term`'s field; `text` must be the term's text.
    pub fn new(term: Term, text: &str, distance: u8) -> SharedFuzzyQuery {
        SharedFuzzyQuery {
            term,
            dfa: automaton(text, distance),
        }
    }
}

impl Query for SharedFuzzyQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::new(
            self.term.field(),
            Shared(self.dfa.clone()),
        )))
    }
}

struct Shared(Arc<DFA>);

impl tantivy_fst::Automaton for Shared {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[derive(Default)]
struct Cache {
    entries: HashMap<(String, u8), Arc<DFA>>,
    order: VecDeque<(String, u8)>,
    bytes: usize,
}

fn bytes_of(dfa: &DFA) -> usize {
    dfa.num_states() * (256 * 4 + 16)
}

/// The automaton for `text` at `distance` (0–2), from the cache or built now.
fn automaton(text: &str, distance: u8) -> Arc<DFA> {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let distance = distance.min(2);
    let key = (text.to_string(), distance);
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(dfa) = cache.lock().ok().and_then(|c| c.entries.get(&key).cloned()) {
        return dfa;
    }
    let builder = BUILDERS[distance as usize]
        .get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true));
    let dfa = Arc::new(builder.build_dfa(text));
    let cost = bytes_of(&dfa);
    if let Ok(mut c) = cache.lock() {
        if cost <= CACHE_BYTES / 8 && !c.entries.contains_key(&key) {
            c.entries.insert(key.clone(), dfa.clone());
            c.order.push_back(key);
            c.bytes += cost;
            while c.bytes > CACHE_BYTES {
                let Some(oldest) = c.order.pop_front() else {
                    break;
                };
                if let Some(gone) = c.entries.remove(&oldest) {
                    c.bytes -= bytes_of(&gone);
                }
            }
        }
    }
    dfa
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_automaton_serves_every_field_and_later_searches() {
        let a = automaton("avloppsanlägning", 2);
        let b = automaton("avloppsanlägning", 2);
        assert!(Arc::ptr_eq(&a, &b), "built twice");
        let c = automaton("avloppsanlägning", 1);
        assert!(
            !Arc::ptr_eq(&a, &c),
            "another distance is another automaton"
        );
        // It matches what it should: one edit away, and not three.
        assert!(matches!(a.eval("avloppsanläggning"), Distance::Exact(1)));
        assert!(matches!(c.eval("avloppsanläggning"), Distance::Exact(1)));
        assert!(matches!(a.eval("avloppsbrunn"), Distance::AtLeast(_)));
    }
}
