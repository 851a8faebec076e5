//! E-mail addresses for the phone book and for accounts: trimmed, lower-cased, checked for a
//! sane shape and the 254-character limit.
//!
//! Owns only the syntax. It does not look up the domain or prove the mailbox exists; quoted
//! local parts and IP-literal domains are refused because nobody in the county uses them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest address that fits in an SMTP path (RFC 5321).
const MAX_LEN: usize = 254;
/// Longest local part (RFC 5321).
const MAX_LOCAL_LEN: usize = 64;
/// Longest domain label (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// Why a typed e-mail address was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Ange en e-postadress.")]
    Empty,
    #[error("E-postadressen är för lång (högst 254 tecken).")]
    TooLong,
    #[error("E-postadressen får inte innehålla mellanslag.")]
    Whitespace,
    #[error("E-postadressen måste innehålla ett @, till exempel fornamn.efternamn@jonkoping.se.")]
    MissingAt,
    #[error("E-postadressen får bara innehålla ett @.")]
    SeveralAts,
    #[error("Delen före @ i e-postadressen är inte giltig.")]
    InvalidLocalPart,
    #[error("Domänen efter @ i e-postadressen är inte giltig, till exempel jonkoping.se.")]
    InvalidDomain,
}

/// An e-mail address that has passed [`Email::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address: surrounding whitespace is trimmed and the address lower-cased. The
    /// standard lets the local part be case-sensitive, but the address is also a login and a
    /// unique key, and no mail system in the county treats "Anna.Svensson" and "anna.svensson"
    /// as different mailboxes.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(EmailError::Empty);
        }
        if input.chars().any(char::is_whitespace) {
            return Err(EmailError::Whitespace);
        }
        let (local, domain) = match input.split_once('@') {
            None => return Err(EmailError::MissingAt),
            Some((_, rest)) if rest.contains('@') => return Err(EmailError::SeveralAts),
            Some(parts) => parts,
        };
        check_local(local)?;
        let domain = domain.to_lowercase();
        check_domain(&domain)?;
        let address = format!("{}@{domain}", local.to_ascii_lowercase());
        if address.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        Ok(Email(address))
    }

    /// The whole address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(local, _)| local)
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

fn check_local(local: &str) -> Result<(), EmailError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    let ok = !local.is_empty()
        && local.len() <= MAX_LOCAL_LEN
        && local.chars().all(allowed)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    ok.then_some(()).ok_or(EmailError::InvalidLocalPart)
}

/// A host name with at least two labels and a top-level domain of letters. Letters outside
/// ASCII are allowed (internationalised domains such as "räksmörgås.se").
fn check_domain(domain: &str) -> Result<(), EmailError> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(EmailError::InvalidDomain);
    }
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= MAX_LABEL_LEN
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let tld = labels[labels.len() - 1];
    let tld_ok = (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        || tld.starts_with("xn--");
    if labels.iter().all(label_ok) && tld_ok {
        Ok(())
    } else {
        Err(EmailError::InvalidDomain)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_municipal_address() {
        let e = Email::parse("anna.svensson@jonkoping.se").unwrap();
        assert_eq!(e.as_str(), "anna.svensson@jonkoping.se");
        assert_eq!(e.local_part(), "anna.svensson");
        assert_eq!(e.domain(), "jonkoping.se");
    }

    #[test]
    fn trims_and_lowercases() {
        let e = Email::parse("  Per.Ek@Lansstyrelsen.SE \n").unwrap();
        assert_eq!(e.as_str(), "per.ek@lansstyrelsen.se");
        assert_eq!(e, Email::parse("per.ek@lansstyrelsen.se").unwrap());
    }

    #[test]
    fn accepts_plus_hyphen_and_subdomains() {
        for ok in [
            "anna-karin.lind@varnamo.se",
            "miljo+telefonbok@habo.se",
            "o'neil@example.com",
            "k@mail.region.jonkoping.se",
            "info@räksmörgås.se",
            "x@xn--rksmrgs-5wao1o.se",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_empty_and_whitespace() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        assert_eq!(
            Email::parse("anna svensson@habo.se"),
            Err(EmailError::Whitespace)
        );
    }

    #[test]
    fn refuses_missing_or_extra_at() {
        assert_eq!(
            Email::parse("anna.svensson.habo.se"),
            Err(EmailError::MissingAt)
        );
        assert_eq!(Email::parse("a@b@habo.se"), Err(EmailError::SeveralAts));
        assert!(EmailError::MissingAt
            .to_string()
            .contains("måste innehålla ett @"));
    }

    #[test]
    fn refuses_bad_local_parts() {
        for bad in [
            "@habo.se",
            ".anna@habo.se",
            "anna.@habo.se",
            "an..na@habo.se",
            "\"anna\"@habo.se",
            "anna(x)@habo.se",
            "åsa@habo.se",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(EmailError::InvalidLocalPart),
                "{bad}"
            );
        }
        let long_local = format!("{}@habo.se", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::InvalidLocalPart));
    }

    #[test]
    fn refuses_bad_domains() {
        for bad in [
            "anna@",
            "anna@habo",
            "anna@habo.",
            "anna@.habo.se",
            "anna@habo..se",
            "anna@-habo.se",
            "anna@habo-.se",
            "anna@habo.s",
            "anna@habo.123",
            "anna@[10.0.0.1]",
            "anna@ha_bo.se",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::InvalidDomain), "{bad}");
        }
    }

    #[test]
    fn refuses_addresses_longer_than_254() {
        let label = "a".repeat(60);
        let domain = format!("{label}.{label}.{label}.{label}.se");
        let address = format!("{}@{domain}", "b".repeat(10));
        assert!(address.len() > 254);
        assert_eq!(Email::parse(&address), Err(EmailError::TooLong));
        let fits = format!("{}@{}.se", "b".repeat(60), "c".repeat(60));
        assert!(Email::parse(&fits).is_ok());
    }

    #[test]
    fn serde_round_trips_as_a_string() {
        let e = Email::try_from("Eva@Eksjo.se".to_string()).unwrap();
        assert_eq!(String::from(e), "eva@eksjo.se");
        assert!(Email::try_from("nej".to_string()).is_err());
    }
}
