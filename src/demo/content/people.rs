//! The made-up phone book: people of every organisation with titles, units, phones,
//! tillsynsområden, assignments and the accounts they log in with. Mobile numbers use the
//! series PTS reserves for fiction (070-174 06 05 – 070-174 06 99).

// The data tables refer to each other's names (tags, people, networks) freely.
use super::*;

use crate::{accounts::Role, directory::people::PersonRole};

/// One telephone number in the phone book, as a person would type it.
#[derive(Debug, Clone)]
pub struct PhoneDef {
    /// "arbete" or "mobil".
    pub label: &'static str,
    /// Swedish display format, e.g. "036-10 52 31"; parses with `PhoneNumber::parse`.
    pub number: &'static str,
}

/// A person in the phone book.
#[derive(Debug, Clone)]
pub struct PersonDef {
    pub name: &'static str,
    /// Befattning: "miljö- och hälsoskyddsinspektör", "miljöchef", …
    pub title: &'static str,
    /// Slug of the organisation in [`organisations()`].
    pub organisation: &'static str,
    /// Enhet / förvaltning, kept apart from the organisation.
    pub unit: &'static str,
    pub phones: Vec<PhoneDef>,
    /// fornamn.efternamn@domain, ASCII-folded.
    pub email: String,
    /// Ansvarsområden: names of tags in [`tags()`].
    pub areas: Vec<&'static str>,
    pub roles: Vec<PersonRole>,
    pub account: Role,
    /// Members-only networks the person belongs to (open networks need no membership).
    pub networks: Vec<&'static str>,
    /// Networks the person is samordnare (moderator) for.
    pub moderates: Vec<&'static str>,
}

impl PersonDef {
    /// The handle used for @mentions: the e-mail's local part ("anna.svensson").
    pub fn handle(&self) -> &str {
        self.email.split('@').next().unwrap_or_default()
    }
}

/// One row of the phone book before e-mail and memberships are derived.
#[derive(Clone, Copy)]
struct Row {
    org: &'static str,
    name: &'static str,
    title: &'static str,
    unit: &'static str,
    work: &'static str,
    mobile: Option<&'static str>,
    areas: &'static [&'static str],
    roles: &'static [PersonRole],
    account: Role,
    networks: &'static [&'static str],
    moderates: &'static [&'static str],
}

const fn p(
    org: &'static str,
    name: &'static str,
    title: &'static str,
    unit: &'static str,
    work: &'static str,
) -> Row {
    Row {
        org,
        name,
        title,
        unit,
        work,
        mobile: None,
        areas: &[],
        roles: &[],
        account: Role::Member,
        networks: &[],
        moderates: &[],
    }
}

impl Row {
    const fn mobile(mut self, number: &'static str) -> Row {
        self.mobile = Some(number);
        self
    }
    const fn areas(mut self, areas: &'static [&'static str]) -> Row {
        self.areas = areas;
        self
    }
    const fn roles(mut self, roles: &'static [PersonRole]) -> Row {
        self.roles = roles;
        self
    }
    const fn manager(mut self) -> Row {
        self.account = Role::Manager;
        self
    }
    const fn admin(mut self) -> Row {
        self.account = Role::Admin;
        self
    }
    const fn networks(mut self, networks: &'static [&'static str]) -> Row {
        self.networks = networks;
        self
    }
    const fn moderates(mut self, networks: &'static [&'static str]) -> Row {
        self.moderates = networks;
        self
    }
}

pub(super) const MILJOCHEF: &str = "miljöchef";
const MHI: &str = "miljö- och hälsoskyddsinspektör";
const MI: &str = "miljöinspektör";
const HSI: &str = "hälsoskyddsinspektör";

pub(super) const UTVECKLINGSLEDARE: &str = "Karolina Wessman";

/// The phone book. Order matters: threads refer to people by index.
const PEOPLE: &[Row] = {
    use PersonRole::*;
    const SBF: &str = "Samhällsbyggnadsförvaltningen";
    const MF: &str = "Miljöförvaltningen";
    const MHF: &str = "Miljö- och hälsoskyddsförvaltningen";
    const MK: &str = "Miljökontoret";
    const YRKESRESAN: &str = "referensgrupp-yrkesresan";
    const VERKSAMHETSSYSTEM: &str = "referensgrupp-verksamhetssystem";
    &[
        // Aneby
        p("aneby", "Karin Holmqvist", MILJOCHEF, SBF, "0380-462 10")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK]),
        p("aneby", "Jonas Lindahl", MHI, SBF, "0380-462 14")
            .mobile("070-174 06 05")
            .roles(&[Kontaktperson])
            .areas(&[SMA_AVLOPP, LANTBRUK, VATTEN]),
        p("aneby", "Maja Fransson", MHI, SBF, "0380-462 17")
            .areas(&[HALSOSKYDD, HYGIENISK, SKOLOR]),
        // Eksjö
        p(
            "eksjo",
            "Lars-Göran Bengtsson",
            MILJOCHEF,
            MK,
            "0381-361 01",
        )
        .manager()
        .roles(&[Styrgrupp, Beredningsgrupp])
        .areas(&[JURIDIK]),
        p("eksjo", "Sofia Ek", MI, MK, "0381-361 24")
            .mobile("070-174 06 07")
            .roles(&[Kontaktperson])
            .areas(&[MFV, FORORENADE, MASSOR])
            .networks(&[VERKSAMHETSSYSTEM]),
        p("eksjo", "Henrik Nyberg", MI, MK, "0381-361 32").areas(&[LANTBRUK, SMA_AVLOPP]),
        p(
            "eksjo",
            "Elin Åberg",
            "livsmedels- och hälsoskyddsinspektör",
            MK,
            "0381-361 45",
        )
        .areas(&[HALSOSKYDD, LEGIONELLA, HYGIENISK]),
        // Gislaved
        p("gislaved", "Peter Svärd", MILJOCHEF, MF, "0371-812 00")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK]),
        p("gislaved", "Amra Hadžić", MHI, MF, "0371-812 35")
            .mobile("070-174 06 11")
            .roles(&[Kontaktperson])
            .areas(&[AVFALL, MASSOR, MFV]),
        p("gislaved", "Oskar Widén", MI, MF, "0371-812 41").areas(&[LANTBRUK, VATTEN]),
        p("gislaved", "Linnea Sjöberg", HSI, MF, "0371-812 58")
            .areas(&[HALSOSKYDD, INOMHUS, LEGIONELLA]),
        // Gnosjö
        p("gnosjo", "Ulf Karlsson", MILJOCHEF, SBF, "0370-33 10 20")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK]),
        p("gnosjo", "Emma Jonsson", MHI, SBF, "0370-33 10 42")
            .mobile("070-174 06 14")
            .roles(&[Kontaktperson])
            .areas(&[MFV, KEMIKALIER, DAGVATTEN])
            .networks(&["miljomalssamordnare"]),
        p("gnosjo", "Ahmed Yousef", MI, SBF, "0370-33 10 57").areas(&[AVFALL, SMA_AVLOPP]),
        // Habo
        p("habo", "Annika Strand", MILJOCHEF, SBF, "036-442 80 10")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK]),
        p("habo", "Fredrik Blom", MHI, SBF, "036-442 81 17")
            .mobile("070-174 06 18")
            .roles(&[Kontaktperson])
            .areas(&[SMA_AVLOPP, VATTEN, BULLER]),
        p("habo", "Hanna Lundgren", MHI, SBF, "036-442 81 25")
            .areas(&[HALSOSKYDD, SKOLOR, INOMHUS]),
        // Jönköping
        p("jonkoping", "Magnus Thorén", MILJOCHEF, MF, "036-10 50 10")
            .manager()
            .roles(&[Styrgrupp, Beredningsgrupp])
            .areas(&[JURIDIK]),
        p("jonkoping", "Anna Svensson", MHI, MF, "036-10 52 31")
            .mobile("070-174 06 21")
            .roles(&[Kontaktperson, Samordnare])
            .areas(&[HALSOSKYDD, LEGIONELLA, INOMHUS])
            .moderates(&["halsoskydd"]),
        p(
            "jonkoping",
            "Johan Petersson",
            "enhetschef miljöskydd",
            MF,
            "036-10 51 08",
        )
        .areas(&[MFV, JURIDIK])
        .networks(&[VERKSAMHETSSYSTEM]),
        p("jonkoping", "Sara Nilsson", MI, MF, "036-10 53 46")
            .mobile("070-174 06 23")
            .areas(&[AVFALL, MASSOR, FORORENADE])
            .networks(&["miljobrottsamverkan"]),
        p("jonkoping", "Mikael Öhman", MI, MF, "036-10 54 72")
            .areas(&[DAGVATTEN, MFV, KEMIKALIER])
            .networks(&["miljomalssamordnare"]),
        // Mullsjö
        p(
            "mullsjo",
            "Birgitta Sandberg",
            MILJOCHEF,
            SBF,
            "0392-141 00",
        )
        .manager()
        .roles(&[Styrgrupp])
        .areas(&[JURIDIK]),
        p("mullsjo", "Daniel Forsberg", MHI, SBF, "0392-141 06")
            .roles(&[Kontaktperson])
            .areas(&[SMA_AVLOPP, LANTBRUK, AVFALL]),
        p("mullsjo", "Ida Wallin", MHI, SBF, "0392-141 13").areas(&[HALSOSKYDD, HYGIENISK]),
        // Nässjö
        p(
            "nassjo",
            "Stefan Gustavsson",
            MILJOCHEF,
            MHF,
            "0380-51 81 00",
        )
        .manager()
        .roles(&[Styrgrupp, Beredningsgrupp])
        .areas(&[JURIDIK]),
        p("nassjo", "Malin Axelsson", MHI, MHF, "0380-51 82 14")
            .mobile("070-174 06 26")
            .roles(&[Kontaktperson])
            .areas(&[HALSOSKYDD, SKOLOR, INOMHUS])
            .networks(&[YRKESRESAN]),
        p("nassjo", "Per-Erik Lund", MI, MHF, "0380-51 82 37")
            .areas(&[LANTBRUK, VATTEN, SMA_AVLOPP]),
        p("nassjo", "Therese Holm", MI, MHF, "0380-51 82 59").areas(&[AVFALL, FORORENADE]),
        // Sävsjö
        p("savsjo", "Gunilla Ekström", MILJOCHEF, MK, "0382-153 00")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK])
            .networks(&[YRKESRESAN]),
        p("savsjo", "Viktor Hedlund", MHI, MK, "0382-153 21")
            .mobile("070-174 06 29")
            .roles(&[Kontaktperson])
            .areas(&[LANTBRUK, SMA_AVLOPP]),
        p("savsjo", "Rebecka Jansson", MHI, MK, "0382-153 34").areas(&[HALSOSKYDD, BULLER]),
        // Tranås
        p("tranas", "Christer Lindberg", MILJOCHEF, MHF, "0140-682 00")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK])
            .networks(&[VERKSAMHETSSYSTEM]),
        p("tranas", "Jenny Söderström", MHI, MHF, "0140-682 17")
            .mobile("070-174 06 33")
            .roles(&[Kontaktperson])
            .areas(&[MFV, DAGVATTEN, KEMIKALIER]),
        p("tranas", "Mattias Berg", MI, MHF, "0140-682 26").areas(&[SMA_AVLOPP, VATTEN]),
        p("tranas", "Louise Hermansson", HSI, MHF, "0140-682 38")
            .areas(&[HALSOSKYDD, LEGIONELLA, HYGIENISK]),
        // Vaggeryd
        p(
            "vaggeryd",
            "Roger Samuelsson",
            MILJOCHEF,
            SBF,
            "0393-782 00",
        )
        .manager()
        .roles(&[Styrgrupp])
        .areas(&[JURIDIK]),
        p("vaggeryd", "Cecilia Persson", MHI, SBF, "0393-782 40")
            .mobile("070-174 06 36")
            .roles(&[Kontaktperson])
            .areas(&[AVFALL, MASSOR, FORORENADE])
            .networks(&[VERKSAMHETSSYSTEM]),
        p("vaggeryd", "Niklas Håkansson", MI, SBF, "0393-782 47").areas(&[LANTBRUK, SMA_AVLOPP]),
        // Vetlanda
        p("vetlanda", "Eva Fredriksson", MILJOCHEF, MF, "0383-973 00")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK]),
        p("vetlanda", "Martin Claesson", MI, MF, "0383-973 12")
            .mobile("070-174 06 41")
            .roles(&[Kontaktperson])
            .areas(&[LANTBRUK, MFV]),
        p("vetlanda", "Josefin Nord", MHI, MF, "0383-973 25").areas(&[HALSOSKYDD, SKOLOR, INOMHUS]),
        p("vetlanda", "Tobias Engström", MI, MF, "0383-973 39")
            .areas(&[SMA_AVLOPP, VATTEN, DAGVATTEN])
            .networks(&["miljomalssamordnare"]),
        // Värnamo
        p("varnamo", "Helena Wikström", MILJOCHEF, MF, "0370-37 74 00")
            .manager()
            .roles(&[Styrgrupp])
            .areas(&[JURIDIK])
            .networks(&[YRKESRESAN]),
        p("varnamo", "Erik Johansson", MHI, MF, "0370-37 74 05")
            .mobile("070-174 06 44")
            .roles(&[Kontaktperson])
            .areas(&[SMA_AVLOPP, VATTEN]),
        p("varnamo", "Nora Abdi", MI, MF, "0370-37 74 18").areas(&[AVFALL, KEMIKALIER, MASSOR]),
        p("varnamo", "Gustav Rydén", MI, MF, "0370-37 74 26").areas(&[LANTBRUK, BULLER]),
        p(
            "varnamo",
            "Lina Bergström",
            "livsmedelsinspektör",
            MF,
            "0370-37 74 33",
        )
        .areas(&[HYGIENISK]),
        // Länsstyrelsen i Jönköpings län
        p(
            "lansstyrelsen",
            "Katarina Lindström",
            "enhetschef, miljöskyddsenheten",
            "Miljöskyddsenheten",
            "010-223 61 00",
        )
        .manager()
        .roles(&[Styrgrupp, Beredningsgrupp])
        .areas(&[MFV, JURIDIK])
        .networks(&["miljobrottsamverkan"]),
        p(
            "lansstyrelsen",
            "Jörgen Almqvist",
            "handläggare, förorenade områden",
            "Miljöskyddsenheten",
            "010-223 62 14",
        )
        .mobile("070-174 06 47")
        .roles(&[Kontaktperson])
        .areas(&[FORORENADE, MASSOR]),
        p(
            "lansstyrelsen",
            "Marie Eklund",
            "samordnare avfallsbrottslighet",
            "Miljöskyddsenheten",
            "010-223 62 37",
        )
        .mobile("070-174 06 52")
        .roles(&[Samordnare])
        .areas(&[AVFALL, JURIDIK])
        .networks(&["miljobrottsamverkan"])
        .moderates(&["avfall", "miljobrottsamverkan"]),
        p(
            "lansstyrelsen",
            "Anders Pettersson",
            "miljöhandläggare, lantbruk",
            "Miljöskyddsenheten",
            "010-223 62 48",
        )
        .roles(&[Samordnare])
        .areas(&[LANTBRUK, VATTEN])
        .moderates(&["lantbrukstillsyn"]),
        p(
            "lansstyrelsen",
            "Lena Mårtensson",
            "vattenhandläggare",
            "Miljöskyddsenheten",
            "010-223 62 65",
        )
        .roles(&[Samordnare])
        .areas(&[VATTEN, SMA_AVLOPP, DAGVATTEN])
        .networks(&["miljomalssamordnare"])
        .moderates(&["sma-avlopp", "miljomalssamordnare"]),
        // Kommunal utveckling, Region Jönköpings län
        p(
            "kommunal-utveckling",
            UTVECKLINGSLEDARE,
            "utvecklingsledare, Miljösamverkan",
            "Miljösamverkan Jönköpings län",
            "010-242 31 07",
        )
        .mobile("070-174 06 55")
        .admin()
        .roles(&[Styrgrupp, Beredningsgrupp, Samordnare])
        .areas(&[JURIDIK])
        .networks(&[
            "kontaktpersoner",
            "miljobrottsamverkan",
            "miljomalssamordnare",
            YRKESRESAN,
            VERKSAMHETSSYSTEM,
        ])
        .moderates(&[
            "miljohandlaggartraffar",
            "sma-avlopp",
            "lantbrukstillsyn",
            "halsoskydd",
            "avfall",
            "styrgrupp",
            "beredningsgrupp",
            "kontaktpersoner",
            "miljomalssamordnare",
            YRKESRESAN,
            VERKSAMHETSSYSTEM,
        ]),
        p(
            "kommunal-utveckling",
            "Tomas Wahlberg",
            "chef, Kommunal utveckling",
            "Kommunal utveckling",
            "010-242 30 01",
        )
        .manager()
        .roles(&[Beredningsgrupp]),
    ]
};

/// Folds a name to the ASCII used in e-mail addresses: "Lars-Göran Bengtsson" → "lars-goran",
/// "bengtsson".
pub(super) fn ascii_fold(s: &str) -> String {
    s.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            'ž' => 'z',
            'ć' | 'č' | 'ç' => 'c',
            'š' => 's',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

fn email_for(name: &str, org: &str) -> String {
    let domain = organisations()
        .into_iter()
        .find(|o| o.slug == org)
        .map_or("example.invalid", |o| o.email_domain);
    let mut parts = name.split_whitespace();
    let first = parts.next().unwrap_or_default();
    let last = parts.next_back().unwrap_or_default();
    format!("{}.{}@{domain}", ascii_fold(first), ascii_fold(last))
}

/// Members-only networks implied by a role.
fn role_networks(role: PersonRole) -> Option<&'static str> {
    match role {
        PersonRole::Kontaktperson => Some("kontaktpersoner"),
        PersonRole::Styrgrupp => Some("styrgrupp"),
        PersonRole::Beredningsgrupp => Some("beredningsgrupp"),
        PersonRole::Samordnare => None,
    }
}

/// The made-up phone book: 3–5 people per municipality, Länsstyrelsen and Kommunal utveckling.
pub fn people() -> Vec<PersonDef> {
    PEOPLE
        .iter()
        .map(|row| {
            let mut phones = vec![PhoneDef {
                label: "arbete",
                number: row.work,
            }];
            if let Some(number) = row.mobile {
                phones.push(PhoneDef {
                    label: "mobil",
                    number,
                });
            }
            let mut networks: Vec<&'static str> = row
                .roles
                .iter()
                .copied()
                .filter_map(role_networks)
                .collect();
            for net in row.networks {
                if !networks.contains(net) {
                    networks.push(net);
                }
            }
            PersonDef {
                name: row.name,
                title: row.title,
                organisation: row.org,
                unit: row.unit,
                phones,
                email: email_for(row.name, row.org),
                areas: row.areas.to_vec(),
                roles: row.roles.to_vec(),
                account: row.account,
                networks,
                moderates: row.moderates.to_vec(),
            }
        })
        .collect()
}

/// Index of a person in [`people()`] by name; the demo's own data always names real rows.
pub(super) fn who(name: &str) -> usize {
    PEOPLE
        .iter()
        .position(|row| row.name == name)
        .unwrap_or_else(|| panic!("demo person {name} is not in the phone book"))
}
