//! Why a sign-in through an identity provider was refused: one reason for the log (never a
//! token, code or secret), and for the person a Swedish heading, what happened and what to
//! do. No refused sign-in opens a session.

/// A refused or failed sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No (enabled) provider by that name.
    UnknownProvider,
    /// The callback's `state` is missing, unknown, already used or tampered with.
    UnknownState,
    /// The sign-in was started more than ten minutes ago.
    Expired,
    /// The browser that came back is not the one that started (no or another binding cookie).
    OtherBrowser,
    /// The provider answered the authorization request with an error (e.g. access_denied).
    Refused(String),
    /// The authorization response names another issuer (mix-up), or discovery did.
    WrongIssuer(String),
    /// The provider could not be reached or answered nonsense.
    Unreachable(String),
    /// The provider did not answer in time.
    Timeout,
    /// The token endpoint refused the code (used before, expired, wrong client).
    CodeRefused(String),
    /// The ID token failed verification: signature, issuer, audience, nonce.
    BadToken(String),
    /// The ID token had expired.
    TokenExpired(String),
    /// The provider gave no e-mail address, or one it says it has not verified.
    NoVerifiedEmail,
    /// The address's domain is not one the provider speaks for.
    ForeignDomain(String),
    /// The user is deactivated (or erased) in Samsyn.
    Deactivated,
    /// The e-mail belongs to a user already linked to another subject of this issuer.
    LinkedElsewhere,
    /// Samsyn's own fault (database, configuration); the detail is logged.
    Internal(String),
}

impl Fault {
    /// The reason for the log line.
    pub fn reason(&self) -> String {
        match self {
            Fault::UnknownProvider => "unknown or disabled provider".into(),
            Fault::UnknownState => "state missing, unknown or already used".into(),
            Fault::Expired => "sign-in started more than 10 minutes ago".into(),
            Fault::OtherBrowser => "binding cookie missing or different".into(),
            Fault::Refused(e) => format!("provider returned error: {e}"),
            Fault::WrongIssuer(e) => format!("issuer mismatch: {e}"),
            Fault::Unreachable(e) => format!("provider unreachable: {e}"),
            Fault::Timeout => "provider timed out".into(),
            Fault::CodeRefused(e) => format!("token endpoint refused the code: {e}"),
            Fault::BadToken(e) => format!("ID token rejected: {e}"),
            Fault::TokenExpired(e) => format!("ID token expired: {e}"),
            Fault::NoVerifiedEmail => "no verified e-mail in the ID token".into(),
            Fault::ForeignDomain(d) => format!("e-mail domain {d} not allowed for this provider"),
            Fault::Deactivated => "user is deactivated".into(),
            Fault::LinkedElsewhere => {
                "e-mail belongs to a user linked to another subject of this issuer".into()
            }
            Fault::Internal(e) => format!("internal: {e}"),
        }
    }

    /// The HTTP status of the error page.
    pub fn status(&self) -> u16 {
        match self {
            Fault::UnknownProvider => 404,
            Fault::Unreachable(_) | Fault::WrongIssuer(_) => 502,
            Fault::Timeout => 504,
            Fault::Deactivated | Fault::ForeignDomain(_) | Fault::LinkedElsewhere => 403,
            Fault::Internal(_) => 500,
            _ => 400,
        }
    }

    /// Heading and text of the error page; `org` names the provider's organisation.
    pub fn page(&self, org: Option<&str>) -> (String, String) {
        let at = org.map_or_else(
            || "din organisations inloggning".to_string(),
            |o| format!("inloggningen hos {o}"),
        );
        let again = "Gå tillbaka till inloggningssidan och försök igen.";
        match self {
            Fault::UnknownProvider => (
                "Inloggningen finns inte".into(),
                format!("Samsyn har ingen inloggning med det namnet, eller så är den avstängd. {again} Välj din organisation där, eller logga in med e-post och lösenord."),
            ),
            Fault::UnknownState | Fault::OtherBrowser => (
                "Inloggningen kunde inte slutföras".into(),
                format!("Svaret från {at} hörde inte till en inloggning som påbörjats i den här webbläsaren, eller så har det redan använts. {again} Börja och avsluta inloggningen i samma webbläsare."),
            ),
            Fault::Expired => (
                "Inloggningen tog för lång tid".into(),
                format!("Det gick mer än tio minuter från att du började logga in. {again}"),
            ),
            Fault::Refused(_) => (
                "Inloggningen avbröts".into(),
                format!("{} avbröt eller nekade inloggningen. {again} Får du inte logga in, kontakta din organisations IT-support.", capitalise(&at)),
            ),
            Fault::WrongIssuer(_) => (
                "Inloggningen är felaktigt inställd".into(),
                format!("Svaret kom inte från den utfärdare som Samsyn är inställt på för {at}. Logga in med e-post och lösenord om du kan, och be en administratör kontrollera inställningen."),
            ),
            Fault::Unreachable(_) => (
                "Inloggningstjänsten svarar inte".into(),
                format!("Samsyn kunde inte nå {at}. Försök igen om en stund. Fungerar det fortfarande inte, kontakta din organisations IT-support."),
            ),
            Fault::Timeout => (
                "Inloggningstjänsten svarar inte".into(),
                format!("Det tog för lång tid att få svar från {at}. Försök igen om en stund. Fungerar det fortfarande inte, kontakta din organisations IT-support."),
            ),
            Fault::CodeRefused(_) => (
                "Inloggningen kunde inte slutföras".into(),
                format!("{} godtog inte inloggningen, kanske för att svaret redan hade använts. {again}", capitalise(&at)),
            ),
            Fault::BadToken(_) | Fault::TokenExpired(_) => (
                "Inloggningen kunde inte godkännas".into(),
                format!("Svaret från {at} kunde inte kontrolleras (ogiltig eller utgången signatur). {again} Händer det igen, kontakta en administratör."),
            ),
            Fault::NoVerifiedEmail => (
                "E-postadressen saknas".into(),
                format!("Ditt konto hos {at} har ingen bekräftad e-postadress, och Samsyn behöver den för att hitta ditt konto. Kontakta din organisations IT-support."),
            ),
            Fault::ForeignDomain(d) => (
                "E-postadressen hör inte till organisationen".into(),
                format!("Adresser som slutar på @{d} loggar inte in via {at}. Logga in med din organisations knapp, eller med e-post och lösenord."),
            ),
            Fault::Deactivated => (
                "Ditt konto är inaktiverat".into(),
                "Ditt konto i Samsyn är inaktiverat. Kontakta utvecklingsledaren på Kommunal utveckling om du behöver komma åt Samsyn igen.".into(),
            ),
            Fault::LinkedElsewhere => (
                "Kontot är redan kopplat".into(),
                format!("E-postadressen hör till ett Samsyn-konto som redan är kopplat till ett annat konto hos {at}. Kontakta en administratör."),
            ),
            Fault::Internal(_) => (
                "Något gick fel".into(),
                format!("Något gick fel i Samsyn. {again}"),
            ),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl From<crate::error::AppError> for Fault {
    fn from(e: crate::error::AppError) -> Self {
        Fault::Internal(e.log_message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_says_what_to_do_in_swedish() {
        let all = [
            Fault::UnknownProvider,
            Fault::UnknownState,
            Fault::Expired,
            Fault::OtherBrowser,
            Fault::Refused("access_denied".into()),
            Fault::WrongIssuer("x".into()),
            Fault::Unreachable("x".into()),
            Fault::Timeout,
            Fault::CodeRefused("invalid_grant".into()),
            Fault::BadToken("x".into()),
            Fault::TokenExpired("x".into()),
            Fault::NoVerifiedEmail,
            Fault::ForeignDomain("example.org".into()),
            Fault::Deactivated,
            Fault::LinkedElsewhere,
            Fault::Internal("x".into()),
        ];
        for f in all {
            let (title, text) = f.page(Some("Eksjö kommun"));
            assert!(!title.is_empty() && text.len() > 40, "{f:?}");
            assert!(
                ["försök", "kontakta", "logga in", "börja"]
                    .iter()
                    .any(|w| text.to_lowercase().contains(w)),
                "{f:?} says what to do: {text}"
            );
            assert!(!f.reason().is_empty());
        }
        assert!(Fault::Refused("x".into())
            .page(Some("Eksjö kommun"))
            .1
            .starts_with("Inloggningen hos Eksjö kommun"));
    }
}
