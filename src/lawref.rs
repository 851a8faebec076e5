//! References to Swedish law (lagrum) in running text: "26 kap. 9 § miljöbalken", "MB 26:9",
//! "26:9 MB", "9 § förordningen (1998:899) om …", "SFS 1998:808", "NFS 2016:17",
//! "FoHMFS 2014:17". Each is normalised to one [`LawRef`] with one key ("MB 26:9"), so any
//! spelling finds the same items, and an act with a stable official address gets its link.
//!
//! A leaf module: plain text in, plain data out. The forum's Markdown rendering links
//! references with it and the search index files items under their keys; it must import
//! neither, nor anything else of the app.

use std::fmt;
use std::sync::OnceLock;

use regex::{Captures, Regex};

/// An act: a statute in SFS or an authority's regulation (föreskrift).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Act {
    /// Short name used in keys ("MB"), or None when the act is known by number only.
    abbr: Option<&'static str>,
    /// Collection and number: "SFS 1998:808", "NFS 2016:17".
    number: String,
    /// The name as a sentence says it, for labels ("miljöbalken").
    name: Option<&'static str>,
    /// Whether its sections are numbered within chapters (26 kap. 9 §).
    chapters: bool,
}

/// Statutes an inspector cites, with the names and abbreviations they are cited by. An SFS
/// number that is not here is still recognised, keyed by its number.
const KNOWN_ACTS: &[(&str, &str, &str, &[&str], bool)] = &[
    // (abbreviation, SFS number, name, forms of the name as written in text, has chapters)
    (
        "MB",
        "1998:808",
        "miljöbalken",
        &["miljöbalken", "miljöbalkens", "miljöbalk"],
        true,
    ),
    (
        "FMH",
        "1998:899",
        "förordningen om miljöfarlig verksamhet och hälsoskydd",
        &["förordningen om miljöfarlig verksamhet och hälsoskydd"],
        false,
    ),
    (
        "MPF",
        "2013:251",
        "miljöprövningsförordningen",
        &["miljöprövningsförordningen", "miljöprövningsförordningens"],
        true,
    ),
    (
        "MTF",
        "2011:13",
        "miljötillsynsförordningen",
        &["miljötillsynsförordningen", "miljötillsynsförordningens"],
        false,
    ),
    (
        "AvfF",
        "2020:614",
        "avfallsförordningen",
        &["avfallsförordningen", "avfallsförordningens"],
        true,
    ),
    (
        "PBL",
        "2010:900",
        "plan- och bygglagen",
        &["plan- och bygglagen", "plan- och bygglagens"],
        true,
    ),
    (
        "FL",
        "2017:900",
        "förvaltningslagen",
        &["förvaltningslagen", "förvaltningslagens"],
        false,
    ),
    (
        "OSL",
        "2009:400",
        "offentlighets- och sekretesslagen",
        &["offentlighets- och sekretesslagen"],
        true,
    ),
];

/// Authorities' collections of regulations (författningssamlingar), as written.
const COLLECTIONS: &[&str] = &[
    "NFS", "FoHMFS", "HVMFS", "KIFS", "SJVFS", "SOSFS", "BFS", "MSBFS", "SSMFS", "LIVSFS",
];

/// One reference: an act, and where in it (chapter, section) when given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LawRef {
    /// "MB" for a known act, else its number: "SFS 1998:899", "NFS 2016:17".
    act: String,
    /// The act's number in its collection ("SFS 1998:808"), the official identifier.
    number: String,
    /// The act's name for labels, when known.
    name: Option<&'static str>,
    chapter: Option<String>,
    section: Option<String>,
}

impl LawRef {
    /// The one key every spelling of this reference normalises to: "MB 26:9", "MB 26 kap.",
    /// "FMH 9 §", "MB", "NFS 2016:17 2 §".
    pub fn key(&self) -> String {
        match (&self.chapter, &self.section) {
            (Some(c), Some(s)) => format!("{} {c}:{s}", self.act),
            (Some(c), None) => format!("{} {c} kap.", self.act),
            (None, Some(s)) => format!("{} {s} §", self.act),
            (None, None) => self.act.clone(),
        }
    }

    /// The keys an item citing this reference is filed under: itself, its chapter and its
    /// act, so `lag:MB` lists everything that cites miljöbalken.
    pub fn keys(&self) -> Vec<String> {
        let mut out = vec![self.key()];
        if self.section.is_some() && self.chapter.is_some() {
            out.push(self.broader(true).key());
        }
        if self.section.is_some() || self.chapter.is_some() {
            out.push(self.broader(false).key());
        }
        out
    }

    /// The chapter (`keep_chapter`) or the whole act this reference lies in.
    pub fn broader(&self, keep_chapter: bool) -> LawRef {
        LawRef {
            chapter: if keep_chapter {
                self.chapter.clone()
            } else {
                None
            },
            section: None,
            ..self.clone()
        }
    }

    /// Whether this is a whole act (no chapter, no section).
    pub fn is_act(&self) -> bool {
        self.chapter.is_none() && self.section.is_none()
    }

    /// A Swedish label as a text would say it: "26 kap. 9 § miljöbalken (1998:808)".
    pub fn label(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.chapter {
            out.push_str(&format!("{c} kap. "));
        }
        if let Some(s) = &self.section {
            out.push_str(&format!("{s} § "));
        }
        match self.name {
            Some(name) => {
                let number = self.number.trim_start_matches("SFS ");
                out.push_str(&format!("{name} ({number})"));
            }
            None => out.push_str(&self.number),
        }
        out
    }

    /// The act's official text where it has a stable address: SFS acts in Regeringskansliets
    /// rättsdatabas, by number. Authorities' regulations have no address by number.
    pub fn official_url(&self) -> Option<String> {
        let number = self.number.strip_prefix("SFS ")?;
        Some(format!("https://rkrattsbaser.gov.se/sfst?bet={number}"))
    }
}

impl fmt::Display for LawRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// A reference found in a text, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// What it refers to.
    pub reference: LawRef,
}

/// Texts longer than this are only scanned this far (a reference is found in its first
/// megabyte or not at all; regexes stay linear, but indexing a huge attachment should not
/// pay for a second full pass).
const MAX_SCAN_BYTES: usize = 1024 * 1024;

/// Every reference in `text`, in order, not overlapping.
pub fn find_all(text: &str) -> Vec<Found> {
    let text = &text[..floor(text, MAX_SCAN_BYTES)];
    let mut found: Vec<Found> = Vec::new();
    let anchors = Anchors::of(text);
    for (re, build, needs) in patterns() {
        if !anchors.has(*needs) {
            continue;
        }
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let Some(reference) = build(&caps) else {
                continue;
            };
            if !at_word_edges(text, whole.start(), whole.end()) {
                continue;
            }
            let overlaps = found
                .iter()
                .any(|f| whole.start() < f.end && f.start < whole.end());
            if !overlaps {
                found.push(Found {
                    start: whole.start(),
                    end: whole.end(),
                    reference,
                });
            }
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The reference a whole string spells ("MB 26:9", "26 kap. 9 § miljöbalken", "mb"), for
/// the `lag:` filter and the reference page; None when it spells none.
pub fn parse(text: &str) -> Option<LawRef> {
    let trimmed = text.trim();
    let all = find_all(trimmed);
    if let [one] = all.as_slice() {
        let rest = format!("{}{}", &trimmed[..one.start], &trimmed[one.end..]);
        if rest.chars().all(|c| !c.is_alphanumeric()) {
            return Some(one.reference.clone());
        }
    }
    // An act by itself: "MB", "miljöbalken", "SFS 1998:808" (found above), "NFS 2016:17".
    act_by_name(trimmed).map(|act| reference(act, None, None))
}

/// The web UI's page of a reference: `/lag/MB%2026%3A9`.
pub fn page_path(reference: &LawRef) -> String {
    let mut out = String::from("/lag/");
    for b in reference.key().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Every distinct key the references in `text` are filed under.
pub fn keys_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in find_all(text) {
        for key in f.reference.keys() {
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

fn floor(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A match must not start or end inside a word or number ("1226 kap." is not "26 kap.").
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !joins(before) && !joins(after)
}

type Build = fn(&Captures) -> Option<LawRef>;

/// What every match of a pattern contains, found by one cheap pass over the text, so that
/// the regexes run only on texts that can hold a reference (most posts hold none: without
/// this, indexing spent an eighth of its time in regexes that found nothing).
#[derive(Clone, Copy, Debug)]
enum Anchor {
    /// "§".
    Section,
    /// A digit, maybe a space, then "kap" in any case ("26 kap.", "26kap").
    Chapter,
    /// A digit, ":" and a digit ("26:9", "1998:808").
    Colon,
}

#[derive(Clone, Copy, Default)]
struct Anchors {
    section: bool,
    chapter: bool,
    colon: bool,
}

impl Anchors {
    /// A superset test: `\d` and `\s` in the patterns are Unicode classes, so any numeric
    /// character counts as a digit and any whitespace as the space.
    fn of(text: &str) -> Anchors {
        let mut a = Anchors {
            section: text.contains('§'),
            ..Anchors::default()
        };
        for (i, c) in text.char_indices() {
            if !c.is_numeric() {
                continue;
            }
            let rest = &text[i + c.len_utf8()..];
            let mut next = rest.chars();
            if next.next() == Some(':') && next.next().is_some_and(char::is_numeric) {
                a.colon = true;
            }
            let rest = match rest.chars().next() {
                Some(w) if w.is_whitespace() => &rest[w.len_utf8()..],
                _ => rest,
            };
            if rest.len() >= 3 && rest.as_bytes()[..3].eq_ignore_ascii_case(b"kap") {
                a.chapter = true;
            }
            if a.colon && a.chapter {
                break;
            }
        }
        a
    }

    fn has(self, anchor: Anchor) -> bool {
        match anchor {
            Anchor::Section => self.section,
            Anchor::Chapter => self.chapter,
            Anchor::Colon => self.colon,
        }
    }
}

/// The patterns, most specific first: earlier matches win over later overlapping ones. Each
/// names the [`Anchor`] all its matches contain.
fn patterns() -> &'static [(Regex, Build, Anchor)] {
    static PATTERNS: OnceLock<Vec<(Regex, Build, Anchor)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let act = act_pattern();
        let key = key_pattern();
        let sec = r"(\d{1,3})\s?([a-h])?";
        let kap = r"(\d{1,2})\s?kap(?:itlet|\.)?";
        let compile = |p: String| Regex::new(&format!("(?i){p}")).expect("valid regex");
        vec![
            // 26 kap. 9 § miljöbalken
            (
                compile(format!(r"{kap}\s+{sec}\s?§§?\s+(?:i\s+)?{act}")),
                (|c| located(c, Some(1), Some((2, 3)), 4)) as Build,
                Anchor::Chapter,
            ),
            // 9 § förordningen (1998:899), 9 § FMH
            (
                compile(format!(r"{sec}\s?§§?\s+(?:i\s+)?{act}")),
                |c| located(c, None, Some((1, 2)), 3),
                Anchor::Section,
            ),
            // 26 kap. miljöbalken
            (
                compile(format!(r"{kap}\s+(?:i\s+)?{act}")),
                |c| located(c, Some(1), None, 2),
                Anchor::Chapter,
            ),
            // MB 26:9 (and keys: SFS 2000:1 3:2)
            (
                compile(format!(r"{key}\s?(\d{{1,2}}):(\d{{1,3}})(?:\s?([a-h])\b)?")),
                |c| keyed(c, 1, Some(5), Some((6, 7))),
                Anchor::Colon,
            ),
            // 26:9 MB
            (
                compile(format!(r"(\d{{1,2}}):(\d{{1,3}})\s?([a-h])?\s+{key}")),
                |c| keyed(c, 4, Some(1), Some((2, 3))),
                Anchor::Colon,
            ),
            // keys: MB 26 kap., FMH 9 §
            (
                compile(format!(r"{key}\s+{kap}")),
                |c| keyed(c, 1, Some(5), None),
                Anchor::Chapter,
            ),
            (
                compile(format!(r"{key}\s+{sec}\s?§")),
                |c| keyed(c, 1, None, Some((5, 6))),
                Anchor::Section,
            ),
            // förordningen (1998:901) om …: a whole act by name and number
            (
                compile(
                    r"(?:lagen|förordningen|balken|lag|förordning)\s?\((\d{4}):(\d{1,4})\)"
                        .to_string(),
                ),
                |c| {
                    let act = act_by_number("SFS", c.get(1)?, c.get(2)?)?;
                    Some(reference(act, None, None))
                },
                Anchor::Colon,
            ),
            // SFS 1998:808, NFS 2016:17
            (
                compile(format!(r"({})\s?(\d{{4}}):(\d{{1,4}})", collections())),
                |c| {
                    let act = act_by_number(c.get(1)?.as_str(), c.get(2)?, c.get(3)?)?;
                    Some(reference(act, None, None))
                },
                Anchor::Colon,
            ),
        ]
    })
}

/// "SFS|NFS|FoHMFS|…", for patterns.
fn collections() -> String {
    std::iter::once("SFS")
        .chain(COLLECTIONS.iter().copied())
        .collect::<Vec<_>>()
        .join("|")
}

/// An act as text names it (six groups): "lagen/förordningen (yyyy:n)" (with an optional
/// "om …" title that the match does not include), a known name or abbreviation, or a
/// collection number with or without "SFS".
fn act_pattern() -> String {
    // Longest first: "miljöbalkens" must not lose to its prefix "miljöbalk".
    let mut forms: Vec<&str> = KNOWN_ACTS
        .iter()
        .flat_map(|(_, _, _, forms, _)| forms.iter().copied())
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let names: Vec<String> = forms
        .iter()
        .map(|f| regex::escape(f).replace(' ', r"\s+"))
        .collect();
    format!(
        r"((?:lagen|förordningen|balken|lag|förordning)\s?\((\d{{4}}):(\d{{1,4}})\)|(?:{})(?:\s?\(\d{{4}}:\d{{1,4}}\))?|{}|(?:({})\s?)?(\d{{4}}):(\d{{1,4}}))",
        names.join("|"),
        abbr_alternatives(),
        collections(),
    )
}

/// An act as a key names it (four groups): an abbreviation, or a collection number.
fn key_pattern() -> String {
    format!(
        r"(?:({})|({})\s?(\d{{4}}):(\d{{1,4}}))",
        abbr_alternatives(),
        collections()
    )
}

fn abbr_alternatives() -> String {
    KNOWN_ACTS
        .iter()
        .map(|(abbr, ..)| regex::escape(abbr))
        .collect::<Vec<_>>()
        .join("|")
}

/// "26 kap. 9 § <act>": the chapter group, (section, letter) groups and the act's first
/// group (see [`act_pattern`]). A section without a chapter in an act that has chapters is
/// half a reference ("9 och 10 §§ miljöbalken" after "26 kap."), and is not taken.
fn located(
    c: &Captures,
    chapter: Option<usize>,
    section: Option<(usize, usize)>,
    act: usize,
) -> Option<LawRef> {
    let act = act_of(c, act)?;
    let chapter = chapter.and_then(|g| c.get(g)).map(|m| number(m.as_str()));
    let section = section.and_then(|(n, letter)| section_of(c, n, letter));
    if chapter.is_none() && section.is_some() && act.chapters {
        return None;
    }
    Some(reference(act, chapter, section))
}

/// A reference whose act is spelled as in a key (see [`key_pattern`], groups from `act`).
fn keyed(
    c: &Captures,
    act: usize,
    chapter: Option<usize>,
    section: Option<(usize, usize)>,
) -> Option<LawRef> {
    let act = match c.get(act) {
        Some(abbr) => act_by_name(abbr.as_str())?,
        None => act_by_number(c.get(act + 1)?.as_str(), c.get(act + 2)?, c.get(act + 3)?)?,
    };
    let chapter = match chapter {
        Some(g) => Some(number(c.get(g)?.as_str())),
        None => None,
    };
    let section = section.and_then(|(n, letter)| section_of(c, n, letter));
    Some(reference(act, chapter, section))
}

fn section_of(c: &Captures, n: usize, letter: usize) -> Option<String> {
    let n = number(c.get(n)?.as_str());
    let letter = c.get(letter).map(|m| m.as_str().to_lowercase());
    Some(format!("{n}{}", letter.unwrap_or_default()))
}

/// The act named by the act pattern's six groups starting at `g`.
fn act_of(c: &Captures, g: usize) -> Option<Act> {
    if let (Some(year), Some(n)) = (c.get(g + 1), c.get(g + 2)) {
        return act_by_number("SFS", year, n);
    }
    if let (Some(year), Some(n)) = (c.get(g + 4), c.get(g + 5)) {
        let collection = c.get(g + 3).map_or("SFS", |m| m.as_str());
        return act_by_number(collection, year, n);
    }
    act_by_name(c.get(g)?.as_str())
}

/// A known act by abbreviation or name, in any case ("mb", "Miljöbalken").
fn act_by_name(text: &str) -> Option<Act> {
    // "miljöbalken (1998:808)": the name decides; the number says the same.
    let name = text.split('(').next().unwrap_or(text);
    let squeezed: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = squeezed.to_lowercase();
    KNOWN_ACTS
        .iter()
        .find(|(abbr, _, _, forms, _)| lower == abbr.to_lowercase() || forms.contains(&&*lower))
        .map(known)
}

fn known(act: &(&'static str, &'static str, &'static str, &[&str], bool)) -> Act {
    let &(abbr, number, name, _, chapters) = act;
    Act {
        abbr: Some(abbr),
        number: format!("SFS {number}"),
        name: Some(name),
        chapters,
    }
}

/// A numbered act: the known one when the number is known, else keyed by its number. None
/// for a collection this module does not know.
fn act_by_number(collection: &str, year: regex::Match<'_>, n: regex::Match<'_>) -> Option<Act> {
    let collection = canonical_collection(collection)?;
    let number = format!("{}:{}", year.as_str(), self::number(n.as_str()));
    if collection == "SFS" {
        if let Some(act) = KNOWN_ACTS.iter().find(|(_, n, ..)| *n == number) {
            return Some(known(act));
        }
    }
    Some(Act {
        abbr: None,
        number: format!("{collection} {number}"),
        name: None,
        chapters: false,
    })
}

fn reference(act: Act, chapter: Option<String>, section: Option<String>) -> LawRef {
    LawRef {
        act: act.abbr.map_or_else(|| act.number.clone(), str::to_string),
        number: act.number,
        name: act.name,
        chapter,
        section,
    }
}

/// The collection as it is spelled officially, whatever case it was typed in.
fn canonical_collection(typed: &str) -> Option<&'static str> {
    std::iter::once("SFS")
        .chain(COLLECTIONS.iter().copied())
        .find(|c| c.eq_ignore_ascii_case(typed))
}

/// Strips leading zeros ("09" → "9").
fn number(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
#[path = "lawref_tests.rs"]
mod tests;
