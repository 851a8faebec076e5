//! The search box's syntax: plain words, "quoted phrases", -excluded words and -"phrases",
//! references to law ("26 kap. 9 § miljöbalken", "MB 26:9"), and the operators `tag:`,
//! `nätverk:`, `typ:`, `projekt:`, `löst:` and `lag:`.
//!
//! Owns turning what a user typed into a [`UserQuery`]. Parsing never fails and never
//! panics: anything it does not understand is kept as plain text (which the analyzer may then
//! drop), so a stray quote or `AND (` cannot break a search; what it had to leave out is
//! noted, so the search can say why nothing was searched for. It must not know about tantivy.

use std::collections::HashMap;

use crate::lawref;

/// Input beyond this many bytes is ignored.
pub const MAX_QUERY_BYTES: usize = 1024;
/// At most this many words, phrases and operator values are kept.
pub const MAX_PARTS: usize = 32;
/// A single word or phrase is cut to this many characters.
pub const MAX_PART_CHARS: usize = 200;

/// A parsed search box input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserQuery {
    /// Plain words, in the order typed.
    pub terms: Vec<String>,
    /// Quoted phrases.
    pub phrases: Vec<String>,
    /// Words prefixed with `-`.
    pub excluded: Vec<String>,
    /// Phrases prefixed with `-`.
    pub excluded_phrases: Vec<String>,
    /// `tag:` values, lower-case.
    pub tags: Vec<String>,
    /// `nätverk:` slugs, lower-case.
    pub networks: Vec<String>,
    /// `typ:` values mapped to kind keys (thread, document, attachment, person, meeting).
    pub kinds: Vec<String>,
    /// `projekt:` slugs, lower-case.
    pub projects: Vec<String>,
    /// `löst:ja` / `löst:nej`.
    pub solved: Option<bool>,
    /// `lag:` values as reference keys ("MB 26:9"): items citing them.
    pub laws: Vec<String>,
    /// References to law written as text, as keys: matched like words.
    pub law_terms: Vec<String>,
    /// Operator values that name nothing known (`typ:okänd`, `lag:xyz`): the search then
    /// matches nothing rather than ignoring the filter.
    pub unknown: Vec<Unknown>,
    /// Whether something typed was left out: punctuation, an operator without a value.
    pub ignored_input: bool,
}

/// An operator value that names nothing known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// A `typ:` value.
    Kind(String),
    /// A `lag:` value that is no reference to law.
    Law(String),
}

impl UserQuery {
    /// True when there is nothing to match text against (only operators or nothing at all).
    pub fn has_text(&self) -> bool {
        !self.terms.is_empty() || !self.phrases.is_empty() || !self.law_terms.is_empty()
    }

    /// Whether any operator narrows the search (`tag:`, `typ:`, `löst:`, `lag:`, …).
    pub fn has_operators(&self) -> bool {
        !self.tags.is_empty()
            || !self.networks.is_empty()
            || !self.kinds.is_empty()
            || !self.projects.is_empty()
            || self.solved.is_some()
            || !self.laws.is_empty()
    }

    fn parts(&self) -> usize {
        self.terms.len()
            + self.phrases.len()
            + self.excluded.len()
            + self.excluded_phrases.len()
            + self.tags.len()
            + self.networks.len()
            + self.kinds.len()
            + self.projects.len()
            + self.laws.len()
            + self.law_terms.len()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn clean(s: &str) -> String {
    let joined = s
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>();
    joined.join(" ").chars().take(MAX_PART_CHARS).collect()
}

/// Maps a `typ:` value to a kind key.
pub fn kind_key(value: &str) -> Option<&'static str> {
    Some(match value.to_lowercase().as_str() {
        "tråd" | "trad" | "trådar" | "fråga" | "fraga" | "frågor" | "diskussion" | "thread" => {
            "thread"
        }
        "dokument" | "handläggarstöd" | "document" => "document",
        "bilaga" | "bilagor" | "fil" | "attachment" => "attachment",
        "person" | "personer" | "telefonbok" => "person",
        "möte" | "mote" | "möten" | "meeting" => "meeting",
        _ => return None,
    })
}

enum Operator {
    Tag,
    Network,
    Kind,
    Project,
    Solved,
    Law,
}

fn operator(name: &str) -> Option<Operator> {
    Some(match name.to_lowercase().as_str() {
        "tag" | "taggar" | "område" => Operator::Tag,
        "nätverk" | "natverk" => Operator::Network,
        "typ" | "type" => Operator::Kind,
        "projekt" => Operator::Project,
        "löst" | "lost" | "besvarad" => Operator::Solved,
        "lag" | "lagrum" => Operator::Law,
        _ => return None,
    })
}

/// Parses what the user typed. Never fails.
pub fn parse(input: &str) -> UserQuery {
    let input = truncate_bytes(input, MAX_QUERY_BYTES);
    let chars: Vec<char> = input.chars().collect();
    // References to law, by the char they start at: (char after the end, key).
    let refs = law_references(input);
    let mut q = UserQuery::default();
    let mut i = 0;
    while i < chars.len() && q.parts() < MAX_PARTS {
        if is_space(chars[i]) {
            i += 1;
            continue;
        }
        // "(MB 26:9)": a bracket before a reference is only punctuation.
        let opens = !chars[i].is_alphanumeric() && chars[i] != '-' && !is_quote(chars[i]);
        if opens && refs.contains_key(&(i + 1)) {
            i += 1;
        }
        if let Some((end, key)) = refs.get(&i) {
            push_unique(&mut q.law_terms, key.clone());
            i = *end;
            continue;
        }
        let negated = chars[i] == '-' && i + 1 < chars.len() && !is_space(chars[i + 1]);
        if negated {
            i += 1;
        }
        if is_quote(chars[i]) {
            let (text, closed, next) = read_quoted(&chars, i);
            i = next;
            let text = clean(&text);
            if text.is_empty() {
                q.ignored_input = true;
                continue;
            }
            match (closed, negated) {
                (true, true) => q.excluded_phrases.push(text),
                // A quoted reference is the reference, however it is spelled.
                (true, false) => match lawref::parse(&text) {
                    Some(r) if !r.is_act() => push_unique(&mut q.law_terms, r.key()),
                    _ => q.phrases.push(text),
                },
                // An unbalanced quote is just text.
                (false, true) => q.excluded.extend(text.split(' ').map(str::to_string)),
                (false, false) => q.terms.extend(text.split(' ').map(str::to_string)),
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !is_space(chars[i]) && !(i > start && chars[i] == ':') {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if i < chars.len() && chars[i] == ':' {
            if let Some(op) = operator(&word) {
                i += 1;
                let value = if let Some((end, key)) = refs.get(&i) {
                    // lag:MB 26:9 without quotes: the whole reference.
                    let value = key.clone();
                    i = *end;
                    value
                } else if i < chars.len() && is_quote(chars[i]) {
                    let (text, _, next) = read_quoted(&chars, i);
                    i = next;
                    text
                } else {
                    let from = i;
                    while i < chars.len() && !is_space(chars[i]) {
                        i += 1;
                    }
                    chars[from..i].iter().collect()
                };
                // A negated operator ("-tag:x") is not supported and is dropped.
                if negated {
                    q.ignored_input = true;
                } else {
                    apply_operator(&mut q, op, &clean(&value));
                }
                continue;
            }
            // Not an operator: the colon and what follows are part of the word.
            while i < chars.len() && !is_space(chars[i]) {
                i += 1;
            }
        }
        let word = clean(&chars[start..i].iter().collect::<String>());
        // Punctuation-only words ("-", ":", "(") would analyse to nothing anyway.
        if !word.chars().any(char::is_alphanumeric) {
            q.ignored_input = true;
            continue;
        }
        if negated {
            q.excluded.push(word);
        } else {
            q.terms.push(word);
        }
    }
    q
}

/// The references to law in `input`, by the index of the char each starts at, with the
/// index of the char after it and its key.
fn law_references(input: &str) -> HashMap<usize, (usize, String)> {
    let found = lawref::find_all(input);
    if found.is_empty() {
        return HashMap::new();
    }
    let char_at: HashMap<usize, usize> = input
        .char_indices()
        .enumerate()
        .map(|(n, (byte, _))| (byte, n))
        .chain(std::iter::once((input.len(), input.chars().count())))
        .collect();
    found
        .into_iter()
        .filter_map(|f| {
            let start = *char_at.get(&f.start)?;
            let end = *char_at.get(&f.end)?;
            Some((start, (end, f.reference.key())))
        })
        .collect()
}

fn push_unique(list: &mut Vec<String>, v: String) {
    if !list.contains(&v) {
        list.push(v);
    }
}

/// Reads a quoted run starting at the quote at `open`: (text, closed, index after it).
fn read_quoted(chars: &[char], open: usize) -> (String, bool, usize) {
    let mut j = open + 1;
    while j < chars.len() && !is_quote(chars[j]) {
        j += 1;
    }
    let text: String = chars[open + 1..j].iter().collect();
    if j < chars.len() {
        (text, true, j + 1)
    } else {
        (text, false, j)
    }
}

fn apply_operator(q: &mut UserQuery, op: Operator, value: &str) {
    if value.is_empty() {
        q.ignored_input = true;
        return;
    }
    let lower = value.to_lowercase();
    match op {
        Operator::Tag => push_unique(&mut q.tags, lower),
        Operator::Network => push_unique(&mut q.networks, lower),
        Operator::Project => push_unique(&mut q.projects, lower),
        Operator::Kind => match kind_key(&lower) {
            Some(kind) => push_unique(&mut q.kinds, kind.to_string()),
            None => q.unknown.push(Unknown::Kind(value.to_string())),
        },
        Operator::Solved => {
            q.solved = match lower.as_str() {
                "ja" | "j" | "yes" | "true" | "1" => Some(true),
                "nej" | "n" | "no" | "false" | "0" => Some(false),
                _ => {
                    q.ignored_input = true;
                    q.solved
                }
            }
        }
        Operator::Law => match lawref::parse(value) {
            Some(r) => push_unique(&mut q.laws, r.key()),
            None => q.unknown.push(Unknown::Law(value.to_string())),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn plain_terms_phrases_and_exclusions() {
        let q = parse(r#"slam "enskilda avlopp" -markbädd -"små avlopp" e-post"#);
        assert_eq!(q.terms, s(&["slam", "e-post"]));
        assert_eq!(q.phrases, s(&["enskilda avlopp"]));
        assert_eq!(q.excluded, s(&["markbädd"]));
        assert_eq!(q.excluded_phrases, s(&["små avlopp"]));
        assert!(q.has_text());
    }

    #[test]
    fn operators() {
        let q = parse(
            r#"tag:Lantbruk tag:"Små avlopp" nätverk:Avlopp natverk:vatten typ:tråd typ:bilaga projekt:p-2024 löst:ja"#,
        );
        assert_eq!(q.tags, s(&["lantbruk", "små avlopp"]));
        assert_eq!(q.networks, s(&["avlopp", "vatten"]));
        assert_eq!(q.kinds, s(&["thread", "attachment"]));
        assert_eq!(q.projects, s(&["p-2024"]));
        assert_eq!(q.solved, Some(true));
        assert!(!q.has_text());
        assert_eq!(parse("löst:nej").solved, Some(false));
        for (typ, key) in [
            ("fråga", "thread"),
            ("dokument", "document"),
            ("person", "person"),
            ("möte", "meeting"),
        ] {
            assert_eq!(parse(&format!("typ:{typ}")).kinds, s(&[key]));
        }
    }

    #[test]
    fn unknown_operators_and_junk_are_plain_text() {
        let q = parse("kl:14 http://x.se typ:okänd tag: : - -- AND OR NOT ( ) ^ ~ *");
        assert_eq!(q.terms[0], "kl:14");
        assert_eq!(q.terms[1], "http://x.se");
        assert!(q.kinds.is_empty() && q.tags.is_empty());
        assert!(q.terms.contains(&"AND".to_string()));
        assert!(!q.terms.iter().any(|t| t == ":" || t == "-" || t == "("));
        assert!(q.excluded.is_empty());
        let q = parse("-tag:lantbruk -slam");
        assert!(q.tags.is_empty());
        assert_eq!(q.excluded, s(&["slam"]));
    }

    #[test]
    fn references_to_law_are_one_term_however_spelled() {
        for text in [
            "26 kap. 9 § miljöbalken",
            "MB 26:9",
            "26:9 MB",
            "\"26 kap. 9 § MB\"",
            "(MB 26:9)",
        ] {
            let q = parse(text);
            assert_eq!(q.law_terms, s(&["MB 26:9"]), "{text}: {q:?}");
            assert!(q.terms.is_empty() && q.phrases.is_empty(), "{text}: {q:?}");
        }
        let q = parse("föreläggande enligt 26 kap. 9 § miljöbalken om fosforfälla");
        assert_eq!(q.terms, s(&["föreläggande", "enligt", "om", "fosforfälla"]));
        assert_eq!(q.law_terms, s(&["MB 26:9"]));
        for text in [
            "lag:\"MB 26:9\"",
            "lag:\"26 kap. 9 § miljöbalken\"",
            "lag:MB 26:9",
        ] {
            let q = parse(text);
            assert_eq!(q.laws, s(&["MB 26:9"]), "{text}: {q:?}");
            assert!(!q.has_text() && q.has_operators(), "{text}: {q:?}");
        }
        assert_eq!(parse("lag:miljöbalken").laws, s(&["MB"]));
        assert_eq!(parse("lag:NFS 2016:17").laws, s(&["NFS 2016:17"]));
        assert_eq!(
            parse("lag:hallonsylt").unknown,
            vec![Unknown::Law("hallonsylt".to_string())]
        );
    }

    #[test]
    fn left_out_input_and_unknown_values_are_noted() {
        for text in ["-", "tag:", "((", "löst:kanske", "-tag:lantbruk", "\"\""] {
            let q = parse(text);
            assert!(q.ignored_input, "{text}: {q:?}");
            assert!(!q.has_text() && !q.has_operators(), "{text}: {q:?}");
        }
        assert_eq!(
            parse("typ:okänd").unknown,
            vec![Unknown::Kind("okänd".to_string())]
        );
        assert!(!parse("avlopp tag:lantbruk").ignored_input);
    }

    #[test]
    fn unbalanced_quotes_are_words() {
        let q = parse(r#"avlopp "slam i brunn"#);
        assert_eq!(q.terms, s(&["avlopp", "slam", "i", "brunn"]));
        assert!(q.phrases.is_empty());
        assert_eq!(parse("\"").terms.len(), 0);
        assert_eq!(parse("\"\"").phrases.len(), 0);
        let q = parse("”små avlopp” tag:”Små avlopp”");
        assert_eq!(q.phrases, s(&["små avlopp"]));
        assert_eq!(q.tags, s(&["små avlopp"]));
    }

    #[test]
    fn control_characters_separate_words() {
        let q = parse("slam\u{0}brunn\tavlopp\u{7}x");
        assert_eq!(q.terms, s(&["slam", "brunn", "avlopp", "x"]));
    }

    #[test]
    fn long_input_is_bounded() {
        let q = parse(&"å".repeat(10_000));
        assert_eq!(q.terms.len(), 1);
        assert!(q.terms[0].chars().count() <= MAX_PART_CHARS);
        let q = parse(&"ord ".repeat(5_000));
        assert!(q.terms.len() <= MAX_PARTS);
    }

    /// A tiny deterministic PRNG (xorshift64*) so the garbage test needs no extra crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    pub(crate) fn garbage(rng_seed: u64, count: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "\"",
            "-",
            ":",
            "tag:",
            "typ:",
            "nätverk:",
            "löst:",
            "projekt:",
            " ",
            "\t",
            "\u{0}",
            "AND",
            "OR",
            "NOT",
            "(",
            ")",
            "^",
            "~",
            "*",
            "å",
            "ä",
            "ö",
            "avlopp",
            "”",
            "«",
            "\u{301}",
            "\u{200d}",
            "🦀",
            "\u{ffff}",
            "\\",
            "/",
            "'",
            "-\"",
            "a\u{30a}",
            "\u{200b}",
        ];
        let mut rng = Rng(rng_seed);
        (0..count)
            .map(|_| {
                let len = rng.below(40);
                let mut s = String::new();
                for _ in 0..len {
                    if rng.below(4) == 0 {
                        let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('?');
                        s.push(c);
                    } else {
                        s.push_str(PIECES[rng.below(PIECES.len())]);
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn thousands_of_garbage_inputs_never_panic() {
        for input in garbage(0x5EED_CAFE, 5_000) {
            let q = parse(&input);
            assert!(q.parts() <= MAX_PARTS);
            for t in q.terms.iter().chain(&q.phrases) {
                assert!(!t.is_empty());
            }
        }
    }
}
