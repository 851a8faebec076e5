//! Swedish compound splitting for the `sv_compound` field: the vocabulary of known words
//! (a curated domain list plus words learned from indexed text) and the splitter that turns
//! "vattenskyddsområdet" into vatten, skydd, område and their adjacent runs.
//!
//! Owns only the splitting; stemming rules live in `words`. It must never fail: a word it
//! cannot split simply yields no parts.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::search::words::{is_stop_word, normalize_word, stem_word, word_spans};

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

    pub(crate) fn reader(&self) -> RwLockReadGuard<'_, Entries> {
        // Entries are only ever added, so a panic elsewhere cannot leave them inconsistent.
        self.entries.read().unwrap_or_else(|e| e.into_inner())
    }

    fn writer(&self) -> RwLockWriteGuard<'_, Entries> {
        self.entries.write().unwrap_or_else(|e| e.into_inner())
    }
}

fn insert(set: &mut Entries, word: &str, min_stem: usize, domain: bool) {
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
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_SPLIT
        || chars.len() > MAX_SPLIT
        || !chars.iter().all(|c| c.is_alphabetic())
    {
        return Vec::new();
    }
    let bytes: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let splitter = Splitter {
        set,
        word,
        chars: &chars,
        bytes: &bytes,
    };
    let Some(top) = splitter.best(0, chars.len()) else {
        return Vec::new();
    };
    let parts: Vec<Part> = top.into_iter().flat_map(|p| splitter.finest(p)).collect();
    let last = parts.len() - 1;
    let mut out: Vec<String> = Vec::new();
    for a in 0..parts.len() {
        for b in a..parts.len() {
            if a == 0 && b == last {
                continue;
            }
            let surface = splitter.slice(parts[a].start, parts[b].end);
            // A lone inner part is written in its compound form ("skol" in skolgård, "häls"
            // in hälsoskydd): use the stem of the word it was found as.
            let stem = match set.get(surface) {
                Some(entry) if a == b && parts[b].end < chars.len() => entry.stem.clone(),
                _ => stem_word(surface),
            };
            if !out.contains(&stem) {
                out.push(stem);
            }
        }
    }
    out
}

struct Splitter<'a> {
    set: &'a Entries,
    word: &'a str,
    chars: &'a [char],
    bytes: &'a [usize],
}

type Cost = (usize, usize, Reverse<usize>);

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
                if self.set.contains_key(self.slice(i, end)) {
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
                if !self.set.contains_key(self.slice(i, end)) {
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

    /// The last part may carry an inflection: known as written or by its stem.
    fn final_ok(&self, start: usize, end: usize) -> bool {
        let s = self.slice(start, end);
        self.set.contains_key(s) || self.set.contains_key(&stem_word(s))
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
        assert!(parts(&vocab, "förorening").is_empty());
        assert!(parts(&vocab, "").is_empty());
    }

    #[test]
    fn learned_words_become_parts() {
        let vocab = Vocabulary::with_domain_words();
        assert!(!vocab.contains("kompost"));
        vocab.learn("Kompost och latrin. en av");
        assert!(vocab.contains("kompost"));
        assert!(!vocab.contains("av"));
        let got = parts(&vocab, "kompostbehållare");
        assert!(got.is_empty(), "behållare is not known yet: {got:?}");
        vocab.learn("behållare");
        let got = parts(&vocab, "kompostbehållaren");
        assert!(got.contains(&stem("kompost")), "{got:?}");
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
