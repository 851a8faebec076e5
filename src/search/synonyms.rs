//! Tag synonyms (tillsynsområden): groups of words and phrases that mean the same subject, so
//! a search for "enskilda avlopp" also finds "små avlopp". The app loads the groups from the
//! tags table; [`Synonyms::glossary`] holds the defaults from GLOSSARY.md.
//!
//! Owns matching query words against the groups on stemmed form. It must not build tantivy
//! queries; `execute` does that from the matches.

use std::sync::OnceLock;

use crate::search::analysis::{analyze, Mode, Term};
use crate::search::words::normalize_word;

/// The default tags and their synonyms (GLOSSARY.md): `tag | synonym, synonym`.
const GLOSSARY: &str = include_str!("glossary.txt");

/// One way of saying a group's subject: its surface text and its stemmed terms.
#[derive(Clone, Debug)]
pub struct Phrase {
    /// As written in the tags table.
    pub surface: String,
    /// Stemmed terms with word positions.
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug)]
struct Group {
    /// Lower-case tag name, as stored in the index's `tags` field.
    tag: String,
    phrases: Vec<Phrase>,
}

/// A run of query words that names a synonym group.
#[derive(Clone, Debug)]
pub struct SynonymMatch<'a> {
    /// Index of the first matched word.
    pub start: usize,
    /// Number of words matched.
    pub len: usize,
    /// Lower-case tag names of the matched groups.
    pub tags: Vec<&'a str>,
    /// Every phrase of the matched groups (the matched one included).
    pub alternatives: Vec<&'a Phrase>,
}

/// Synonym groups, one per tag.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
}

impl Synonyms {
    /// Builds groups from (tag name, synonyms) pairs; the tag name is itself a member.
    pub fn new<T, S, I>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (T, Vec<S>)>,
        T: AsRef<str>,
        S: AsRef<str>,
    {
        let groups = pairs
            .into_iter()
            .filter_map(|(tag, synonyms)| {
                let tag = tag.as_ref().trim();
                let phrases: Vec<Phrase> = std::iter::once(tag)
                    .chain(synonyms.iter().map(|s| s.as_ref().trim()))
                    .filter_map(|surface| {
                        let terms = analyze(surface, &Mode::Stem);
                        (!terms.is_empty()).then(|| Phrase {
                            surface: surface.to_string(),
                            terms,
                        })
                    })
                    .collect();
                (!phrases.is_empty()).then(|| Group {
                    tag: normalize_word(tag),
                    phrases,
                })
            })
            .collect();
        Synonyms { groups }
    }

    /// The default groups from GLOSSARY.md.
    pub fn glossary() -> Self {
        Self::new(GLOSSARY.lines().filter_map(|line| {
            let line = line.split('#').next().unwrap_or_default();
            let (tag, synonyms) = line.split_once('|')?;
            Some((tag.trim(), synonyms.split(',').map(str::trim).collect()))
        }))
    }

    /// The lower-case tag a name or synonym belongs to ("enskilda avlopp" → "små avlopp").
    pub fn canonical_tag(&self, name: &str) -> Option<&str> {
        let stems = stems_of(name);
        self.groups
            .iter()
            .find(|g| g.phrases.iter().any(|p| same_terms(&p.terms, &stems)))
            .map(|g| g.tag.as_str())
    }

    /// Every way of saying what `phrase` says, itself first; just itself when unknown.
    pub fn expand(&self, phrase: &str) -> Vec<String> {
        let stems = stems_of(phrase);
        let mut out = vec![phrase.trim().to_string()];
        for group in &self.groups {
            if group.phrases.iter().any(|p| same_terms(&p.terms, &stems)) {
                for p in &group.phrases {
                    if !out.iter().any(|o| o.eq_ignore_ascii_case(&p.surface)) {
                        out.push(p.surface.clone());
                    }
                }
            }
        }
        out
    }

    /// Finds synonym phrases in a sequence of stemmed query words, longest match first,
    /// left to right, without overlaps.
    pub fn find<'a>(&'a self, words: &[String]) -> Vec<SynonymMatch<'a>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut found: Option<SynonymMatch<'a>> = None;
            for group in &self.groups {
                for (k, phrase) in group.phrases.iter().enumerate() {
                    let len = phrase.terms.len();
                    if i + len > words.len() || !same_terms(&phrase.terms, &words[i..i + len]) {
                        continue;
                    }
                    // The tag's name or a phrase of several words says the whole subject
                    // ("små avlopp", "enskilda avlopp"): every way of saying it matches. One
                    // related word ("fosforfälla") is narrower than its group: it reaches
                    // the documents tagged with the group, not each sibling word in any
                    // text — "fosforfälla" should not turn into every text on "markbädd".
                    let alternatives: Vec<&Phrase> = if k == 0 || len > 1 {
                        group.phrases.iter().collect()
                    } else {
                        vec![phrase]
                    };
                    match &mut found {
                        Some(m) if m.len > len => {}
                        Some(m) if m.len == len => {
                            if !m.tags.contains(&group.tag.as_str()) {
                                m.tags.push(&group.tag);
                                m.alternatives.extend(alternatives);
                            }
                        }
                        _ => {
                            found = Some(SynonymMatch {
                                start: i,
                                len,
                                tags: vec![&group.tag],
                                alternatives,
                            })
                        }
                    }
                }
            }
            match found {
                Some(m) => {
                    i += m.len;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Synonyms of `term` in the default glossary, the term itself first.
pub fn expand_synonyms(term: &str) -> Vec<String> {
    static GLOSSARY_SYNONYMS: OnceLock<Synonyms> = OnceLock::new();
    GLOSSARY_SYNONYMS
        .get_or_init(Synonyms::glossary)
        .expand(term)
}

fn stems_of(text: &str) -> Vec<String> {
    analyze(text, &Mode::Stem)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn same_terms(terms: &[Term], words: &[String]) -> bool {
    terms.len() == words.len() && terms.iter().zip(words).all(|(t, w)| t.text == *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enskilda_avlopp_and_sma_avlopp_are_one_group() {
        let syn = Synonyms::glossary();
        assert_eq!(syn.canonical_tag("enskilda avlopp"), Some("små avlopp"));
        assert_eq!(syn.canonical_tag("Enskilt avlopp"), Some("små avlopp"));
        assert_eq!(syn.canonical_tag("små avlopp"), Some("små avlopp"));
        assert_eq!(syn.canonical_tag("lantbruk"), Some("lantbruk"));
        assert_eq!(syn.canonical_tag("okänt"), None);
        let all = expand_synonyms("enskilda avlopp");
        assert_eq!(all[0], "enskilda avlopp");
        assert!(all.iter().any(|s| s == "Små avlopp"));
        assert!(all.iter().any(|s| s == "markbädd"));
        assert_eq!(
            expand_synonyms("hallonsylt"),
            vec!["hallonsylt".to_string()]
        );
    }

    #[test]
    fn find_matches_runs_of_query_words() {
        let syn = Synonyms::glossary();
        let words = stems_of("slam från enskilda avloppen");
        let found = syn.find(&words);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].len), (1, 2));
        assert_eq!(found[0].tags, vec!["små avlopp"]);
        assert!(found[0]
            .alternatives
            .iter()
            .any(|p| p.surface == "Små avlopp"));
    }

    #[test]
    fn phrases_with_stop_words_keep_offsets() {
        let syn = Synonyms::glossary();
        let words = stems_of("olägenhet för människors hälsa");
        let found = syn.find(&words);
        assert_eq!(found.len(), 1);
        let phrase = found[0]
            .alternatives
            .iter()
            .find(|p| p.surface.starts_with("olägenhet"))
            .unwrap();
        assert_eq!(phrase.terms[1].position, 2);
    }

    #[test]
    fn one_related_word_reaches_its_tag_not_its_siblings() {
        let syn = Synonyms::glossary();
        let surfaces = |q: &str| -> Vec<String> {
            let m = syn.find(&stems_of(q));
            assert_eq!(m.len(), 1, "{q}");
            assert_eq!(m[0].tags, vec!["små avlopp"], "{q}");
            m[0].alternatives
                .iter()
                .map(|p| p.surface.clone())
                .collect()
        };
        assert_eq!(surfaces("fosforfälla"), vec!["fosforfälla"]);
        for whole in ["små avlopp", "enskilda avlopp"] {
            let all = surfaces(whole);
            assert!(all.iter().any(|s| s == "markbädd"), "{whole}: {all:?}");
            assert!(all.iter().any(|s| s == "fosforfälla"), "{whole}: {all:?}");
        }
    }

    #[test]
    fn groups_from_the_database_work_too() {
        let syn = Synonyms::new(vec![("Radon", vec!["radongas", ""])]);
        assert_eq!(syn.canonical_tag("radongas"), Some("radon"));
        assert!(Synonyms::new(Vec::<(&str, Vec<&str>)>::new()).is_empty());
    }
}
