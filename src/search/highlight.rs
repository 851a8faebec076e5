//! Highlighting: HTML-escaped titles and snippets with `<mark>` around the words a query
//! matched, judged with the same analysis as the index (folded stems, compound parts, and
//! fuzzy matches when the search fell back to typo tolerance).
//!
//! Owns only presentation of a hit's stored text. Everything it returns is escaped, so
//! stored text such as `<script>` can never reach a page as markup.

use std::collections::HashSet;

use crate::lawref;
use crate::search::words::{fold, fold_stem_word, normalize_word, word_spans};

/// Target snippet length in bytes (about two lines).
pub const SNIPPET_BYTES: usize = 240;
/// Context kept before the first match of a snippet.
const LEAD_BYTES: usize = 50;
/// Only this much of a body is scanned for matches.
const SCAN_BYTES: usize = 256 * 1024;
/// Shortest query stem that also matches inside longer words (compound parts).
const MIN_INNER: usize = 4;
/// How far past the first match a snippet looks for a denser window.
const SNIPPET_SEARCH_BYTES: usize = 4 * SNIPPET_BYTES;

/// Lower-cases and folds a word of plain Latin letters into `out`, exactly as
/// `fold(&normalize_word(word))` would; false (with `out` unspecified) for anything else.
fn fold_lower_into(word: &str, out: &mut String) -> bool {
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let folded = match c {
            'å' | 'Å' | 'ä' | 'Ä' | 'à' | 'À' | 'á' | 'Á' | 'â' | 'Â' => 'a',
            'ö' | 'Ö' | 'ø' | 'Ø' | 'ó' | 'Ó' | 'ò' | 'Ò' | 'ô' | 'Ô' => 'o',
            'é' | 'É' | 'è' | 'È' | 'ê' | 'Ê' | 'ë' | 'Ë' => 'e',
            'ü' | 'Ü' | 'ú' | 'Ú' | 'ù' | 'Ù' | 'û' | 'Û' => 'u',
            'í' | 'Í' | 'ì' | 'Ì' | 'î' | 'Î' | 'ï' | 'Ï' => 'i',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'æ' | 'Æ' => {
                out.push_str("ae");
                continue;
            }
            _ => return false,
        };
        out.push(folded);
    }
    true
}

/// Decides which words of a text a query matched.
#[derive(Clone, Debug, Default)]
pub struct Highlighter {
    stems: HashSet<String>,
    /// Stems long enough to match inside longer words (compound parts).
    inner: Vec<String>,
    /// (folded stem, allowed edit distance) for typo-tolerant matches.
    fuzzy: Vec<(Vec<char>, usize)>,
    prefixes: Vec<String>,
    /// Keys of references to law to mark ("MB 26:9"), however the text spells them.
    laws: Vec<String>,
}

impl Highlighter {
    /// A highlighter for these folded stems; `fuzzy` adds (stem, distance) pairs.
    pub fn new(stems: impl IntoIterator<Item = String>, fuzzy: Vec<(String, usize)>) -> Self {
        let stems: HashSet<String> = stems.into_iter().filter(|s| !s.is_empty()).collect();
        let prefixes = stems.iter().map(|s| s.chars().take(3).collect()).collect();
        let inner = stems
            .iter()
            .filter(|s| s.chars().count() >= MIN_INNER)
            .cloned()
            .collect();
        let fuzzy = fuzzy
            .into_iter()
            .filter(|(s, _)| !s.is_empty())
            .map(|(s, d)| (s.chars().collect(), d))
            .collect();
        Highlighter {
            stems,
            inner,
            fuzzy,
            prefixes,
            laws: Vec::new(),
        }
    }

    /// Also marks references to law filed under any of these keys.
    pub fn with_laws(mut self, keys: Vec<String>) -> Self {
        self.laws = keys;
        self
    }

    /// Whether nothing can match.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.fuzzy.is_empty() && self.laws.is_empty()
    }

    /// Whether the query matched this word (as written in the text).
    pub fn matches(&self, raw: &str) -> bool {
        self.matches_with(raw, &mut String::new())
    }

    /// [`Self::matches`] with a scratch buffer, so scanning a long text allocates only for
    /// the few words that may match. Words of plain Latin letters are folded in the buffer;
    /// anything else takes the full Unicode path.
    fn matches_with(&self, raw: &str, buf: &mut String) -> bool {
        buf.clear();
        if !fold_lower_into(raw, buf) {
            let norm = normalize_word(raw);
            buf.clear();
            buf.push_str(&fold(&norm));
        }
        let folded = buf.as_str();
        let maybe_stem = self.prefixes.iter().any(|p| folded.starts_with(p.as_str()));
        if maybe_stem && self.stems.contains(&fold_stem_word(&normalize_word(raw))) {
            return true;
        }
        if self.inner.iter().any(|s| folded.contains(s.as_str())) {
            return true;
        }
        // A stem keeps the word's first letter, so a near spelling must share it.
        let first = folded.chars().next();
        if !self
            .fuzzy
            .iter()
            .any(|(term, _)| term.first() == first.as_ref())
        {
            return false;
        }
        let stem: Vec<char> = fold_stem_word(&normalize_word(raw)).chars().collect();
        self.fuzzy
            .iter()
            .any(|(term, d)| term.first() == stem.first() && within(term, &stem, *d))
    }

    /// Byte ranges of matched words in `text`.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.spans_upto(text, usize::MAX)
    }

    /// Byte ranges of matched words, scanning no further than `after` bytes past the first
    /// match (and never beyond [`SCAN_BYTES`]).
    fn spans_upto(&self, text: &str, after: usize) -> Vec<(usize, usize)> {
        if self.is_empty() {
            return Vec::new();
        }
        let laws = self.law_spans(text);
        let mut buf = String::new();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (a, b) in word_spans(text) {
            if a >= SCAN_BYTES || out.first().is_some_and(|f| a > f.0.saturating_add(after)) {
                break;
            }
            if laws.iter().any(|&(la, lb)| a < lb && la < b) {
                continue;
            }
            if self.matches_with(&text[a..b], &mut buf) {
                out.push((a, b));
            }
        }
        if !laws.is_empty() {
            out.extend(laws);
            out.sort_unstable();
        }
        out
    }

    /// Byte ranges of the references to law in `text` filed under a wanted key.
    fn law_spans(&self, text: &str) -> Vec<(usize, usize)> {
        if self.laws.is_empty() {
            return Vec::new();
        }
        let scanned = &text[..floor_boundary(text, text.len().min(SCAN_BYTES))];
        lawref::find_all(scanned)
            .into_iter()
            .filter(|f| f.reference.keys().iter().any(|k| self.laws.contains(k)))
            .map(|f| (f.start, f.end))
            .collect()
    }

    /// The whole title, escaped, with matches marked.
    pub fn title_html(&self, title: &str) -> String {
        let spans = self.spans(title);
        render(title, 0, title.len(), &spans)
    }

    /// A window of the text around its densest run of matches, escaped, with matches
    /// marked and "…" where it was cut. Without matches, the start of the text.
    pub fn snippet_html(&self, text: &str) -> String {
        // The densest window near the first match: a long thread is not read to its end.
        let spans = self.spans_upto(text, SNIPPET_SEARCH_BYTES);
        let (start, end) = window(text, &spans);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.push_str(&render(text, start, end, &spans));
        if end < text.len() {
            out.push('…');
        }
        out
    }
}

/// Chooses [start, end) of the snippet, on word boundaries.
fn window(text: &str, spans: &[(usize, usize)]) -> (usize, usize) {
    let mut best = (0usize, 0usize);
    for (i, &(a, _)) in spans.iter().enumerate() {
        let count = spans[i..]
            .iter()
            .take_while(|&&(_, b)| b <= a + SNIPPET_BYTES - LEAD_BYTES)
            .count();
        if count > best.1 {
            best = (a, count);
        }
    }
    let anchor = best.0;
    let mut start = floor_boundary(text, anchor.saturating_sub(LEAD_BYTES));
    if start > 0 {
        // Begin at the first whole word after the cut.
        start = word_spans(&text[start..anchor])
            .nth(1)
            .map_or(anchor, |(a, _)| start + a);
    }
    let limit = floor_boundary(text, (start + SNIPPET_BYTES).min(text.len()));
    let mut end = limit;
    if limit < text.len() {
        // End after the last word the limit does not cut through.
        end = word_spans(&text[start..limit])
            .filter(|&(_, b)| start + b < limit)
            .last()
            .map_or(limit, |(_, b)| start + b);
    }
    (start, end)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Escapes text[start..end], wrapping spans in `<mark>`.
fn render(text: &str, start: usize, end: usize, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(end - start + 32);
    let mut at = start;
    for &(a, b) in spans.iter().filter(|&&(a, b)| a >= start && b <= end) {
        escape_into(&mut out, &text[at..a]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[a..b]);
        out.push_str("</mark>");
        at = b;
    }
    escape_into(&mut out, &text[at..end]);
    out
}

/// HTML-escapes text (`& < > " '`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Whether the edit distance (with adjacent transpositions) of a and b is at most `max`.
pub fn within(a: &[char], b: &[char], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    edit_distance(a, b) <= max
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    // Optimal string alignment distance, three rolling rows.
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(words: &[&str]) -> Highlighter {
        Highlighter::new(words.iter().map(|w| fold_stem_word(w)), Vec::new())
    }

    #[test]
    fn marks_inflections_folds_and_compound_parts() {
        let h = hl(&["avlopp", "vattenskydd", "skyddsniva"]);
        assert_eq!(
            h.title_html("Avloppet i vattenskyddsområdet, skyddsnivå"),
            "<mark>Avloppet</mark> i <mark>vattenskyddsområdet</mark>, <mark>skyddsnivå</mark>"
        );
    }

    #[test]
    fn escapes_stored_markup() {
        let h = hl(&["slam"]);
        let html = h.snippet_html("<script>alert('x')</script> & slam");
        assert!(!html.contains("<script>"));
        assert!(html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>slam</mark>"));
        assert_eq!(escape_html("\"<b>\""), "&quot;&lt;b&gt;&quot;");
    }

    #[test]
    fn snippet_centres_on_matches_and_cuts_on_words() {
        let filler = "ord ".repeat(200);
        let text = format!("{filler}här står det om slamavskiljare och slam. {filler}");
        let html = hl(&["slam"]).snippet_html(&text);
        assert!(html.starts_with('…') && html.ends_with('…'));
        assert!(html.contains("<mark>slamavskiljare</mark> och <mark>slam</mark>"));
        assert!(html.len() < SNIPPET_BYTES + 100);
        let plain = hl(&["saknas"]).snippet_html(&text);
        assert!(plain.starts_with("ord ord") && plain.ends_with('…'));
        assert_eq!(hl(&["x"]).snippet_html(""), "");
        assert_eq!(
            hl(&["åäö"]).snippet_html("åäö åäö"),
            "<mark>åäö</mark> <mark>åäö</mark>"
        );
    }

    #[test]
    fn snippets_of_any_text_never_split_characters() {
        let h = Highlighter::new(
            ["slam", "ä", "åtgärd"].map(fold_stem_word),
            vec![(fold_stem_word("avloppet"), 1)],
        );
        let pieces = [
            "å",
            "ä",
            "ö",
            "slam",
            " ",
            "åtgärda",
            "🦀",
            "\u{301}",
            "<",
            "&",
            "x",
            "\n",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for len in 0..600 {
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let html = h.snippet_html(&text);
            assert!(!html.contains('<') || html.contains("<mark>"));
            h.title_html(&text);
        }
    }

    #[test]
    fn the_fast_fold_equals_the_unicode_fold() {
        let words = [
            "Vattenskyddsområdet",
            "ÅÄÖ",
            "åäöÅÄÖ",
            "Øresund",
            "Æbleskiver",
            "Café",
            "naïve",
            "Ñandú",
            "Façade",
            "Müller",
            "OVK-protokollet",
            "A1",
            "à",
        ];
        for word in words {
            let mut fast = String::new();
            assert!(fold_lower_into(word, &mut fast), "{word}");
            assert_eq!(fast, fold(&normalize_word(word)), "{word}");
        }
        let mut buf = String::new();
        for other in ["e\u{301}", "Straße", "İstanbul", "日本", "🦀"] {
            buf.clear();
            assert!(
                !fold_lower_into(other, &mut buf),
                "{other} takes the Unicode path"
            );
        }
        // The Unicode path still marks them.
        assert!(hl(&["strasse"]).matches("Straße"));
        assert!(hl(&["cafe"]).matches("cafe\u{301}"));
    }

    #[test]
    fn fuzzy_terms_mark_near_misses() {
        let h = Highlighter::new(
            Vec::new(),
            vec![(fold_stem_word("kemikalieinspektonen"), 2)],
        );
        assert!(h.matches("Kemikalieinspektionen"));
        assert!(!h.matches("Naturvårdsverket"));
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("avlopp"), &c("avlopp")), 0);
        assert_eq!(edit_distance(&c("avlopp"), &c("avlpop")), 1);
        assert_eq!(edit_distance(&c("slam"), &c("slang")), 2);
        assert!(within(&c("kemikalie"), &c("kemikali"), 1));
        assert!(!within(&c("a"), &c("abcd"), 2));
    }
}
