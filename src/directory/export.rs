//! The phone book as a spreadsheet: the CSV columns shared by export and import, and the
//! Excel-friendly export (UTF-8 with BOM, semicolons, CRLF, phones in E.164).
//!
//! Cells that a spreadsheet would run as a formula (starting with = + - @) get a leading
//! apostrophe, which import removes again, so a round trip is lossless. Phone cells are
//! exempt: they are E.164 digits behind a plus, never a formula.

use chrono::TimeZone;

use crate::directory::{people::Person, text::fold};

/// A column of the phone-book CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    FirstName,
    LastName,
    Title,
    Organisation,
    Unit,
    DirectPhone,
    MobilePhone,
    Email,
    Areas,
    Roles,
    Verified,
}

impl Column {
    /// The field name used in import reports and errors (as the API names the field).
    pub fn field(self) -> &'static str {
        match self {
            Column::Name | Column::FirstName | Column::LastName => "name",
            Column::Title => "title",
            Column::Organisation => "organisation",
            Column::Unit => "unit",
            Column::DirectPhone => "directPhone",
            Column::MobilePhone => "mobilePhone",
            Column::Email => "email",
            Column::Areas => "areas",
            Column::Roles => "roles",
            Column::Verified => "verifiedAt",
        }
    }

    /// Recognises a header as Excel users write it, in Swedish or English.
    pub fn from_header(header: &str) -> Option<Column> {
        let h = fold(header.trim_start_matches('\u{feff}'));
        let h = h.trim_matches(|c: char| !c.is_alphanumeric());
        Some(match h {
            "namn" | "name" | "fullstandigt namn" | "full name" | "person" => Column::Name,
            "fornamn" | "first name" | "given name" => Column::FirstName,
            "efternamn" | "last name" | "family name" | "surname" => Column::LastName,
            "befattning" | "titel" | "title" | "yrkestitel" | "tjanst" => Column::Title,
            "organisation" | "organization" | "kommun" | "myndighet" | "arbetsgivare" => {
                Column::Organisation
            }
            "enhet" | "forvaltning" | "avdelning" | "unit" => Column::Unit,
            "telefon" | "direkttelefon" | "direktnummer" | "tel" | "telefonnummer" | "phone"
            | "direct phone" | "arbete" | "telefon arbete" => Column::DirectPhone,
            "mobil" | "mobiltelefon" | "mobilnummer" | "mobile" | "mobile phone" => {
                Column::MobilePhone
            }
            "e-post" | "epost" | "e-postadress" | "epostadress" | "email" | "e-mail" | "mejl"
            | "mail" => Column::Email,
            "ansvarsomraden" | "ansvarsomrade" | "tillsynsomraden" | "omraden" | "areas" => {
                Column::Areas
            }
            "roller" | "roll" | "roles" | "role" => Column::Roles,
            "senast kontrollerad" | "last verified" => Column::Verified,
            _ => return None,
        })
    }
}

/// The export's columns, in order, with their Swedish headers.
pub const EXPORT_COLUMNS: &[(Column, &str)] = &[
    (Column::Name, "Namn"),
    (Column::Title, "Befattning"),
    (Column::Organisation, "Organisation"),
    (Column::Unit, "Enhet"),
    (Column::DirectPhone, "Telefon"),
    (Column::MobilePhone, "Mobil"),
    (Column::Email, "E-post"),
    (Column::Areas, "Ansvarsområden"),
    (Column::Roles, "Roller"),
    (Column::Verified, "Senast kontrollerad"),
];

/// Separator between several areas or roles in one cell (tag names may contain commas).
pub const LIST_SEPARATOR: &str = "; ";

/// Prefixes an apostrophe to text a spreadsheet would take for a formula.
pub fn formula_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Undoes [`formula_safe`].
pub fn strip_formula_guard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

/// A date as Swedes write it, in Swedish time: "2026-11-27".
pub fn swedish_date(ms: i64) -> String {
    chrono_tz::Europe::Stockholm
        .timestamp_millis_opt(ms)
        .single()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The value of one column for a person.
pub fn cell(p: &Person, c: Column) -> String {
    match c {
        Column::Name => formula_safe(&p.name),
        Column::FirstName | Column::LastName => String::new(),
        Column::Title => formula_safe(&p.title),
        Column::Organisation => formula_safe(&p.organisation.name),
        Column::Unit => p
            .unit
            .as_ref()
            .map(|u| formula_safe(&u.name))
            .unwrap_or_default(),
        Column::DirectPhone => p
            .direct_phone
            .as_ref()
            .map(|n| n.e164())
            .unwrap_or_default(),
        Column::MobilePhone => p
            .mobile_phone
            .as_ref()
            .map(|n| n.e164())
            .unwrap_or_default(),
        Column::Email => p.email.clone().unwrap_or_default(),
        Column::Areas => formula_safe(&p.area_names().join(LIST_SEPARATOR)),
        Column::Roles => p
            .roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        Column::Verified => p.verified_at.map(swedish_date).unwrap_or_default(),
    }
}

/// The CSV as Excel opens it directly: UTF-8 with BOM, semicolons, CRLF.
pub fn csv(people: &[Person]) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(EXPORT_COLUMNS.iter().map(|(_, h)| *h));
        for p in people {
            let _ = w.write_record(EXPORT_COLUMNS.iter().map(|(c, _)| cell(p, *c)));
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_swedish_and_english() {
        assert_eq!(Column::from_header("Namn"), Some(Column::Name));
        assert_eq!(Column::from_header("\u{feff}NAMN"), Some(Column::Name));
        assert_eq!(Column::from_header("E-post"), Some(Column::Email));
        assert_eq!(
            Column::from_header("Mobiltelefon"),
            Some(Column::MobilePhone)
        );
        assert_eq!(Column::from_header("Ansvarsområden"), Some(Column::Areas));
        assert_eq!(Column::from_header("Förnamn"), Some(Column::FirstName));
        assert_eq!(Column::from_header("email"), Some(Column::Email));
        assert_eq!(Column::from_header("Skostorlek"), None);
        for (c, h) in EXPORT_COLUMNS {
            assert_eq!(Column::from_header(h), Some(*c), "{h}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        assert_eq!(formula_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(formula_safe("Anna"), "Anna");
        assert_eq!(strip_formula_guard("'=1+1"), "=1+1");
        assert_eq!(strip_formula_guard("'t Hooft"), "'t Hooft");
        for s in ["-x", "@y", "+z", "plain"] {
            assert_eq!(strip_formula_guard(&formula_safe(s)), s);
        }
    }

    #[test]
    fn dates_are_in_swedish_time() {
        // 2026-11-26 23:30 UTC is already the 27th in Sweden.
        assert_eq!(swedish_date(1_795_735_800_000), "2026-11-27");
    }
}
