//! Swedish text analysis for the search index: word splitting, lower-casing, stop words (with
//! negations kept), Snowball stemming plus our own fixes for inflections Snowball leaves alone,
//! diacritic folding, and the three tokenizers registered on the tantivy index.
//!
//! Owns what a word becomes as a term. It must not know about the schema, the database or
//! how queries are scored; compound splitting lives in `compound`, synonyms in `synonyms`.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

// Re-exported so the analysis API is one import: tokenizers, vocabulary, synonyms.
pub use crate::search::compound::Vocabulary;
pub use crate::search::synonyms::{expand_synonyms, Synonyms};

/// Tokenizer: lower-case, stop words, Swedish stemming with our fixes.
pub const SV_STEM: &str = "sv_stem";
/// Tokenizer: like [`SV_STEM`] with diacritics folded before and after stemming.
pub const SV_FOLD: &str = "sv_fold";
/// Tokenizer: the word's stem plus the stems of its compound parts (index side only).
pub const SV_COMPOUND: &str = "sv_compound";

/// Bump whenever any analysis output changes: a stored index built with another version is
/// wiped and rebuilt on open.
pub const ANALYZER_VERSION: u32 = 2;

/// Words longer than this are dropped (hashes, base64 blobs, URLs glued together).
pub const MAX_WORD_CHARS: usize = 64;

/// Snowball's Swedish stop words, diacritics folded, minus the negations (inte, ej, icke,
/// ingen, utan, …) which change what a question means ("får inte släppas ut").
const STOP_WORDS_FOLDED: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "pa", "den", "med", "var", "sig",
    "for", "sa", "till", "ar", "men", "ett", "om", "hade", "de", "av", "mig", "du", "henne", "da",
    "sin", "nu", "har", "hans", "honom", "skulle", "hennes", "dar", "min", "man", "vid", "kunde",
    "nagot", "fran", "ut", "nar", "efter", "upp", "vi", "dem", "vara", "vad", "over", "an", "dig",
    "kan", "sina", "ha", "mot", "alla", "under", "nagon", "eller", "allt", "mycket", "sedan", "ju",
    "denna", "sjalv", "detta", "at", "varit", "hur", "mitt", "ni", "bli", "blev", "oss", "din",
    "dessa", "nagra", "deras", "blir", "mina", "samma", "vilken", "er", "sadan", "blivit", "dess",
    "inom", "mellan", "sadant", "varfor", "varje", "vilka", "ditt", "vem", "vilket", "sitt",
    "sadana", "vart", "dina", "vars", "ert", "era", "vilkas",
];

/// Which analysis a token stream applies; the compound mode carries the vocabulary it splits
/// against.
#[derive(Clone)]
pub enum Mode {
    /// Lower-case, stop words, stemming with fixes.
    Stem,
    /// As `Stem`, with diacritics folded before and after stemming.
    Fold,
    /// Stems of the word's compound parts and of adjacent part runs only: the whole word
    /// is in the stemmed and folded fields, and leaving it out here keeps this field's
    /// postings to the documents only a part match finds (cheaper to search).
    Compound(Vocabulary),
}

/// One analysed term with its word position (stop words count as positions, so phrase
/// offsets survive their removal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Word position in the analysed text.
    pub position: usize,
    /// The term text.
    pub text: String,
}

/// Registers [`SV_STEM`], [`SV_FOLD`] and [`SV_COMPOUND`] on the index.
pub fn register(index: &Index, vocab: &Vocabulary) {
    let manager = index.tokenizers();
    manager.register(SV_STEM, SwedishTokenizer::new(Mode::Stem));
    manager.register(SV_FOLD, SwedishTokenizer::new(Mode::Fold));
    manager.register(
        SV_COMPOUND,
        SwedishTokenizer::new(Mode::Compound(vocab.clone())),
    );
}

/// Analyses text for the query side: `Stem` or `Fold` terms with positions. The compound
/// mode is index-only; queries search the compound field with `Stem` terms.
pub fn analyze(text: &str, mode: &Mode) -> Vec<Term> {
    tokens(text, mode)
        .into_iter()
        .map(|t| Term {
            position: t.position,
            text: t.text,
        })
        .collect()
}

/// Byte ranges of the words in `text`: runs of letters, digits and combining marks.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word_char(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// NFC-normalises and lower-cases one word.
pub fn normalize_word(raw: &str) -> String {
    if unicode_normalization::is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        return raw.to_lowercase();
    }
    raw.nfc().flat_map(char::to_lowercase).collect()
}

/// Folds diacritics: å→a, ä→a, ö→o, é→e, ü→u, ø→o, æ→ae, ß→ss …
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' => out.push('d'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether a normalised (lower-case) word is a stop word. Checked on the folded form so
/// "for" and "för" behave alike in every field.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS_FOLDED.contains(&fold(word).as_ref())
}

/// Stems one normalised word: Snowball Swedish, then [`fix_inflection`].
pub fn stem_word(word: &str) -> String {
    if word.chars().count() < 3 || word.chars().any(|c| !c.is_alphabetic()) {
        return word.to_string();
    }
    let stemmer = Stemmer::create(Algorithm::Swedish);
    fix_inflection(&stemmer.stem(word))
}

/// Stems one normalised word for the folded field: fold, stem, fold again.
pub fn fold_stem_word(word: &str) -> String {
    let stem = stem_word(&fold(word));
    fold(&stem).into_owned()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é')
}

fn has_vowel(chars: &[char]) -> bool {
    chars.iter().any(|&c| is_vowel(c))
}

/// Our fixes on top of Snowball, which leaves many definite and irregular forms alone:
///
/// 1. definite "-et" / "-en" / "-an" and "-n" after a long vowel (avloppet, området,
///    områdena→områden, skolan, skyddsnivån, gödseln), up to twice (paketet→paket→pak);
/// 2. "-el" → "-l" so regel / regeln / regler meet at "regl";
/// 3. a final "n"/"r" after a consonant is dropped, so vattnet→vattn and buller→bull meet
///    (vatten, dagvattnet, bullret, fönstret);
/// 4. a final double consonant is undoubled (avlopp/avlop, slammet/slam, vatt/vat), because
///    Snowball undoubles only inside its R1 region and so splits dagvatten from vatten.
///
/// Every rule keeps at least two letters including a vowel, and every rule applies to every
/// Snowball output alike, so inflections of one word still meet.
pub fn fix_inflection(stem: &str) -> String {
    let mut w: Vec<char> = stem.chars().collect();
    for _ in 0..2 {
        if !strip_definite(&mut w) {
            break;
        }
    }
    let n = w.len();
    if n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'l' && !is_vowel(w[n - 3]) && has_vowel(&w[..n - 2])
    {
        w.remove(n - 2);
    }
    let n = w.len();
    if n >= 4
        && matches!(w[n - 1], 'n' | 'r')
        && !is_vowel(w[n - 2])
        && w[n - 2] != w[n - 1]
        && !(w[n - 2] == 'r' && w[n - 1] == 'n')
        && has_vowel(&w[..n - 1])
    {
        w.pop();
    }
    let n = w.len();
    if n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) {
        w.pop();
    }
    w.into_iter().collect()
}

fn strip_definite(w: &mut Vec<char>) -> bool {
    let n = w.len();
    if n < 4 {
        return false;
    }
    let keeps = |cut: usize| cut >= 2 && has_vowel(&w[..cut]);
    let (a, b) = (w[n - 2], w[n - 1]);
    let cut = match (a, b) {
        // Snowball strips "-anden" but not when "-a" was stripped first (föreläggandena).
        ('e', 'n') if w[..n - 2].ends_with(&['a', 'n', 'd']) => n - 5,
        ('e', 't') | ('e', 'n') | ('a', 'n') => n - 2,
        // Not after u/y/a/e: Snowball undoubles "nn" (vattenbrunn → vattenbrun) and
        // "-yn"/"-un" are mostly base forms (tillsyn, kommun).
        ('å' | 'ö' | 'o' | 'i', 'n') => n - 1,
        ('l', 'n') if w[n - 3] == 'e' => n - 1,
        _ => return false,
    };
    if keeps(cut) {
        w.truncate(cut);
        true
    } else {
        false
    }
}

/// Runs the analysis and returns tantivy tokens (offsets point into `text`).
pub fn tokens(text: &str, mode: &Mode) -> Vec<Token> {
    let mut out = Vec::new();
    let guard = match mode {
        Mode::Compound(vocab) => Some(vocab.reader()),
        _ => None,
    };
    for (position, (from, to)) in word_spans(text).enumerate() {
        let raw = &text[from..to];
        if raw.chars().count() > MAX_WORD_CHARS {
            continue;
        }
        let word = normalize_word(raw);
        if is_stop_word(&word) {
            continue;
        }
        let mut push = |term: String| {
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text: term,
                position_length: 1,
            })
        };
        match mode {
            Mode::Stem => push(stem_word(&word)),
            Mode::Fold => push(fold_stem_word(&word)),
            Mode::Compound(_) => {
                let stem = stem_word(&word);
                let parts = guard
                    .as_ref()
                    .map(|set| crate::search::compound::part_stems(set, &word))
                    .unwrap_or_default();
                for part in parts.into_iter().filter(|p| *p != stem) {
                    push(part);
                }
            }
        }
    }
    out
}

/// The tantivy tokenizer behind all three analyzer names.
#[derive(Clone)]
pub struct SwedishTokenizer {
    mode: Mode,
}

impl SwedishTokenizer {
    /// A tokenizer for the given mode.
    pub fn new(mode: Mode) -> Self {
        SwedishTokenizer { mode }
    }
}

impl Tokenizer for SwedishTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: tokens(text, &self.mode),
            next: 0,
        }
    }
}

/// A token stream over pre-computed tokens.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        analyze(text, &Mode::Stem)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn folds(text: &str) -> Vec<String> {
        analyze(text, &Mode::Fold)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn assert_one_term(group: &str) {
        let terms = stems(group);
        let first = &terms[0];
        assert!(
            terms.iter().all(|t| t == first),
            "{group:?} gave different terms: {terms:?}"
        );
    }

    #[test]
    fn inflection_groups_map_to_one_term() {
        for group in [
            "avlopp avloppet avloppen avloppets avloppens",
            "anläggning anläggningen anläggningar anläggningarna anläggningens",
            "område området områden områdena områdets",
            "vattenskyddsområde vattenskyddsområdet vattenskyddsområden vattenskyddsområdena",
            "föreläggande föreläggandet förelägganden föreläggandena",
            "tillstånd tillståndet tillstånden tillståndets",
            "slam slammet slammets",
            "dagvatten dagvattnet dagvattnets",
            "vatten vattnet vattnen",
            "skyddsnivå skyddsnivån skyddsnivåer",
            "fälla fällan fällor fällorna",
            "skola skolan skolor skolorna",
            "brunn brunnen brunnar brunnarna",
            "bädd bädden bäddar",
            "buller bullret bullrets",
            "beslut beslutet besluten",
            "ärende ärendet ärenden ärendena",
            "regel regeln regler reglerna",
            "gödsel gödseln",
            "miljö miljön miljöer",
            "verk verket verken",
            "djur djuret djuren",
            "kemikalie kemikalier kemikalierna",
            "inspektion inspektionen inspektioner",
            "avskiljare avskiljaren avskiljarna",
            "exempel exemplet",
            "medel medlet medlen",
            "paket paketet",
        ] {
            assert_one_term(group);
        }
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(stems("avlopp"), stems("avgift"));
        assert_ne!(stems("vatten"), stems("vante"));
        assert_ne!(stems("slam")[0], stems("slang")[0]);
    }

    #[test]
    fn anlaggningen_matches_anlaggning() {
        assert_eq!(stems("anläggningen"), stems("anläggning"));
    }

    #[test]
    fn stop_words_go_but_negations_stay() {
        assert_eq!(
            stems("det är inte ett avlopp"),
            vec![stem_word("inte"), "avlop".to_string()]
        );
        for negation in [
            "inte", "ej", "icke", "ingen", "inga", "inget", "aldrig", "utan",
        ] {
            assert_eq!(stems(negation).len(), 1, "{negation} was dropped");
        }
        assert!(stems("för på så").is_empty());
        assert!(folds("for pa sa").is_empty());
    }

    #[test]
    fn positions_count_stop_words() {
        let terms = analyze("vatten i marken", &Mode::Stem);
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].position, 0);
        assert_eq!(terms[1].position, 2);
    }

    #[test]
    fn folding_makes_plain_ascii_match() {
        assert_eq!(folds("skyddsniva"), folds("skyddsnivå"));
        assert_eq!(folds("forelaggande"), folds("föreläggande"));
        assert_eq!(folds("Föreläggandet"), folds("forelaggande"));
        assert_eq!(folds("hälsoskydd"), folds("halsoskydd"));
        assert_eq!(fold("Ærø café über straße"), "AEro cafe uber strasse");
    }

    #[test]
    fn decomposed_unicode_is_normalised() {
        let decomposed = "a\u{30a}tgärd";
        assert_eq!(stems(decomposed), stems("åtgärd"));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_offsets() {
        let text = "Miljö- och hälsoskydd: e-post!";
        let spans: Vec<&str> = word_spans(text).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(spans, vec!["Miljö", "och", "hälsoskydd", "e", "post"]);
        let toks = tokens(text, &Mode::Stem);
        assert_eq!(&text[toks[0].offset_from..toks[0].offset_to], "Miljö");
    }

    #[test]
    fn numbers_and_long_junk_are_handled() {
        assert_eq!(stems("2024 §9"), vec!["2024".to_string(), "9".to_string()]);
        assert!(stems(&"x".repeat(200)).is_empty());
        assert!(stems("").is_empty());
        assert!(stems("!!! ... ---").is_empty());
    }

    #[test]
    fn token_stream_yields_all_tokens() {
        let mut tokenizer = SwedishTokenizer::new(Mode::Stem);
        let mut stream = tokenizer.token_stream("avloppet och slammet");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert_eq!(seen, vec!["avlop", "slam"]);
    }
}
