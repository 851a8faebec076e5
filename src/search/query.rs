//! The search box's syntax: plain words, "quoted phrases", -excluded words and -"phrases",
//! and the operators `tag:`, `nätverk:`, `typ:`, `projekt:` and `löst:`.
//!
//! Owns turning what a user typed into a [`UserQuery`]. Parsing never fails and never
//! panics: anything it does not understand is kept as plain text (which the analyzer may then
//! drop), so a stray quote or `AND (` cannot break a search. It must not know about tantivy.

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
}

impl UserQuery {
    /// True when there is nothing to match text against (only operators or nothing at all).
    pub fn has_text(&self) -> bool {
        !self.terms.is_empty() || !self.phrases.is_empty()
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
}

fn operator(name: &str) -> Option<Operator> {
    Some(match name.to_lowercase().as_str() {
        "tag" | "taggar" | "område" => Operator::Tag,
        "nätverk" | "natverk" => Operator::Network,
        "typ" | "type" => Operator::Kind,
        "projekt" => Operator::Project,
        "löst" | "lost" | "besvarad" => Operator::Solved,
        _ => return None,
    })
}

/// Parses what the user typed. Never fails.
pub fn parse(input: &str) -> UserQuery {
    let input = truncate_bytes(input, MAX_QUERY_BYTES);
    let chars: Vec<char> = input.chars().collect();
    let mut q = UserQuery::default();
    let mut i = 0;
    while i < chars.len() && q.parts() < MAX_PARTS {
        if is_space(chars[i]) {
            i += 1;
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
                continue;
            }
            match (closed, negated) {
                (true, true) => q.excluded_phrases.push(text),
                (true, false) => q.phrases.push(text),
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
                let value = if i < chars.len() && is_quote(chars[i]) {
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
                if !negated {
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
        return;
    }
    let lower = value.to_lowercase();
    let push = |list: &mut Vec<String>, v: String| {
        if !list.contains(&v) {
            list.push(v);
        }
    };
    match op {
        Operator::Tag => push(&mut q.tags, lower),
        Operator::Network => push(&mut q.networks, lower),
        Operator::Project => push(&mut q.projects, lower),
        Operator::Kind => {
            if let Some(kind) = kind_key(&lower) {
                push(&mut q.kinds, kind.to_string());
            }
        }
        Operator::Solved => {
            q.solved = match lower.as_str() {
                "ja" | "j" | "yes" | "true" | "1" => Some(true),
                "nej" | "n" | "no" | "false" | "0" => Some(false),
                _ => q.solved,
            }
        }
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
