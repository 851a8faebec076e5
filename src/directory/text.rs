//! Text helpers of the phone book: folding for case- and diacritics-insensitive matching
//! ("Hadžić" = "hadzic", "Eksjö" = "eksjo") and Swedish alphabetical order (å, ä, ö after z).
//!
//! Pure functions only; no database.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// Lower-cases and strips diacritics; whitespace runs become one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of a free-text query, folded, at most `max` of them.
pub fn words(s: &str, max: usize) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .take(max)
        .map(str::to_string)
        .collect()
}

/// A LIKE pattern matching `word` anywhere, with `%`, `_` and `\` escaped (use `ESCAPE '\'`).
pub fn like_contains(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// A key that sorts in Swedish order: case-insensitive, å ä ö after z, é as e, ü as y.
pub fn swedish_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            'ü' => 'y' as u32,
            c if c.is_ascii() => c as u32,
            c => {
                // Other accented letters sort as their base letter (é → e, ž → z).
                let base = c.nfd().next().unwrap_or(c);
                base as u32
            }
        })
        .collect()
}

/// Compares two strings in Swedish order, ties broken by the exact text.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    swedish_key(a).cmp(&swedish_key(b)).then_with(|| a.cmp(b))
}

/// Trims a free-text field and checks its length; empty becomes `None`.
pub fn optional_text(
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> crate::error::AppResult<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max || t.chars().any(|c| c.is_control()) {
        return Err(crate::error::AppError::bad_input(
            field,
            format!("Högst {max} tecken, utan radbrytningar."),
        ));
    }
    Ok(Some(t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Amra Hadžić"), "amra hadzic");
        assert_eq!(fold("  Miljö- och   HÄLSOSKYDD "), "miljo- och halsoskydd");
        assert_eq!(fold("Åberg"), "aberg");
        assert_eq!(fold("Små avlopp"), fold("sma AVLOPP"));
    }

    #[test]
    fn query_words_are_folded_and_bounded() {
        assert_eq!(
            words("Små avlopp, Eksjö!", 10),
            vec!["sma", "avlopp", "eksjo"]
        );
        assert_eq!(words("a b c d", 2), vec!["a", "b"]);
        assert!(words(" ,; ", 5).is_empty());
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_contains("50%_x\\"), "%50\\%\\_x\\\\%");
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_last() {
        let mut names = vec![
            "Värnamo",
            "Vetlanda",
            "Örebro",
            "Aneby",
            "Åseda",
            "Ängelholm",
            "Zeta",
        ];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            names,
            vec![
                "Aneby",
                "Vetlanda",
                "Värnamo",
                "Zeta",
                "Åseda",
                "Ängelholm",
                "Örebro"
            ]
        );
        assert!(swedish_cmp("eva", "Eva").is_ne());
        assert!(swedish_cmp("Élise", "Emma").is_lt());
    }

    #[test]
    fn optional_text_trims_and_limits() {
        assert_eq!(
            optional_text("title", Some("  x "), 5).unwrap().as_deref(),
            Some("x")
        );
        assert_eq!(optional_text("title", Some("   "), 5).unwrap(), None);
        let err = optional_text("title", Some("abcdef"), 5).unwrap_err();
        assert_eq!(err.field(), Some("title"));
    }
}
