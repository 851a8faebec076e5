//! Swedish compound splitting for the `sv_compound` field: the vocabulary of known words
//! (a curated domain list plus words learned from indexed text) and the splitter that turns
//! "vattenskyddsområdet" into vatten, skydd, område and their adjacent runs.
//!
//! Rules, each for Swedish in general (tests below use words from the glossary and the plan):
//! - parts may be joined by a linking morpheme (fogemorfem: -s-, -e-, -a-, -u-, -o-) and an
//!   inner part may lose its final vowel (skol(a)gård, samhäll(e)s-);
//! - the head may be inflected: known as written, by its stem, or once a definite or plural
//!   ending (-en, -et, -na, -erna, -arna, -orna, -er, -ar, -or, -n, -t) is taken off
//!   (ventilationsflödena → flöde, radonhalterna → halt);
//! - when no split into known parts exists, a known modifier with an unknown head
//!   (tillsyn|s|besöket) or an unknown modifier with a known head (radon|halten) still
//!   splits, so a word that is not yet in the vocabulary does not hide the one that is;
//! - every entry is also known with its diacritics folded, so "forskolegarden" splits as
//!   "förskolegården" does, into folded parts.
//!
//! Owns only the splitting; stemming rules live in `words`. It must never fail: a word it
//! cannot split simply yields no parts.
//!
//! Long because its unit tests (one per splitting rule, with words from the glossary) sit
//! beside the rules they pin; the rules end at line ~460.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::search::words::{fold, is_stop_word, normalize_word, stem_word, word_spans};

/// Shortest compound part, in characters. Three-letter entries only come from the domain
/// list (learned words must have four letters), which keeps junk splits rare.
const MIN_PART: usize = 3;
/// Shortest word we try to split.
const MIN_SPLIT: usize = 6;
/// Longest word we try to split (longer ones are rarely words).
const MAX_SPLIT: usize = 48;
/// Learned words and stems stop being added beyond this many entries.
const MAX_ENTRIES: usize = 400_000;
/// Linking morphemes (fogemorfem) allowed between parts.
const LINKS: &[char] = &['s', 'e', 'a', 'u', 'o'];
/// Endings a compound's head may carry, longest first: definite and plural forms.
const HEAD_ENDINGS: &[&str] = &[
    "erna", "arna", "orna", "ena", "na", "en", "et", "er", "ar", "or", "n", "t",
];
/// Shortest part not in the vocabulary that still splits off beside a known one.
const MIN_UNKNOWN: usize = 4;
/// Shortest known head that splits off an unknown modifier.
const MIN_HEAD: usize = 6;
/// Shortest known part that splits off an unknown rest without a linking morpheme
/// ("radon|halten"), and shortest unknown modifier before a known head; with a linking
/// morpheme ("tillsyn|s|besöket") [`MIN_UNKNOWN`] is enough.
const MIN_KNOWN_UNLINKED: usize = 5;

/// Inspection vocabulary: base forms of words that appear as compound parts.
const DOMAIN_WORDS: &str = include_str!("domain_words.txt");

/// The curated words, without comments and blank lines.
fn domain_words() -> impl Iterator<Item = &'static str> {
    DOMAIN_WORDS
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
}

/// What the vocabulary knows about an entry (a word, or the stem of one).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The stem a part written like this contributes.
    stem: String,
    /// From the curated list: such words are atoms and are not split further.
    domain: bool,
}

/// The entries behind a [`Vocabulary`].
pub(crate) type Entries = HashMap<String, Entry>;

/// Known words and their stems, shared by every clone. Thread-safe and cheap to clone.
#[derive(Clone, Default, Debug)]
pub struct Vocabulary {
    entries: Arc<RwLock<Entries>>,
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The curated inspection vocabulary.
    pub fn with_domain_words() -> Self {
        let vocab = Self::new();
        {
            let mut set = vocab.writer();
            for word in domain_words() {
                insert(&mut set, &normalize_word(word), MIN_PART, true);
            }
        }
        vocab
    }

    /// Adds the standalone words of `text` that have at least four letters.
    pub fn learn(&self, text: &str) {
        let words: Vec<String> = word_spans(text)
            .map(|(a, b)| normalize_word(&text[a..b]))
            .filter(|w| {
                let n = w.chars().count();
                (4..=MAX_SPLIT).contains(&n)
                    && w.chars().all(char::is_alphabetic)
                    && !is_stop_word(w)
            })
            .collect();
        if words.is_empty() {
            return;
        }
        let mut set = self.writer();
        for word in words {
            if set.len() >= MAX_ENTRIES {
                break;
            }
            if !set.contains_key(&word) {
                insert(&mut set, &word, 4, false);
            }
        }
    }

    /// Whether the word, or its stem, is known.
    pub fn contains(&self, word: &str) -> bool {
        let word = normalize_word(word);
        let set = self.reader();
        set.contains_key(&word) || set.contains_key(&stem_word(&word))
    }

    /// Number of entries (words and stems).
    pub fn len(&self) -> usize {
        self.reader().len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.reader().is_empty()
    }

    /// The stems this word contributes to the compound field, besides its own stem.
    pub fn part_stems(&self, word: &str) -> Vec<String> {
        part_stems(&self.reader(), &normalize_word(word))
    }

    /// The word's finest compound parts, each as its stem and folded stem; empty when the
    /// word does not split. For looking up a query word by its parts.
    pub fn split(&self, word: &str) -> Vec<PartForms> {
        let word = normalize_word(word);
        let set = self.reader();
        let Some((splitter, parts)) = split_parts(&set, &word) else {
            return Vec::new();
        };
        let last = parts.len() - 1;
        parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let stem = splitter.stem(p.start, p.end, i < last);
                PartForms {
                    fold: fold(&stem).into_owned(),
                    stem,
                }
            })
            .collect()
    }

    pub(crate) fn reader(&self) -> RwLockReadGuard<'_, Entries> {
        // Entries are only ever added, so a panic elsewhere cannot leave them inconsistent.
        self.entries.read().unwrap_or_else(|e| e.into_inner())
    }

    fn writer(&self) -> RwLockWriteGuard<'_, Entries> {
        self.entries.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// One compound part as the query side looks it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartForms {
    /// Its stem, as the stemmed fields hold it.
    pub stem: String,
    /// Its stem with diacritics folded.
    pub fold: String,
}

fn insert(set: &mut Entries, word: &str, min_stem: usize, domain: bool) {
    insert_forms(set, word, min_stem, domain);
    let folded = fold(word);
    if folded != word {
        insert_forms(set, &folded, min_stem, domain);
    }
}

fn insert_forms(set: &mut Entries, word: &str, min_stem: usize, domain: bool) {
    let stem = stem_word(word);
    if stem.chars().count() >= min_stem {
        let entry = set.entry(stem.clone()).or_insert_with(|| Entry {
            stem: stem.clone(),
            domain,
        });
        entry.domain |= domain;
    }
    // The form with its final vowel dropped, as in compounds: samhäll(e)s-, skol(a)-.
    if let Some(short) = word.strip_suffix(['a', 'e', 'o']) {
        if short.chars().count() >= min_stem && !set.contains_key(short) {
            let entry = Entry {
                stem: stem.clone(),
                domain,
            };
            set.insert(short.to_string(), entry);
        }
    }
    let entry = set.entry(word.to_string()).or_insert_with(|| Entry {
        stem: stem.clone(),
        domain,
    });
    entry.domain |= domain;
}

/// A part of a word, as a char range.
#[derive(Clone, Copy, Debug)]
struct Part {
    start: usize,
    end: usize,
}

/// Stems of the word's compound parts and of every run of adjacent parts (excluding the
/// whole word, whose stem the caller emits). Empty when the word does not split.
pub(crate) fn part_stems(set: &Entries, word: &str) -> Vec<String> {
    let Some((splitter, parts)) = split_parts(set, word) else {
        return Vec::new();
    };
    let last = parts.len() - 1;
    let mut out: Vec<String> = Vec::new();
    for a in 0..parts.len() {
        for b in a..parts.len() {
            if a == 0 && b == last {
                continue;
            }
            let stem = if a == b {
                splitter.stem(parts[a].start, parts[a].end, b < last)
            } else {
                stem_word(splitter.slice(parts[a].start, parts[b].end))
            };
            if !out.contains(&stem) {
                out.push(stem);
            }
        }
    }
    out
}

/// The finest split of a normalised word: into known parts, or else a known part beside
/// an unknown one. None when the word is too short, too long, not letters, or unsplittable.
fn split_parts<'a>(set: &'a Entries, word: &'a str) -> Option<(Splitter<'a>, Vec<Part>)> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_SPLIT
        || chars.len() > MAX_SPLIT
        || !chars.iter().all(|c| c.is_alphabetic())
    {
        return None;
    }
    // A curated word is an atom, as a part and as a whole ("förorening" is not för|orening).
    if set.get(word).is_some_and(|e| e.domain) {
        return None;
    }
    let bytes: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let splitter = Splitter {
        set,
        word,
        whole_stem: stem_word(word),
        chars,
        bytes,
    };
    let n = splitter.chars.len();
    let parts = match splitter.best(0, n) {
        Some(top) => top.into_iter().flat_map(|p| splitter.finest(p)).collect(),
        None => splitter.with_unknown()?,
    };
    Some((splitter, parts))
}

struct Splitter<'a> {
    set: &'a Entries,
    word: &'a str,
    /// The stem of the whole word: no part may be the word itself.
    whole_stem: String,
    chars: Vec<char>,
    bytes: Vec<usize>,
}

type Cost = (usize, usize, Reverse<usize>);

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é')
}

impl Splitter<'_> {
    fn slice(&self, start: usize, end: usize) -> &str {
        &self.word[self.bytes[start]..self.bytes[end]]
    }

    /// Splits a part again, unless it is a curated atom or does not split.
    fn finest(&self, part: Part) -> Vec<Part> {
        let atom = self
            .set
            .get(self.slice(part.start, part.end))
            .is_some_and(|e| e.domain);
        if atom || part.end - part.start < MIN_SPLIT {
            return vec![part];
        }
        match self.best(part.start, part.end) {
            Some(sub) => sub.into_iter().flat_map(|p| self.finest(p)).collect(),
            None => vec![part],
        }
    }

    /// Best split of [lo, hi) into two or more known parts, optionally joined by linking
    /// morphemes. Fewest parts first, then fewest links, then the longest shortest part.
    fn best(&self, lo: usize, hi: usize) -> Option<Vec<Part>> {
        // reach[i]: some run of known parts (and links) leads from lo to i. Only such
        // positions can start a later part, which spares most of the stemming below.
        let mut reach = vec![false; hi + 1];
        reach[lo] = true;
        for i in lo..hi {
            if !reach[i] {
                continue;
            }
            for end in (i + MIN_PART)..hi {
                if self.is_part(i, end) {
                    reach[end] = true;
                    if LINKS.contains(&self.chars[end]) {
                        reach[end + 1] = true;
                    }
                }
            }
        }
        // memo[i] = best split of [i, hi) into one or more parts, with its cost
        let mut memo: Vec<Option<(Cost, Vec<Part>)>> = vec![None; hi + 1];
        for i in (lo..hi).rev() {
            if !reach[i] {
                continue;
            }
            let mut best: Option<(Cost, Vec<Part>)> = None;
            if i > lo && hi - i >= MIN_PART && self.final_ok(i, hi) {
                let part = Part { start: i, end: hi };
                best = Some(((1, 0, Reverse(hi - i)), vec![part]));
            }
            for end in (i + MIN_PART)..hi {
                if !self.is_part(i, end) {
                    continue;
                }
                let part = Part { start: i, end };
                let mut consider = |next: usize, link: usize| {
                    if let Some(((parts, links, Reverse(shortest)), rest)) = &memo[next] {
                        let cost = (parts + 1, links + link, Reverse((*shortest).min(end - i)));
                        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                            let mut seq = vec![part];
                            seq.extend_from_slice(rest);
                            best = Some((cost, seq));
                        }
                    }
                };
                consider(end, 0);
                if LINKS.contains(&self.chars[end]) && end + 1 < hi {
                    consider(end + 1, 1);
                }
            }
            memo[i] = best;
        }
        memo[lo].take().map(|(_, parts)| parts)
    }

    /// Whether [start, end) is a known word that is not the whole word itself: a learned
    /// "radonhalterna" is known by its stem "radonhalt" too, which must not make
    /// radonhalt|erna a split.
    fn is_part(&self, start: usize, end: usize) -> bool {
        self.set
            .get(self.slice(start, end))
            .is_some_and(|e| e.stem != self.whole_stem)
    }

    /// The stem one part contributes. A lone inner part is written in its compound form
    /// ("skol" in skolgård, "häls" in hälsoskydd): the stem of the word it was found as.
    fn stem(&self, start: usize, end: usize, inner: bool) -> String {
        let surface = self.slice(start, end);
        match self.set.get(surface) {
            Some(entry) if inner => entry.stem.clone(),
            _ => stem_word(surface),
        }
    }

    /// The last part may carry an inflection: known as written, by its stem, or without a
    /// definite or plural ending (flödena → flöde, halterna → halt).
    fn final_ok(&self, start: usize, end: usize) -> bool {
        let s = self.slice(start, end);
        if self.set.contains_key(s) || self.set.contains_key(&stem_word(s)) {
            return true;
        }
        HEAD_ENDINGS.iter().any(|ending| {
            s.strip_suffix(ending)
                .is_some_and(|base| base.chars().count() >= MIN_PART && self.set.contains_key(base))
        })
    }

    /// A known part beside one the vocabulary does not know yet: the longest known head
    /// after an unknown modifier, else the longest known modifier before an unknown head.
    /// The unknown part must be a plausible word (four letters or more, with a vowel).
    fn with_unknown(&self) -> Option<Vec<Part>> {
        let n = self.chars.len();
        let plausible = |a: usize, b: usize| {
            b >= a + MIN_UNKNOWN && self.chars[a..b].iter().any(|&c| is_vowel(c))
        };
        // Known head: kompost|behållaren. The head must be a word of its own (six letters
        // or more) and the modifier long enough not to be a prefix, so "förorening" does
        // not become föro|rening.
        for start in MIN_KNOWN_UNLINKED..=n.saturating_sub(MIN_HEAD) {
            if !self.final_ok(start, n) {
                continue;
            }
            if plausible(0, start) {
                return Some(vec![
                    Part {
                        start: 0,
                        end: start,
                    },
                    Part { start, end: n },
                ]);
            }
        }
        // Known modifier: tillsyn|s|besöket.
        for end in (MIN_UNKNOWN..=n.saturating_sub(MIN_UNKNOWN)).rev() {
            if !self.is_part(0, end) {
                continue;
            }
            if LINKS.contains(&self.chars[end]) && plausible(end + 1, n) {
                return Some(vec![
                    Part { start: 0, end },
                    Part {
                        start: end + 1,
                        end: n,
                    },
                ]);
            }
            if end >= MIN_KNOWN_UNLINKED && plausible(end, n) {
                return Some(vec![Part { start: 0, end }, Part { start: end, end: n }]);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(vocab: &Vocabulary, word: &str) -> Vec<String> {
        vocab.part_stems(word)
    }

    fn stem(w: &str) -> String {
        stem_word(w)
    }

    #[test]
    fn vattenskyddsomradet_splits_into_parts_and_runs() {
        let vocab = Vocabulary::with_domain_words();
        let got = parts(&vocab, "vattenskyddsområdet");
        for want in ["vatten", "skydd", "område", "vattenskydd", "skyddsområde"] {
            assert!(got.contains(&stem(want)), "{want} missing from {got:?}");
        }
    }

    #[test]
    fn linking_morphemes_and_dropped_vowels() {
        let vocab = Vocabulary::with_domain_words();
        assert!(parts(&vocab, "skolgård").contains(&stem("skola")));
        assert!(parts(&vocab, "skolgård").contains(&stem("gård")));
        assert!(parts(&vocab, "kyrkogård").contains(&stem("kyrka")));
        assert!(parts(&vocab, "hälsoskyddet").contains(&stem("hälsa")));
        assert!(parts(&vocab, "hälsoskyddet").contains(&stem("skydd")));
        assert!(parts(&vocab, "oljeavskiljaren").contains(&stem("avskiljare")));
        assert!(parts(&vocab, "avloppsanläggningar").contains(&stem("avlopp")));
        assert!(parts(&vocab, "avloppsanläggningar").contains(&stem("anläggning")));
        assert!(parts(&vocab, "växtskyddsmedel").contains(&stem("medel")));
        assert!(parts(&vocab, "fosforfällan").contains(&stem("fälla")));
        assert!(parts(&vocab, "djurhållningen").contains(&stem("djur")));
    }

    #[test]
    fn unknown_or_short_words_do_not_split() {
        let vocab = Vocabulary::with_domain_words();
        assert!(parts(&vocab, "avlopp").is_empty());
        assert!(parts(&vocab, "anläggning").is_empty());
        assert!(parts(&vocab, "qwertyuiop").is_empty());
        assert!(
            parts(&vocab, "förorening").is_empty(),
            "a curated word is an atom"
        );
        assert!(parts(&vocab, "").is_empty());
    }

    #[test]
    fn learned_words_become_parts() {
        let vocab = Vocabulary::with_domain_words();
        assert!(!vocab.contains("kompost"));
        vocab.learn("Kompost och latrin. en av");
        assert!(vocab.contains("kompost"));
        assert!(!vocab.contains("av"));
        vocab.learn("behållare");
        let got = parts(&vocab, "kompostbehållaren");
        assert!(got.contains(&stem("kompost")), "{got:?}");
        assert!(got.contains(&stem("behållare")), "{got:?}");
    }

    #[test]
    fn inflected_heads_split() {
        let vocab = Vocabulary::with_domain_words();
        vocab.learn("flöde halt");
        for (word, want) in [
            ("ventilationsflödena", ["ventilation", "flöde"]),
            ("ventilationsflödet", ["ventilation", "flöde"]),
            ("radonhalterna", ["radon", "halt"]),
            ("radonhalten", ["radon", "halt"]),
            ("avloppsanläggningarna", ["avlopp", "anläggning"]),
            ("skolgårdarna", ["skola", "gård"]),
            ("tillsynsbesöken", ["tillsyn", "besök"]),
        ] {
            let got = parts(&vocab, word);
            for w in want {
                assert!(got.contains(&stem(w)), "{word}: {w} missing from {got:?}");
            }
        }
    }

    #[test]
    fn a_known_part_splits_off_an_unknown_one() {
        // Only the modifier is known: tillsyn|s|besöket, radon|halterna.
        let vocab = Vocabulary::new();
        vocab.learn("tillsyn radon ventilation");
        for (word, known, unknown) in [
            ("tillsynsbesöket", "tillsyn", "besök"),
            ("radonhalterna", "radon", "halt"),
            ("ventilationsflödena", "ventilation", "flöde"),
        ] {
            let got = parts(&vocab, word);
            assert!(got.contains(&stem(known)), "{word}: {got:?}");
            assert!(got.contains(&stem(unknown)), "{word}: {got:?}");
        }
        // Only the head is known: kompost|behållaren.
        let vocab = Vocabulary::new();
        vocab.learn("behållare");
        let got = parts(&vocab, "kompostbehållaren");
        assert!(got.contains(&stem("behållare")), "{got:?}");
        assert!(got.contains(&stem("kompost")), "{got:?}");
        // Too short to be a part of its own: prefixes and endings stay on.
        let vocab = Vocabulary::new();
        vocab.learn("rening fälla");
        assert!(parts(&vocab, "förorening").is_empty());
        assert!(parts(&vocab, "fällan").is_empty());
    }

    #[test]
    fn folded_words_split_into_folded_parts() {
        let vocab = Vocabulary::with_domain_words();
        let got = parts(&vocab, "forskolegarden");
        assert!(got.contains(&"forskol".to_string()), "{got:?}");
        assert!(got.contains(&"gard".to_string()), "{got:?}");
        let split = vocab.split("förskolegården");
        let folds: Vec<&str> = split.iter().map(|p| p.fold.as_str()).collect();
        assert_eq!(folds, vec!["forskol", "gard"]);
        let got = parts(&vocab, "vattenskyddsomradet");
        for want in ["vatten", "skydd", "område"] {
            let folded = fold(&stem(want)).into_owned();
            assert!(got.contains(&folded), "{want}: {got:?}");
        }
    }

    #[test]
    fn learned_compounds_still_split_to_the_finest_parts() {
        let vocab = Vocabulary::with_domain_words();
        vocab.learn("vattenskydd vattenskyddsområde");
        let got = parts(&vocab, "vattenskyddsområdena");
        for want in ["vatten", "skydd", "område", "vattenskydd", "skyddsområde"] {
            assert!(got.contains(&stem(want)), "{want} missing from {got:?}");
        }
    }

    #[test]
    fn clones_share_words_across_threads() {
        let vocab = Vocabulary::new();
        let clone = vocab.clone();
        std::thread::spawn(move || clone.learn("tillsynsbesök"))
            .join()
            .unwrap();
        assert!(vocab.contains("tillsynsbesök"));
    }
}
