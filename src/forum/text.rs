//! Validated forum input: small types that cannot hold a bad value. Each `parse` trims,
//! checks and names the input field in its Swedish error.

use crate::error::{AppError, AppResult};

/// Longest post in characters (about 30 printed pages; longer material is a document).
pub const MAX_POST_CHARS: usize = 50_000;
/// Most tags on one thread.
pub const MAX_TAGS: usize = 5;

fn no_control(s: &str) -> bool {
    !s.chars().any(|c| c.is_control())
}

/// A thread title: 3–200 characters on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadTitle(String);

impl ThreadTitle {
    pub fn parse(raw: &str) -> AppResult<ThreadTitle> {
        let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = t.chars().count();
        if !(3..=200).contains(&n) || !no_control(&t) {
            return Err(AppError::bad_input(
                "title",
                "Rubriken måste ha 3–200 tecken.",
            ));
        }
        Ok(ThreadTitle(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Markdown of a post: not blank, at most [`MAX_POST_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody(String);

impl PostBody {
    pub fn parse(raw: &str) -> AppResult<PostBody> {
        let body = raw.trim_end();
        let body = body.trim_start_matches(['\n', '\r']);
        if body.trim().is_empty() {
            return Err(AppError::bad_input("body", "Inlägget får inte vara tomt."));
        }
        if body.chars().count() > MAX_POST_CHARS {
            return Err(AppError::bad_input(
                "body",
                format!("Inlägget får ha högst {MAX_POST_CHARS} tecken."),
            ));
        }
        if body.contains('\0') {
            return Err(AppError::bad_input(
                "body",
                "Inlägget innehåller otillåtna tecken.",
            ));
        }
        Ok(PostBody(body.replace("\r\n", "\n")))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The short summary a moderator writes when promoting a question to the FAQ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqSummary(String);

impl FaqSummary {
    pub fn parse(raw: &str) -> AppResult<FaqSummary> {
        let s = raw.trim();
        let n = s.chars().count();
        if !(10..=1000).contains(&n) || s.contains('\0') {
            return Err(AppError::bad_input(
                "summary",
                "Sammanfattningen måste ha 10–1000 tecken.",
            ));
        }
        Ok(FaqSummary(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A network's name: 2–100 characters on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkName(String);

impl NetworkName {
    pub fn parse(raw: &str) -> AppResult<NetworkName> {
        let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = t.chars().count();
        if !(2..=100).contains(&n) || !no_control(&t) {
            return Err(AppError::bad_input("name", "Namnet måste ha 2–100 tecken."));
        }
        Ok(NetworkName(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A network's slug in addresses: 2–60 of a–z, 0–9 and single dashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkSlug(String);

impl NetworkSlug {
    pub fn parse(raw: &str) -> AppResult<NetworkSlug> {
        let s = raw.trim();
        let ok = (2..=60).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !ok {
            return Err(AppError::bad_input(
                "slug",
                "Kortnamnet får bara innehålla a–z, 0–9 och bindestreck (2–60 tecken).",
            ));
        }
        Ok(NetworkSlug(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A network's description (syfte): at most 4000 characters.
pub fn parse_description(raw: &str) -> AppResult<String> {
    let d = raw.trim();
    if d.chars().count() > 4000 || d.contains('\0') {
        return Err(AppError::bad_input(
            "description",
            "Beskrivningen får ha högst 4000 tecken.",
        ));
    }
    Ok(d.to_string())
}

/// Why a member reports a post to the moderators: 3–1000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportReason(String);

impl ReportReason {
    pub fn parse(raw: &str) -> AppResult<ReportReason> {
        let s = raw.trim();
        let n = s.chars().count();
        if !(3..=1000).contains(&n) || s.contains('\0') {
            return Err(AppError::bad_input(
                "reason",
                "Skriv varför du anmäler inlägget (3–1000 tecken).",
            ));
        }
        Ok(ReportReason(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A moderator's note (why a post was hidden, how a report was handled): at most 1000
/// characters; blank is no note.
pub fn parse_moderator_note(raw: Option<&str>, field: &str) -> AppResult<Option<String>> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if s.chars().count() > 1000 || s.contains('\0') {
        return Err(AppError::bad_input(
            field,
            "Motiveringen får ha högst 1000 tecken.",
        ));
    }
    Ok(Some(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(
            ThreadTitle::parse("  Fosfor  i\tsmå avlopp ")
                .unwrap()
                .as_str(),
            "Fosfor i små avlopp"
        );
        assert!(ThreadTitle::parse("ab").is_err());
        assert!(ThreadTitle::parse(&"x".repeat(201)).is_err());
        assert!(ThreadTitle::parse("  \n ").is_err());
    }

    #[test]
    fn post_bodies_must_have_text_and_fit() {
        assert!(PostBody::parse("   \n\n  ").is_err());
        assert!(PostBody::parse(&"å".repeat(MAX_POST_CHARS + 1)).is_err());
        assert!(PostBody::parse("a\0b").is_err());
        assert_eq!(
            PostBody::parse("\n\n  Hej\r\nsvar\n\n").unwrap().as_str(),
            "  Hej\nsvar"
        );
    }

    #[test]
    fn slugs_are_url_safe() {
        assert!(NetworkSlug::parse("sma-avlopp").is_ok());
        assert!(NetworkSlug::parse("Små avlopp").is_err());
        assert!(NetworkSlug::parse("-a").is_err());
        assert!(NetworkSlug::parse("a--b").is_err());
        assert!(NetworkSlug::parse("a").is_err());
    }

    #[test]
    fn faq_summary_and_names_are_bounded() {
        assert!(FaqSummary::parse("kort").is_err());
        assert!(FaqSummary::parse("Kräv hög skyddsnivå nära övergödda sjöar.").is_ok());
        assert!(NetworkName::parse("A").is_err());
        assert!(NetworkName::parse("Små avlopp").is_ok());
        assert!(parse_description(&"x".repeat(4001)).is_err());
    }

    #[test]
    fn report_reasons_and_moderator_notes_are_bounded() {
        assert!(ReportReason::parse("  a ").is_err());
        assert!(ReportReason::parse(&"x".repeat(1001)).is_err());
        assert_eq!(
            ReportReason::parse(" Personuppgifter i inlägget ")
                .unwrap()
                .as_str(),
            "Personuppgifter i inlägget"
        );
        assert_eq!(parse_moderator_note(Some("   "), "note").unwrap(), None);
        assert_eq!(parse_moderator_note(None, "note").unwrap(), None);
        let err = parse_moderator_note(Some(&"x".repeat(1001)), "reason").unwrap_err();
        assert_eq!(err.field(), Some("reason"));
    }
}
