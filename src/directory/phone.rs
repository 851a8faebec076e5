//! Swedish telephone numbers for the phone book: parsed from what people type, stored as E.164,
//! shown the way Swedes write them ("036-10 50 00", "070-123 45 67", "08-123 456 78").
//!
//! Owns the rules for which numbers are accepted and how they are grouped. Knows nothing of
//! people or organisations; it does not check that a number is in service.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Shortest national significant number (without the leading 0), e.g. 08-12 34 56.
const MIN_NATIONAL_DIGITS: usize = 7;
/// Longest national significant number, e.g. 0380-123 45 67 or 070-123 45 67.
const MAX_NATIONAL_DIGITS: usize = 9;

/// Area codes of two digits after the 0 (written "0XY-"). Everything else that is not
/// Stockholm (08) or a mobile series is a three-digit code ("0XYZ-").
const TWO_DIGIT_AREA_CODES: &[&str] = &[
    "10", "11", "13", "16", "18", "19", "20", "21", "23", "26", "31", "33", "35", "36", "40", "42",
    "44", "46", "54", "60", "63", "90",
];

/// Why a typed telephone number was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("Ange ett telefonnummer.")]
    Empty,
    #[error("Telefonnumret får bara innehålla siffror, mellanslag, bindestreck, parenteser och ett inledande plustecken – inga bokstäver.")]
    Letters,
    #[error("Telefonnumret innehåller ett otillåtet tecken: ”{0}”.")]
    InvalidCharacter(char),
    #[error("Plustecknet får bara stå först, före landsnumret (+46).")]
    MisplacedPlus,
    #[error("Bara svenska telefonnummer (+46) kan läggas in.")]
    NotSwedish,
    #[error("Ange riktnummer, till exempel 036-10 50 00.")]
    MissingAreaCode,
    #[error("Telefonnumret är för kort – kontrollera att riktnummer och alla siffror kom med.")]
    TooShort,
    #[error(
        "Telefonnumret är för långt – ett svenskt nummer har högst tio siffror med riktnumret."
    )]
    TooLong,
}

/// A Swedish telephone number that has passed [`PhoneNumber::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    /// National significant number: the digits after +46, without the trunk 0.
    national: String,
}

impl PhoneNumber {
    /// Parses a number as people type it: "036-10 50 00", "+46 70 123 45 67", "0046 36 105000",
    /// "(036) 105000", "+46 (0)36 10 50 00". Stored E.164 ("+4636105000") either way.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut digits = String::with_capacity(input.len());
        for (i, c) in input.char_indices() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                '+' => return Err(PhoneError::MisplacedPlus),
                ' ' | '\u{a0}' | '\u{202f}' | '\t' | '-' | '–' | '‑' | '(' | ')' | '/' | '.' => {
                }
                c if c.is_alphabetic() => return Err(PhoneError::Letters),
                c => return Err(PhoneError::InvalidCharacter(c)),
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let international = if input.starts_with('+') {
            Some(digits.as_str())
        } else {
            digits.strip_prefix("00")
        };
        let national = match international {
            Some(rest) => {
                let Some(after_country) = rest.strip_prefix("46") else {
                    return Err(PhoneError::NotSwedish);
                };
                // "+46 (0)36 …" and "+46 036 …": the trunk 0 does not belong after +46.
                after_country.strip_prefix('0').unwrap_or(after_country)
            }
            None => match digits.strip_prefix('0') {
                Some(rest) => rest,
                // Five or more digits without a 0 first: a local number typed without its
                // area code, which the phone book cannot guess.
                None if digits.len() >= 5 => return Err(PhoneError::MissingAreaCode),
                None => return Err(PhoneError::TooShort),
            },
        };
        if national.starts_with('0') {
            return Err(PhoneError::NotSwedish);
        }
        if national.len() < MIN_NATIONAL_DIGITS {
            return Err(PhoneError::TooShort);
        }
        if national.len() > MAX_NATIONAL_DIGITS {
            return Err(PhoneError::TooLong);
        }
        Ok(PhoneNumber {
            national: national.to_string(),
        })
    }

    /// The number in E.164, e.g. "+4636105000"; what is stored and what `tel:` links use.
    pub fn e164(&self) -> String {
        format!("+46{}", self.national)
    }

    /// The area code as written in Sweden, with its 0: "036", "0380", "08", "070".
    pub fn area_code(&self) -> String {
        format!("0{}", &self.national[..self.area_len()])
    }

    /// True for mobile series (070, 072, 073, 076, 079).
    pub fn is_mobile(&self) -> bool {
        matches!(&self.national[..2], "70" | "72" | "73" | "76" | "79")
    }

    /// The number the Swedish way: area code, hyphen, subscriber number in groups
    /// ("036-10 50 00", "0380-51 80 00", "070-123 45 67", "08-123 456 78").
    pub fn display(&self) -> String {
        let area_len = self.area_len();
        let subscriber = &self.national[area_len..];
        format!(
            "0{}-{}",
            &self.national[..area_len],
            group_subscriber(subscriber)
        )
    }

    /// Digits of the area code without its 0.
    fn area_len(&self) -> usize {
        let n = &self.national;
        if n.starts_with('8') {
            1
        } else if n.starts_with("77") {
            // 0771, 0772 … are national service numbers with four-digit prefixes.
            3
        } else if n.starts_with('7') || TWO_DIGIT_AREA_CODES.contains(&&n[..2]) {
            2
        } else {
            3
        }
    }
}

/// Groups a subscriber number in pairs from the right, with a leading group of three when the
/// count is odd, and "123 456 78" for eight digits (the Swedish standard SS 014 37 style).
fn group_subscriber(s: &str) -> String {
    let sizes: &[usize] = match s.len() {
        0..=3 => &[],
        4 => &[2, 2],
        5 => &[3, 2],
        6 => &[2, 2, 2],
        7 => &[3, 2, 2],
        8 => &[3, 3, 2],
        _ => &[],
    };
    if sizes.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + sizes.len());
    let mut at = 0;
    for (i, size) in sizes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&s[at..at + size]);
        at += size;
    }
    out
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.e164()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str) -> String {
        PhoneNumber::parse(input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .e164()
    }

    fn shown(input: &str) -> String {
        PhoneNumber::parse(input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .display()
    }

    #[test]
    fn accepts_the_ways_people_type_a_jonkoping_number() {
        for input in [
            "036-10 50 00",
            "036-105000",
            "036105000",
            "+46 36 10 50 00",
            "+4636105000",
            "0046 36 105000",
            "(036) 105000",
            "+46 (0)36 10 50 00",
            "  036 – 10 50 00  ",
            "036/10 50 00",
        ] {
            assert_eq!(e164(input), "+4636105000", "{input}");
        }
    }

    #[test]
    fn accepts_mobile_numbers() {
        assert_eq!(e164("070-123 45 67"), "+46701234567");
        assert_eq!(e164("+46 70 123 45 67"), "+46701234567");
        assert_eq!(e164("0701234567"), "+46701234567");
    }

    #[test]
    fn accepts_four_digit_area_codes() {
        assert_eq!(e164("0380-51 80 00"), "+46380518000");
    }

    #[test]
    fn shows_two_digit_area_codes() {
        assert_eq!(shown("+4636105000"), "036-10 50 00");
        assert_eq!(shown("036 1234567"), "036-123 45 67");
        assert_eq!(shown("036 12345"), "036-123 45");
        assert_eq!(shown("0102236000"), "010-223 60 00");
    }

    #[test]
    fn shows_mobile_numbers() {
        assert_eq!(shown("+46701234567"), "070-123 45 67");
        assert_eq!(shown("0731740605"), "073-174 06 05");
    }

    #[test]
    fn shows_stockholm() {
        assert_eq!(shown("0812345678"), "08-123 456 78");
        assert_eq!(shown("08-1234567"), "08-123 45 67");
        assert_eq!(shown("08 123456"), "08-12 34 56");
    }

    #[test]
    fn shows_the_three_digit_area_codes_of_the_county() {
        let cases = [
            ("0380 518000", "0380-51 80 00"), // Nässjö, Aneby
            ("0381 12345", "0381-123 45"),    // Eksjö
            ("0140 68100", "0140-681 00"),    // Tranås
            ("0383 97000", "0383-970 00"),    // Vetlanda
            ("0370 377000", "0370-37 70 00"), // Värnamo, Gnosjö
            ("0371 81000", "0371-810 00"),    // Gislaved
            ("0393 678000", "0393-67 80 00"), // Vaggeryd
            ("0382 15000", "0382-150 00"),    // Sävsjö
            ("0392 14000", "0392-140 00"),    // Mullsjö
            ("0771 567567", "0771-56 75 67"), // service number
        ];
        for (input, want) in cases {
            assert_eq!(shown(input), want, "{input}");
        }
    }

    #[test]
    fn display_parses_back_to_the_same_number() {
        for input in [
            "036-10 50 00",
            "0380-51 80 00",
            "070-123 45 67",
            "08-123 456 78",
        ] {
            let n = PhoneNumber::parse(input).unwrap();
            assert_eq!(n.display(), input);
            assert_eq!(PhoneNumber::parse(&n.display()).unwrap(), n);
            assert_eq!(PhoneNumber::parse(&n.e164()).unwrap(), n);
        }
    }

    #[test]
    fn knows_area_codes_and_mobiles() {
        let n = PhoneNumber::parse("0380-51 80 00").unwrap();
        assert_eq!(n.area_code(), "0380");
        assert!(!n.is_mobile());
        let m = PhoneNumber::parse("076-123 45 67").unwrap();
        assert_eq!(m.area_code(), "076");
        assert!(m.is_mobile());
        assert_eq!(
            PhoneNumber::parse("036-10 50 00").unwrap().area_code(),
            "036"
        );
        assert_eq!(
            PhoneNumber::parse("08-123 456 78").unwrap().area_code(),
            "08"
        );
    }

    #[test]
    fn refuses_letters_with_a_swedish_message() {
        let err = PhoneNumber::parse("036-10 50 00 vx 123").unwrap_err();
        assert_eq!(err, PhoneError::Letters);
        assert!(err.to_string().contains("inga bokstäver"));
        assert_eq!(PhoneNumber::parse("O36-105000"), Err(PhoneError::Letters));
    }

    #[test]
    fn refuses_other_characters() {
        assert_eq!(
            PhoneNumber::parse("036*105000"),
            Err(PhoneError::InvalidCharacter('*'))
        );
        assert_eq!(
            PhoneNumber::parse("036+105000"),
            Err(PhoneError::MisplacedPlus)
        );
    }

    #[test]
    fn refuses_empty_input() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Empty));
        assert_eq!(PhoneNumber::parse("  - () "), Err(PhoneError::Empty));
        assert_eq!(PhoneError::Empty.to_string(), "Ange ett telefonnummer.");
    }

    #[test]
    fn refuses_too_short_numbers() {
        assert_eq!(PhoneNumber::parse("036-1050"), Err(PhoneError::TooShort));
        assert_eq!(PhoneNumber::parse("112"), Err(PhoneError::TooShort));
        assert_eq!(PhoneNumber::parse("+46 36 12"), Err(PhoneError::TooShort));
        assert!(PhoneError::TooShort.to_string().contains("för kort"));
    }

    #[test]
    fn refuses_too_long_numbers() {
        assert_eq!(
            PhoneNumber::parse("036-10 50 00 00"),
            Err(PhoneError::TooLong)
        );
        assert_eq!(
            PhoneNumber::parse("+46 70 123 45 67 8"),
            Err(PhoneError::TooLong)
        );
        assert!(PhoneError::TooLong.to_string().contains("för långt"));
    }

    #[test]
    fn refuses_numbers_without_area_code() {
        assert_eq!(
            PhoneNumber::parse("10 50 00"),
            Err(PhoneError::MissingAreaCode)
        );
        assert_eq!(
            PhoneNumber::parse("36105000"),
            Err(PhoneError::MissingAreaCode)
        );
    }

    #[test]
    fn refuses_foreign_numbers() {
        assert_eq!(
            PhoneNumber::parse("+47 22 00 00 00"),
            Err(PhoneError::NotSwedish)
        );
        assert_eq!(
            PhoneNumber::parse("0045 33 12 12 12"),
            Err(PhoneError::NotSwedish)
        );
    }

    #[test]
    fn serde_uses_e164() {
        let n = PhoneNumber::parse("036-10 50 00").unwrap();
        assert_eq!(String::from(n.clone()), "+4636105000");
        assert_eq!(PhoneNumber::try_from("036105000".to_string()).unwrap(), n);
        assert_eq!(
            PhoneNumber::try_from("abc".to_string()),
            Err(PhoneError::Letters)
        );
    }
}
