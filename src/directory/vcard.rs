//! The phone book as vCards (RFC 6350 version 4.0, or 3.0 for older address books): one card
//! per person with FN, N, ORG (organisation; unit), TITLE, ROLE, TEL (work and cell, E.164),
//! EMAIL, CATEGORIES (areas) and REV. Lines end in CRLF and are folded at 75 octets; text is
//! escaped.

use chrono::TimeZone;

use crate::directory::people::Person;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V4,
    V3,
}

impl Version {
    /// "3", "3.0" → 3.0; anything else → 4.0.
    pub fn parse(s: Option<&str>) -> Version {
        match s.map(str::trim) {
            Some("3") | Some("3.0") => Version::V3,
            _ => Version::V4,
        }
    }
}

/// Escapes a text value: backslash, comma, semicolon and newlines.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it in CRLF.
pub fn fold_line(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// "Lars-Göran Bengtsson" → ("Bengtsson", "Lars-Göran").
fn split_name(name: &str) -> (String, String) {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match parts.split_last() {
        Some((last, first)) if !first.is_empty() => (last.to_string(), first.join(" ")),
        Some((only, _)) => (only.to_string(), String::new()),
        None => (String::new(), String::new()),
    }
}

fn timestamp(ms: i64, v: Version) -> String {
    let t = chrono::Utc
        .timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default();
    match v {
        Version::V4 => t.format("%Y%m%dT%H%M%SZ").to_string(),
        Version::V3 => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// One card.
pub fn card(p: &Person, v: Version, out: &mut String) {
    let mut line = |s: String| fold_line(&s, out);
    line("BEGIN:VCARD".into());
    line(match v {
        Version::V4 => "VERSION:4.0".into(),
        Version::V3 => "VERSION:3.0".into(),
    });
    if v == Version::V4 {
        line("KIND:individual".into());
    }
    line(format!("FN:{}", escape(&p.name)));
    let (family, given) = split_name(&p.name);
    line(format!("N:{};{};;;", escape(&family), escape(&given)));
    let mut org = escape(&p.organisation.name);
    if let Some(u) = &p.unit {
        org.push(';');
        org.push_str(&escape(&u.name));
    }
    line(format!("ORG:{org}"));
    if !p.title.is_empty() {
        line(format!("TITLE:{}", escape(&p.title)));
    }
    if !p.roles.is_empty() {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
        line(format!("ROLE:{}", escape(&roles.join(", "))));
    }
    let tel = |number: &str, kind: &str| match v {
        Version::V4 => format!("TEL;VALUE=uri;TYPE={kind}:tel:{number}"),
        Version::V3 => format!("TEL;TYPE={}:{number}", kind.to_uppercase()),
    };
    if let Some(n) = &p.direct_phone {
        line(tel(&n.e164(), "work,voice"));
    }
    if let Some(n) = &p.mobile_phone {
        line(tel(&n.e164(), "cell"));
    }
    if let Some(e) = &p.email {
        line(match v {
            Version::V4 => format!("EMAIL;TYPE=work:{}", escape(e)),
            Version::V3 => format!("EMAIL;TYPE=INTERNET,WORK:{}", escape(e)),
        });
    }
    if !p.areas.is_empty() {
        let cats: Vec<String> = p.areas.iter().map(|a| escape(&a.name)).collect();
        line(format!("CATEGORIES:{}", cats.join(",")));
    }
    line(format!("UID:urn:samsyn:person:{}", p.id));
    line(format!("REV:{}", timestamp(p.updated_at, v)));
    line("END:VCARD".into());
}

/// All cards, one per person.
pub fn cards(people: &[Person], v: Version) -> String {
    let mut out = String::new();
    for p in people {
        card(p, v, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Skolor, förskolor; vård\\x\nny"),
            "Skolor\\, förskolor\\; vård\\\\x\\nny"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let long = format!("NOTE:{}", "ö".repeat(60));
        fold_line(&long, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn names_split_into_family_and_given() {
        assert_eq!(
            split_name("Lars-Göran Bengtsson"),
            ("Bengtsson".into(), "Lars-Göran".into())
        );
        assert_eq!(
            split_name("Anna Maria Ek"),
            ("Ek".into(), "Anna Maria".into())
        );
        assert_eq!(split_name("Cher"), ("Cher".into(), String::new()));
    }
}
