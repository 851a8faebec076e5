//! Swedish text analysis for the search index: the three tokenizers registered on the
//! tantivy index (stemmed, folded, compound parts) and the query-side analysis that produces
//! the same terms.
//!
//! Owns what a text becomes as terms. What one word becomes is `words`'s; compound
//! splitting is `compound`'s (used here, never the other way round). It must not know about
//! the schema, the database, synonyms or how queries are scored.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

use crate::search::compound::{self, Vocabulary};
use crate::search::words::{
    fold, fold_stem_word, is_stop_word, normalize_word, stem_word, word_spans, MAX_WORD_CHARS,
};

/// Tokenizer: lower-case, stop words, Swedish stemming with our fixes.
pub const SV_STEM: &str = "sv_stem";
/// Tokenizer: like [`SV_STEM`] with diacritics folded before and after stemming.
pub const SV_FOLD: &str = "sv_fold";
/// Tokenizer: the word's stem plus the stems of its compound parts (index side only).
pub const SV_COMPOUND: &str = "sv_compound";

/// Bump whenever any analysis output changes: a stored index built with another version is
/// wiped and rebuilt on open.
pub const ANALYZER_VERSION: u32 = 3;

/// Which analysis a token stream applies; the compound mode carries the vocabulary it splits
/// against.
#[derive(Clone)]
pub enum Mode {
    /// Lower-case, stop words, stemming with fixes.
    Stem,
    /// As `Stem`, with diacritics folded before and after stemming.
    Fold,
    /// Stems of the word's compound parts and of adjacent part runs, each also folded,
    /// only: the whole word is in the stemmed and folded fields, and leaving it out here
    /// keeps this field's postings to the documents only a part match finds (cheaper).
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
                    .map(|set| compound::part_stems(set, &word))
                    .unwrap_or_default();
                let whole = fold(&stem);
                for part in parts {
                    // Folded too, so "forskola" finds the part of "förskolegården".
                    let folded = fold(&part).into_owned();
                    if folded != part && folded != whole {
                        push(folded);
                    }
                    if part != stem {
                        push(part);
                    }
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
