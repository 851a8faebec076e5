//! Words: what a single word of Swedish text becomes before it is a term. Splitting text
//! into words, NFC normalisation and lower-casing, stop words (negations kept), diacritic
//! folding, and Snowball stemming plus our fixes for inflections Snowball leaves alone.
//!
//! The lowest layer of the analysis: it imports nothing of the search module, so the
//! tokenizers (`analysis`), the compound splitter (`compound`), synonyms and highlighting
//! all build on it without importing each other.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

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
    for c in text.chars() {
        // The letters Swedish text holds, without decomposing (the slow path below).
        let plain = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'Å' | 'Ä' => 'A',
            'Ö' => 'O',
            'É' => 'E',
            _ if c.is_ascii() => c,
            _ => {
                fold_char(c, &mut out);
                continue;
            }
        };
        out.push(plain);
    }
    Cow::Owned(out)
}

/// Folds one character by decomposing it and dropping its combining marks.
fn fold_char(c: char, out: &mut String) {
    for c in std::iter::once(c).nfd() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of Swedish letters folds exactly as decomposing would.
    #[test]
    fn the_fast_letters_fold_as_their_decomposition() {
        for c in '\u{80}'..='\u{24f}' {
            let mut slow = String::new();
            fold_char(c, &mut slow);
            assert_eq!(fold(&c.to_string()), slow, "{c} (U+{:04X})", c as u32);
        }
        assert_eq!(
            fold("Förskolegården på Ødegård"),
            "Forskolegarden pa Odegard"
        );
        assert_eq!(fold("e\u{301}"), "e");
    }
}
