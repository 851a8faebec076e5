//! Demo content for a new Samsyn: the county's organisations, networks, projects and meetings as
//! Verksamhetsplan 2026–2028 for Miljösamverkan Jönköpings län describes them, plus a made-up
//! phone book and realistic forum threads, all in Swedish.
//!
//! Plain data only: no database, no ids, no clock. The loader elsewhere inserts it in order,
//! refers to people by their index in [`people()`] and to networks by slug. Everything the plan
//! does not say (names, telephone numbers, thread texts) is invented; mobile numbers use the
//! series PTS reserves for fiction (070-174 06 05 – 070-174 06 99).
//!
//! Over 800 lines on purpose for now: it is one dataset of prose and tables, read top to
//! bottom like the plan it follows, with no logic to split. Issue #15 (step 2) moves it into
//! `src/demo/{forum,library,directory,meetings}.rs` on the domains' own types; until then it
//! stays whole rather than split at arbitrary lines.

use serde::Serialize;

/// The day project statuses are computed against, so the demo reads the same every day.
pub const DEMO_TODAY: &str = "2026-11-27";

/// A tillsynsområde used as a tag, with the words search must treat as the same subject.
#[derive(Debug, Clone, Serialize)]
pub struct TagDef {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
}

/// The tillsynsområden of GLOSSARY.md with their synonyms.
pub fn tags() -> Vec<TagDef> {
    const TAGS: &[(&str, &[&str])] = &[
        (
            "Små avlopp",
            &[
                "enskilda avlopp",
                "enskilt avlopp",
                "avloppsanläggning",
                "markbädd",
                "infiltration",
                "minireningsverk",
                "slamavskiljare",
                "fosforfälla",
            ],
        ),
        (
            "Lantbruk",
            &[
                "lantbrukstillsyn",
                "gödsel",
                "djurhållning",
                "växtskyddsmedel",
                "bekämpningsmedel",
            ],
        ),
        (
            "Hälsoskydd",
            &[
                "hälsoskyddstillsyn",
                "inomhusmiljö",
                "olägenhet för människors hälsa",
            ],
        ),
        (
            "Inomhusmiljö och ventilation",
            &[
                "ventilation",
                "OVK",
                "radon",
                "fukt",
                "mögel",
                "temperatur",
                "buller inomhus",
            ],
        ),
        (
            "Legionella och bassängbad",
            &["legionella", "varmvatten", "bassängbad", "badvatten"],
        ),
        (
            "Hygienisk verksamhet",
            &[
                "tatuering",
                "piercing",
                "fotvård",
                "frisör",
                "skönhetssalong",
            ],
        ),
        (
            "Skolor, förskolor och vård",
            &[
                "skola",
                "förskola",
                "vårdlokal",
                "äldreboende",
                "omsorgsboende",
            ],
        ),
        (
            "Avfall",
            &[
                "avfallstillsyn",
                "farligt avfall",
                "nedskräpning",
                "illegal dumpning",
                "avfallsregistret",
            ],
        ),
        (
            "Masshantering",
            &[
                "schaktmassor",
                "massor",
                "anläggningsändamål",
                "återvinning av avfall",
            ],
        ),
        (
            "Förorenade områden",
            &[
                "förorenad mark",
                "MIFO",
                "efterbehandling",
                "ansvarsutredning",
            ],
        ),
        (
            "Kemikalier",
            &[
                "kemiska produkter",
                "varor",
                "säkerhetsdatablad",
                "märkning",
                "återförsäljare",
            ],
        ),
        (
            "Dagvatten",
            &[
                "dagvattenhantering",
                "hårdgjorda ytor",
                "oljeavskiljare",
                "recipient",
            ],
        ),
        (
            "Miljöfarlig verksamhet",
            &[
                "industri",
                "fordonstvätt",
                "verkstad",
                "egenkontroll",
                "miljörapport",
            ],
        ),
        (
            "Buller",
            &["bullerstörning", "lågfrekvent buller", "värmepump"],
        ),
        (
            "Vatten",
            &[
                "dricksvatten",
                "vattenskyddsområde",
                "brunn",
                "vattentäkt",
                "MKN för vatten",
            ],
        ),
        (
            "Juridik och metodik",
            &[
                "föreläggande",
                "vite",
                "sanktionsavgift",
                "taxa",
                "tillsynsavgift",
                "behovsutredning",
                "tillsynsplan",
            ],
        ),
    ];
    TAGS.iter()
        .map(|&(name, synonyms)| TagDef { name, synonyms })
        .collect()
}

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganisationKind {
    Kommun,
    Lansstyrelse,
    Region,
}

/// An organisation in the collaboration.
#[derive(Debug, Clone, Serialize)]
pub struct OrganisationDef {
    pub slug: &'static str,
    /// Formal name: "Jönköpings kommun".
    pub name: &'static str,
    /// What inspectors call it: "Jönköping", "Länsstyrelsen".
    pub short_name: &'static str,
    pub kind: OrganisationKind,
    /// GGVV, Höglandet or "Jönköping, Habo och Mullsjö"; None for county-wide bodies.
    pub subregion: Option<&'static str>,
    pub email_domain: &'static str,
    /// The area code its numbers are in, with the 0: "036", "0380", "010".
    pub area_code: &'static str,
}

const GGVV: Option<&str> = Some("GGVV");
const HOGLANDET: Option<&str> = Some("Höglandet");
const JHM: Option<&str> = Some("Jönköping, Habo och Mullsjö");

/// The 13 municipalities, Länsstyrelsen and Kommunal utveckling.
pub fn organisations() -> Vec<OrganisationDef> {
    use OrganisationKind::*;
    let org = |slug, name, short_name, kind, subregion, email_domain, area_code| OrganisationDef {
        slug,
        name,
        short_name,
        kind,
        subregion,
        email_domain,
        area_code,
    };
    vec![
        org(
            "aneby",
            "Aneby kommun",
            "Aneby",
            Kommun,
            HOGLANDET,
            "aneby.se",
            "0380",
        ),
        org(
            "eksjo",
            "Eksjö kommun",
            "Eksjö",
            Kommun,
            HOGLANDET,
            "eksjo.se",
            "0381",
        ),
        org(
            "gislaved",
            "Gislaveds kommun",
            "Gislaved",
            Kommun,
            GGVV,
            "gislaved.se",
            "0371",
        ),
        org(
            "gnosjo",
            "Gnosjö kommun",
            "Gnosjö",
            Kommun,
            GGVV,
            "gnosjo.se",
            "0370",
        ),
        org(
            "habo",
            "Habo kommun",
            "Habo",
            Kommun,
            JHM,
            "habokommun.se",
            "036",
        ),
        org(
            "jonkoping",
            "Jönköpings kommun",
            "Jönköping",
            Kommun,
            JHM,
            "jonkoping.se",
            "036",
        ),
        org(
            "mullsjo",
            "Mullsjö kommun",
            "Mullsjö",
            Kommun,
            JHM,
            "mullsjo.se",
            "0392",
        ),
        org(
            "nassjo",
            "Nässjö kommun",
            "Nässjö",
            Kommun,
            HOGLANDET,
            "nassjo.se",
            "0380",
        ),
        org(
            "savsjo",
            "Sävsjö kommun",
            "Sävsjö",
            Kommun,
            HOGLANDET,
            "savsjo.se",
            "0382",
        ),
        org(
            "tranas",
            "Tranås kommun",
            "Tranås",
            Kommun,
            HOGLANDET,
            "tranas.se",
            "0140",
        ),
        org(
            "vaggeryd",
            "Vaggeryds kommun",
            "Vaggeryd",
            Kommun,
            GGVV,
            "vaggeryd.se",
            "0393",
        ),
        org(
            "vetlanda",
            "Vetlanda kommun",
            "Vetlanda",
            Kommun,
            HOGLANDET,
            "vetlanda.se",
            "0383",
        ),
        org(
            "varnamo",
            "Värnamo kommun",
            "Värnamo",
            Kommun,
            GGVV,
            "varnamo.se",
            "0370",
        ),
        org(
            "lansstyrelsen",
            "Länsstyrelsen i Jönköpings län",
            "Länsstyrelsen",
            Lansstyrelse,
            None,
            "lansstyrelsen.se",
            "010",
        ),
        org(
            "kommunal-utveckling",
            "Kommunal utveckling, Region Jönköpings län",
            "Kommunal utveckling",
            Region,
            None,
            "rjl.se",
            "010",
        ),
    ]
}

/// A network (nätverk): an open one anyone signed in may read, or a members-only group.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkDef {
    pub slug: &'static str,
    pub name: &'static str,
    /// The network's purpose ("syfte") as the plan states it.
    pub description: &'static str,
    pub members_only: bool,
}

/// The networks and groups of the plan's table "Styrgrupper och nätverk", plus the two
/// referensgrupper its development projects name.
pub fn networks() -> Vec<NetworkDef> {
    let net = |slug, name, description, members_only| NetworkDef {
        slug,
        name,
        description,
        members_only,
    };
    vec![
        net(
            "miljohandlaggartraffar",
            "Miljöhandläggarträffar",
            "För miljö- och hälsoskyddsinspektörer i länets kommuner och på Länsstyrelsen. Träffas och bygga nätverk, skapa förutsättningar för samsyn mellan kommunerna, höja kompetensen hos inspektörerna. Omvärldsorientering och erfarenhetsutbyte. Ta upp aktuella frågeställningar, ny lagstiftning och praxis. Miljöhandläggarträffen ordnas främst utifrån kommunernas önskemål av en planeringsgrupp med representanter från värdkommunen; utvecklingsledaren samordnar.",
            false,
        ),
        net(
            "sma-avlopp",
            "Små avlopp",
            "För miljöinspektörer som arbetar med små avlopp. Skapa enhetliga bedömningar i länet av frågor som rör små avlopps miljöpåverkan. Omvärldsorientering och erfarenhetsutbyte. Informera om aktuella frågeställningar, ny lagstiftning och praxis. Utvecklingsledaren står för det praktiska och Länsstyrelsen och kommunerna för innehållet.",
            false,
        ),
        net(
            "lantbrukstillsyn",
            "Lantbrukstillsyn",
            "För miljöinspektörer som arbetar med lantbrukstillsyn. Enhetlig bedömning i länet i frågor som rör lantbrukens miljöpåverkan. Omvärldsorientering och erfarenhetsutbyte. Informera om aktuella frågeställningar, ny lagstiftning och praxis. Utvecklingsledaren står för det praktiska och Länsstyrelsen och kommunerna för innehållet.",
            false,
        ),
        net(
            "halsoskydd",
            "Hälsoskydd",
            "För hälsoskyddsinspektörer. Enhetlig bedömning i länet i frågor som rör hälsoskyddstillsynen. Omvärldsorientering och erfarenhetsutbyte. Informera om aktuella frågeställningar, ny lagstiftning och praxis. Utvecklingsledaren står för det praktiska och kommunerna för innehållet.",
            false,
        ),
        net(
            "avfall",
            "Avfall",
            "För miljöinspektörer som arbetar med avfall. Enhetlig bedömning i länet i frågor som rör avfallstillsynen. Omvärldsorientering och erfarenhetsutbyte. Informera om aktuella frågeställningar, ny lagstiftning och praxis. Träffas digitalt löpande under året och fysiskt på våren.",
            false,
        ),
        net(
            "styrgrupp",
            "Styrgrupp",
            "En väl fungerande styrning och genomförande av aktiviteter inom miljösamverkan. Styrgruppen beslutar om miljösamverkans inriktning, arbete och uppföljning, och fattar beslut i principiellt viktiga frågor som budget och verksamhetsplan. Möten tre gånger per år och en strategidag per år.",
            true,
        ),
        net(
            "beredningsgrupp",
            "Beredningsgrupp",
            "En väl fungerande styrning och genomförande av aktiviteter inom miljösamverkan. Gruppen bereder ärenden till styrgruppen. Består av tre miljöchefer, chefen för miljöskyddsenheten på Länsstyrelsen och chefen för Kommunal utveckling. Möten tre gånger per år inför styrgruppsmötena och en kortare avstämning en gång per månad, utom i juli.",
            true,
        ),
        net(
            "kontaktpersoner",
            "Kontaktpersoner",
            "Varje kommun och Länsstyrelsen utser en kontaktperson som för fram behov och önskemål till miljösamverkan och tillsammans med miljöchefen förankrar arbetet i kommunen. Här ges information om vad som händer inom miljösamverkan, vi diskuterar aktiviteter och önskemål till kommande verksamhetsplan och utbyter erfarenheter.",
            true,
        ),
        net(
            "miljobrottsamverkan",
            "Miljöbrottsamverkan",
            "Samverka kring miljöbrott, utbyta erfarenheter och delge varandra vad som är på gång. Länsstyrelsen, åklagare, polis, miljösamverkan och Jönköpings kommun. Två gånger per år, Länsstyrelsen sammankallande.",
            true,
        ),
        net(
            "miljomalssamordnare",
            "Miljömålssamordnare",
            "Utbyta erfarenheter, samverka och delge varandra vad som är på gång i arbetet med miljömålen. Kommunerna i länet och miljösamverkan. Två gånger per år, Länsstyrelsen sammankallande.",
            true,
        ),
        net(
            "referensgrupp-verksamhetssystem",
            "Referensgrupp gemensamt verksamhetssystem",
            "Referensgruppen för utvecklingsprojektet Digitalisering – gemensamt verksamhetssystem: sammanställer enkätresultat, kartlägger processer, formulerar en gemensam målbild och tar fram kravspecifikation och beslutsunderlag inför en eventuell gemensam upphandling.",
            true,
        ),
        net(
            "referensgrupp-yrkesresan",
            "Referensgrupp Yrkesresan",
            "Referensgruppen för utvecklingsprojektet Yrkesresan: kartlägger baskompetens och framtida kompetensbehov hos miljöinspektörer, analyserar resultaten och planerar utbildningsinsatser och rekryteringsstöd.",
            true,
        ),
    ]
}

/// The account a person gets when the demo creates users for the phone book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountRole {
    /// Administratör: the utvecklingsledare.
    Admin,
    /// Chef: may edit their organisation's part of the phone book.
    Manager,
    /// Handläggare / inspektör.
    Member,
}

/// A person's assignments in the collaboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    /// The organisation's kontaktperson towards miljösamverkan.
    Kontaktperson,
    Styrgrupp,
    Beredningsgrupp,
    /// Samordnare (moderator) for one or more networks, see [`PersonDef::moderates`].
    Samordnare,
}

/// One telephone number in the phone book, as a person would type it.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneDef {
    /// "arbete" or "mobil".
    pub label: &'static str,
    /// Swedish display format, e.g. "036-10 52 31"; parses with `PhoneNumber::parse`.
    pub number: &'static str,
}

/// A person in the phone book.
#[derive(Debug, Clone, Serialize)]
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
    pub account: AccountRole,
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
    account: AccountRole,
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
        account: AccountRole::Member,
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
        self.account = AccountRole::Manager;
        self
    }
    const fn admin(mut self) -> Row {
        self.account = AccountRole::Admin;
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

const MILJOCHEF: &str = "miljöchef";
const MHI: &str = "miljö- och hälsoskyddsinspektör";
const MI: &str = "miljöinspektör";
const HSI: &str = "hälsoskyddsinspektör";

const SMA_AVLOPP: &str = "Små avlopp";
const LANTBRUK: &str = "Lantbruk";
const HALSOSKYDD: &str = "Hälsoskydd";
const INOMHUS: &str = "Inomhusmiljö och ventilation";
const LEGIONELLA: &str = "Legionella och bassängbad";
const HYGIENISK: &str = "Hygienisk verksamhet";
const SKOLOR: &str = "Skolor, förskolor och vård";
const AVFALL: &str = "Avfall";
const MASSOR: &str = "Masshantering";
const FORORENADE: &str = "Förorenade områden";
const KEMIKALIER: &str = "Kemikalier";
const DAGVATTEN: &str = "Dagvatten";
const MFV: &str = "Miljöfarlig verksamhet";
const BULLER: &str = "Buller";
const VATTEN: &str = "Vatten";
const JURIDIK: &str = "Juridik och metodik";

const UTVECKLINGSLEDARE: &str = "Karolina Wessman";

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
fn ascii_fold(s: &str) -> String {
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
fn who(name: &str) -> usize {
    PEOPLE
        .iter()
        .position(|row| row.name == name)
        .unwrap_or_else(|| panic!("demo person {name} is not in the phone book"))
}

/// Where a project stands on [`DEMO_TODAY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectStatus {
    Planned,
    Ongoing,
    Finished,
}

impl ProjectStatus {
    /// Status of a project running `from`–`to` (ISO dates, inclusive) on the day `today`.
    pub fn on(today: &str, from: &str, to: &str) -> ProjectStatus {
        if today < from {
            ProjectStatus::Planned
        } else if today > to {
            ProjectStatus::Finished
        } else {
            ProjectStatus::Ongoing
        }
    }

    /// The stored name: "planned", "ongoing" or "finished".
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planned",
            ProjectStatus::Ongoing => "ongoing",
            ProjectStatus::Finished => "finished",
        }
    }
}

/// Kind of handläggarstöd document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Checklista,
    Projektplan,
    Projektrapport,
    Vagledning,
    Mall,
    Informationsmaterial,
    Protokoll,
}

impl DocumentKind {
    /// The stored (and shown) Swedish name: "checklista", "vägledning", …
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Checklista => "checklista",
            DocumentKind::Projektplan => "projektplan",
            DocumentKind::Projektrapport => "projektrapport",
            DocumentKind::Vagledning => "vägledning",
            DocumentKind::Mall => "mall",
            DocumentKind::Informationsmaterial => "informationsmaterial",
            DocumentKind::Protokoll => "protokoll",
        }
    }
}

/// A published document (handläggarstöd) belonging to a project.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDef {
    pub title: &'static str,
    pub kind: DocumentKind,
    pub summary: &'static str,
    /// Markdown.
    pub body: &'static str,
}

/// A tillsynsprojekt or utvecklingsprojekt from the plan.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectDef {
    pub slug: &'static str,
    pub name: &'static str,
    /// What is to be done ("Vad ska göras?").
    pub description: &'static str,
    /// The goal ("Mål") as the plan states it.
    pub goal: &'static str,
    /// Samverkande parter.
    pub parties: &'static str,
    /// First day, ISO date.
    pub period_from: &'static str,
    /// Last day, ISO date.
    pub period_to: &'static str,
    pub status: ProjectStatus,
    /// Slugs of the networks the project is run in.
    pub networks: Vec<&'static str>,
    /// Names of tags in [`tags()`].
    pub tags: Vec<&'static str>,
    pub documents: Vec<DocumentDef>,
}

/// A project row before its status is computed.
struct ProjectRow {
    slug: &'static str,
    name: &'static str,
    description: &'static str,
    goal: &'static str,
    parties: &'static str,
    period: (&'static str, &'static str),
    networks: &'static [&'static str],
    tags: &'static [&'static str],
    documents: &'static [DocumentDef],
}

const fn doc(
    title: &'static str,
    kind: DocumentKind,
    summary: &'static str,
    body: &'static str,
) -> DocumentDef {
    DocumentDef {
        title,
        kind,
        summary,
        body,
    }
}

/// The projects of the plan, with the periods it gives ("Jan 2025–april 2026" becomes
/// 2025-01-01–2026-04-30, "hösten 2026" 2026-08-01–2026-12-31).
pub fn projects() -> Vec<ProjectDef> {
    PROJECTS
        .iter()
        .map(|row| ProjectDef {
            slug: row.slug,
            name: row.name,
            description: row.description,
            goal: row.goal,
            parties: row.parties,
            period_from: row.period.0,
            period_to: row.period.1,
            status: ProjectStatus::on(DEMO_TODAY, row.period.0, row.period.1),
            networks: row.networks.to_vec(),
            tags: row.tags.to_vec(),
            documents: row.documents.to_vec(),
        })
        .collect()
}

const PROJECTS: &[ProjectRow] = {
    use DocumentKind::*;
    &[
        ProjectRow {
            slug: "halsoskyddstillsyn-varmare-klimat",
            name: "Hälsoskyddstillsyn i ett varmare klimat",
            description: "Ta fram en projektplan med en tidplan och därefter checklistor med handläggarstöd. Genomföra en tillsynskampanj, och eventuellt utbilda verksamhetsutövare och fastighetsägare i dessa frågor. Sammanställa resultatet och skriva en projektrapport.",
            goal: "Öka kunskapen hos verksamhetsutövare och anpassningen i inomhus- och utomhusmiljön i omhändertagande verksamheter och/eller skolor, förskolor och vårdlokaler till varmare klimat.",
            parties: "Länets kommuner, Länsstyrelsen",
            period: ("2025-01-01", "2026-04-30"),
            networks: &["halsoskydd"],
            tags: &[HALSOSKYDD, SKOLOR, INOMHUS],
            documents: &[
                doc(
                    "Projektplan – Hälsoskyddstillsyn i ett varmare klimat",
                    Projektplan,
                    "Bakgrund, syfte, avgränsning och tidplan för länets gemensamma tillsynskampanj om värme i äldreboenden, förskolor och skolor.",
                    r#"# Projektplan – Hälsoskyddstillsyn i ett varmare klimat

## Bakgrund
Värmeböljorna 2018 och 2022 visade att många äldreboenden, förskolor och skolor saknar en plan för höga temperaturer. Äldre, små barn och personer med kroniska sjukdomar är särskilt känsliga. Enligt Folkhälsomyndighetens allmänna råd om temperatur inomhus (FoHMFS 2014:17) kan en varaktigt hög operativ temperatur innebära olägenhet för människors hälsa.

## Syfte och mål
Öka kunskapen hos verksamhetsutövare och anpassningen i inomhus- och utomhusmiljön i omhändertagande verksamheter, skolor, förskolor och vårdlokaler till ett varmare klimat.

## Avgränsning
- Äldreboenden och andra omsorgsboenden (särskilda boenden)
- Förskolor, inklusive utemiljön (skugga, solskydd)
- Grundskolor med lokaler där temperaturen är känd som ett problem

## Genomförande
1. Arbetsgruppen tar fram checklista och handläggarstöd (feb–mars 2025).
2. Informationsbrev till verksamheterna före sommaren (maj 2025).
3. Tillsynsbesök, i första hand under juni–augusti 2025.
4. Uppföljning av brister och sammanställning (hösten 2025).
5. Projektrapport till styrgruppen (april 2026).

## Organisation
Utvecklingsledaren leder arbetet ihop med projektgruppen (en inspektör från varje deltagande kommun). Samverkande parter: länets kommuner och Länsstyrelsen.

## Uppföljning
Sammanställning av resultat och slutrapport."#,
                ),
                doc(
                    "Checklista – värme inomhus i äldreboenden, förskolor och skolor",
                    Checklista,
                    "Frågor och kontrollpunkter vid tillsyn av hur verksamheten förebygger och hanterar höga temperaturer inomhus och utomhus.",
                    r#"# Checklista – värme inomhus

Används vid tillsyn enligt 9 kap. miljöbalken och 45 § förordningen om miljöfarlig verksamhet och hälsoskydd. Anteckna iakttagelser och mätvärden i tillsynsrapporten.

## Egenkontroll och rutiner
- [ ] Finns en skriftlig rutin för värmebölja (när den aktiveras, vem som ansvarar)?
- [ ] Bevakar verksamheten SMHI:s varningar för höga temperaturer?
- [ ] Mäts och dokumenteras inomhustemperaturen i rum där känsliga personer vistas?
- [ ] Vet personalen hur man känner igen värmerelaterad ohälsa (uttorkning, förvirring)?
- [ ] Finns rutin för extra vätska och anpassade måltider?

## Lokaler och tekniska åtgärder
- [ ] Solavskärmning på söder- och västfasad (markiser, persienner mellan glas, solfilm)
- [ ] Finns kyla eller ett svalt rum på varje avdelning?
- [ ] Går ventilationen att forcera nattetid för att kyla ner byggnaden?
- [ ] Kan fönster öppnas säkert (vädringsspärr) för nattkyla?
- [ ] Har fastighetsägaren en plan för åtgärder i lokaler med återkommande höga temperaturer?

## Utemiljö (förskolor och skolor)
- [ ] Skugga över sandlåda, lekytor och vilorum utomhus
- [ ] Dricksvatten tillgängligt utomhus
- [ ] Planeras utevistelsen efter dygnets varmaste timmar?

## Mätning
Mät operativ temperatur i rummets mitt, 0,6 m över golv (sittande) eller 1,1 m (stående), bort från direkt solinstrålning. Jämför med FoHMFS 2014:17: varaktigt över 26 °C under sommarperioden kan innebära olägenhet.

| Rum | Tid | Operativ temperatur (°C) | Kommentar |
|---|---|---|---|
| | | | |

## Bedömning
Brister i rutiner hanteras som brister i egenkontrollen. Återkommande höga temperaturer i lokaler riktas mot fastighetsägaren när verksamhetsutövaren själv inte kan åtgärda dem."#,
                ),
                doc(
                    "Projektrapport – Hälsoskyddstillsyn i ett varmare klimat",
                    Projektrapport,
                    "Resultat från 58 tillsynsbesök i tio kommuner: de flesta verksamheter saknade skriftlig rutin för värmebölja, men tekniska brister var ovanligare än väntat.",
                    r#"# Projektrapport – Hälsoskyddstillsyn i ett varmare klimat

## Sammanfattning
Tio av länets kommuner deltog och genomförde sammanlagt 58 tillsynsbesök under sommaren och hösten 2025: 24 äldreboenden, 26 förskolor och 8 skolor. Projektet visar att värme ännu inte ses som en hälsorisk på samma sätt som kyla eller fukt.

## Resultat
| Kontrollpunkt | Brist | Andel |
|---|---|---|
| Skriftlig rutin för värmebölja saknas | 35 av 58 | 60 % |
| Temperaturen mäts inte i rum för känsliga personer | 31 av 58 | 53 % |
| Solavskärmning saknas på utsatt fasad | 14 av 58 | 24 % |
| Skugga saknas på förskolegården | 9 av 26 | 35 % |

Uppmätta temperaturer över 26 °C noterades vid 11 besök, samtliga i byggnader från 1960- och 1970-talen med stora glaspartier mot söder.

## Erfarenheter
- Checklistan fungerade väl men blev lång; en kortare version tas fram till nästa säsong.
- Det är viktigt att skilja på verksamhetsutövarens ansvar (rutiner) och fastighetsägarens (byggnaden).
- Informationsbrevet före sommaren gav effekt: flera verksamheter hade redan tagit fram rutiner vid besöket.

## Förslag
Styrgruppen föreslås besluta att kampanjen upprepas 2028 och att ventilationsprojektet hösten 2026 tar upp kylning via ventilationen."#,
                ),
            ],
        },
        ProjectRow {
            slug: "dagvattenhantering",
            name: "Dagvattenhantering",
            description: "Ta fram en projektplan med en tidplan och därefter checklistor med handläggarstöd. Genomföra en tillsynskampanj, sammanställa resultatet och skriva en projektrapport. Avvakta uppdaterade riktlinjer från Naturvårdsverket kopplade till den nationella tillsynsstrategin, för att säkerställa att projektet för dagvattenhantering utformas i linje med gällande prioriteringar och krav.",
            goal: "Klargöra lagstiftning och ansvar. Verksamhetsutövare ska få reda på vart vattnet leds. Åtgärdsprogram för vatten, MKN för vatten, fokusområde i Nationell strategi för miljöbalkstillsyn.",
            parties: "Länets kommuner, Länsstyrelsen, kommunernas VA-huvudmän och eventuellt Räddningstjänsten",
            period: ("2025-08-01", "2026-05-31"),
            networks: &["miljohandlaggartraffar"],
            tags: &[DAGVATTEN, MFV, VATTEN],
            documents: &[
                doc(
                    "Checklista – dagvatten från verksamheter med hårdgjorda ytor",
                    Checklista,
                    "Kontrollpunkter för tillsyn av dagvatten vid industrier, verkstäder, fordonstvättar och upplag: vart vattnet leds, rening och egenkontroll.",
                    r#"# Checklista – dagvatten från verksamheter

## Före besöket
- [ ] Ta fram VA-huvudmannens ledningskarta: är fastigheten ansluten till dagvattennät, kombinerat nät eller direkt till recipient?
- [ ] Vilken recipient tar emot vattnet, och uppnår den miljökvalitetsnormerna (MKN för vatten) i VISS?
- [ ] Finns tidigare beslut eller villkor om dagvatten?

## Vid besöket
- [ ] Vet verksamhetsutövaren vart dagvattnet från fastigheten leds?
- [ ] Finns en aktuell ritning över dagvattenbrunnar, ledningar och utsläppspunkter?
- [ ] Hårdgjorda ytor: storlek, användning (parkering, upplag, lastning, tvätt)
- [ ] Upplag av material som kan lakas ut (metallskrot, däck, kemikalier) – under tak eller på tät yta?
- [ ] Oljeavskiljare: klass, dimensionering, senaste tömning och larm för oljenivå
- [ ] Finns spillberedskap och absorptionsmedel nära brunnar?
- [ ] Kan brunnar tätas vid olycka (brunnsmatta, avstängningsventil)?

## Egenkontroll
- [ ] Rutin för tillsyn och tömning av brunnar och avskiljare
- [ ] Provtagning av utgående vatten där det behövs (t.ex. metaller, olja, suspenderade ämnen)
- [ ] Journal över spill och åtgärder

## Bedömning
Bedöm utsläppet utifrån recipientens status och 2 kap. miljöbalken (kunskapskrav, försiktighetsprincipen, lokaliseringsprincipen). Samråd med VA-huvudmannen när vattnet går till det allmänna dagvattennätet."#,
                ),
                doc(
                    "Projektrapport – Dagvattenhantering",
                    Projektrapport,
                    "Var tredje verksamhet visste inte vart dagvattnet leds; rapporten beskriver ansvarsfördelningen mellan kommun, VA-huvudman och verksamhetsutövare.",
                    r#"# Projektrapport – Dagvattenhantering

## Genomförande
Projektet startade i augusti 2025. Efter att Naturvårdsverkets uppdaterade vägledning kom under hösten genomfördes 41 tillsynsbesök i nio kommuner mellan januari och april 2026, främst vid verkstäder, fordonstvättar, åkerier och upplag.

## Resultat
- 14 av 41 verksamhetsutövare (34 %) visste inte vart dagvattnet från fastigheten leds.
- 9 oljeavskiljare saknade dokumenterad tömning de senaste tre åren.
- 6 upplag av skrot eller däck låg utan tak på yta med brunn till dagvattennätet.

## Lagstiftning och ansvar
Verksamhetsutövaren ansvarar enligt 2 kap. miljöbalken för sitt förorenade dagvatten. VA-huvudmannen ansvarar för det allmänna dagvattennätet och kan ställa krav via ABVA. Tillsynsmyndigheten bör samråda med VA-huvudmannen före föreläggande om rening.

## Rekommendationer
1. Ta med dagvatten som en stående punkt i tillsynen av miljöfarlig verksamhet.
2. Be VA-huvudmannen om en karta över utsläppspunkter till recipient.
3. Prioritera verksamheter vars dagvatten går till vattenförekomster som inte uppnår god status."#,
                ),
            ],
        },
        ProjectRow {
            slug: "upptacka-illegal-avfallshantering",
            name: "Upptäcka illegal avfallshantering",
            description: "Vi ska utgå från Naturvårdsverkets kommande projekt om illegal avfallshantering, vilket lanseras september 2026. Målet är att implementera en tillsynskampanj i vårt län parallellt med Naturvårdsverkets kampanj. Detta innebär att vi kommer att använda oss av det material och de metoder som Naturvårdsverket tillhandahåller för att säkerställa ett enhetligt och effektivt tillvägagångssätt.",
            goal: "Målet med projektet är att genomföra en tillsynskampanj i länet, i linje med den nya nationella tillsynsstrategin för illegal avfallshantering. Projektet ska generera kunskap och bidra till att stärka tillsynen lokalt. Vi ska också utvärdera kampanjen och dess effekter. Detta ska sammanfattas i en slutrapport.",
            parties: "Länets kommuner, Länsstyrelsen, Miljösamverkan",
            period: ("2026-09-01", "2027-05-31"),
            networks: &["avfall"],
            tags: &[AVFALL, JURIDIK],
            documents: &[
                doc(
                    "Projektplan – Upptäcka illegal avfallshantering",
                    Projektplan,
                    "Hur länet genomför Naturvårdsverkets kampanj om illegal avfallshantering september 2026–maj 2027, med tidplan och ansvar.",
                    r#"# Projektplan – Upptäcka illegal avfallshantering

## Syfte
Genomföra en tillsynskampanj i länet parallellt med Naturvårdsverkets nationella kampanj och i linje med den nationella tillsynsstrategin. Kampanjen ska ge kunskap om hur illegal avfallshantering upptäcks och stärka den lokala tillsynen.

## Målgrupp
- Verksamheter som transporterar eller tar emot avfall: åkerier, byggföretag, demoleringsfirmor, skrothandlare
- Platser med upplag av avfall: industritomter, grustag, jordbruksfastigheter
- Insamlare och transportörer som ska vara registrerade i avfallsregistret

## Tidplan
| När | Vad |
|---|---|
| September 2026 | Uppstart, genomgång av Naturvårdsverkets material |
| Oktober 2026 – mars 2027 | Tillsynsbesök och kontroll av transportörer |
| April 2027 | Sammanställning i länet |
| Maj 2027 | Utvärdering och slutrapport |

## Ansvar
Utvecklingsledaren leder arbetet ihop med projektgruppen samt samordnaren för avfallsbrottslighet på Länsstyrelsen. Misstänkta brott anmäls enligt 26 kap. 2 § miljöbalken; rutinen tas upp i Miljöbrottsamverkan.

## Uppföljning
Sammanställning av resultat och slutrapport."#,
                ),
                doc(
                    "Tecken på illegal avfallshantering – stöd för inspektörer",
                    Informationsmaterial,
                    "Varningssignaler att vara uppmärksam på vid tillsyn och i tips från allmänheten, och hur iakttagelser dokumenteras.",
                    r#"# Tecken på illegal avfallshantering

## Varningssignaler på plats
- Upplag som växer över tid utan att något transporteras bort
- Blandat byggavfall (gips, isolering, tryckimpregnerat virke) som inte är sorterat
- Eldningsrester, smälta plaster eller aska på marken
- Nedgrävda massor med inslag av tegel, betong, plast eller armering
- Fordon och containrar utan märkning som kommer kvällstid

## Varningssignaler i handlingar
- Transportör saknas i avfallsregistret eller anger fel avfallskod
- Mottagningsanläggning ligger orimligt långt bort eller tar betalt långt under marknadspris
- Uppgifter i anmälan om anläggningsändamål stämmer inte med volymerna

## Dokumentera
1. Fotografera med datum och position (GPS-koordinater).
2. Anteckna registreringsnummer, firmanamn och personer på platsen.
3. Ta inte med avfall från platsen; säkra i stället bevis genom foto och anteckningar.
4. Kontakta samordnaren för avfallsbrottslighet på Länsstyrelsen vid misstanke om organiserad brottslighet.

## Tänk på
Åtalsanmälan görs när det finns misstanke om brott. Tillsynen kan fortsätta parallellt, men stäm av med polis eller åklagare innan du kontaktar den misstänkte."#,
                ),
            ],
        },
        ProjectRow {
            slug: "aterforsaljare-kemiska-produkter",
            name: "Återförsäljare – kemiska produkter och varor",
            description: "Vi kommer att genomföra en tillsynskampanj i länet under hösten 2026, parallellt med Kemikalieinspektionens nationella kampanj. Vårt arbete kommer att baseras på deras material och riktlinjer för att säkerställa att vi agerar i linje med den nya nationella tillsynsstrategin för ”Återförsäljare – kemiska produkter och varor”.",
            goal: "Syftet med denna tillsynskampanj är att, i samarbete med Kemikalieinspektionen, stärka tillsynen över kemiska produkter och varor i vårt län. Målet är att öka regelefterlevnaden, minska risker för hälsa och miljö samt bidra med lokala resultat och erfarenheter till det nationella projektet. Arbetet ska sammanfattas i en intern rapport.",
            parties: "Länets kommuner, Länsstyrelsen",
            period: ("2026-09-01", "2027-05-31"),
            networks: &["miljohandlaggartraffar"],
            tags: &[KEMIKALIER],
            documents: &[
                doc(
                    "Projektplan – Återförsäljare, kemiska produkter och varor",
                    Projektplan,
                    "Länets del i Kemikalieinspektionens nationella kampanj hösten 2026: urval av butiker, arbetsfördelning och rapportering.",
                    r#"# Projektplan – Återförsäljare, kemiska produkter och varor

## Bakgrund
Kemikalieinspektionen genomför hösten 2026 en nationell kampanj riktad mot återförsäljare. Kommunerna har tillsyn över handel med kemiska produkter och varor i sina kommuner. Genom att följa Kemikalieinspektionens material blir bedömningarna lika i hela landet.

## Urval
Varje deltagande kommun besöker minst fem butiker, till exempel
- byggvaruhus och järnhandel (färg, lim, fogmassor)
- lågprisbutiker och bensinstationer (spolarvätska, tändvätska, batterier)
- butiker som säljer leksaker och elektronik (farliga ämnen i varor)

## Genomförande
1. Gemensam digital genomgång av Kemikalieinspektionens checklista (september).
2. Oanmälda besök oktober–december 2026.
3. Brister följs upp med kommunicering och vid behov föreläggande eller sanktionsavgift.
4. Resultaten rapporteras till Kemikalieinspektionen och sammanställs för länet.

## Ansvar
Utvecklingsledaren ihop med projektgruppen. Kontaktperson hos Kemikalieinspektionen meddelas vid uppstarten."#,
                ),
                doc(
                    "Checklista – återförsäljare av kemiska produkter",
                    Checklista,
                    "Kontrollpunkter vid butiksbesök: märkning på svenska, säkerhetsdatablad, förbjudna ämnen, tillstånd för särskilt farliga produkter.",
                    r#"# Checklista – återförsäljare av kemiska produkter

## Märkning och information
- [ ] Är farliga kemiska produkter märkta enligt CLP med faropiktogram och texter på svenska?
- [ ] Finns leverantörens namn, adress och telefonnummer på förpackningen?
- [ ] Barnskyddande förslutning och kännbar varningsmärkning där det krävs?
- [ ] Kan butiken ta fram säkerhetsdatablad för de produkter som ska ha det?

## Försäljning
- [ ] Säljs produkter som är förbjudna eller begränsade enligt Reach bilaga XVII?
- [ ] Hålls produkter som kräver tillstånd eller åldersgräns bakom disk?
- [ ] Säljs växtskyddsmedel för yrkesmässigt bruk till privatpersoner?

## Varor
- [ ] Finns rutin för att svara på frågor om särskilt farliga ämnen (kandidatförteckningen) inom 45 dagar?
- [ ] Stickprov: leksaker, elektronik, smycken – finns leverantörens intyg?

## Egenkontroll
- [ ] Vem i butiken ansvarar för kemikaliefrågor?
- [ ] Hur får butiken information från sina leverantörer?

Brister i märkning kan leda till miljösanktionsavgift enligt förordningen om miljösanktionsavgifter; ta del av Kemikalieinspektionens vägledning innan beslut."#,
                ),
            ],
        },
        ProjectRow {
            slug: "handlaggarstod-masshantering",
            name: "Handläggarstöd masshantering",
            description: "Genomföra riktade erfarenhetsutbyten och kunskapsdelning mellan kommunerna med stöd av Naturvårdsverkets framtagna material och handläggarstöd. Tillsammans diskutera tillämpningen vid tillsyn av masshantering, identifiera gemensamma utmaningar och ta fram eventuella behov av regionalt anpassat stöd, exempelvis underlag på masshanteringsåkerier i länet som ett första steg inför framtida tillsynsprojekt. Ta fram informationsmaterial som syftar till att skapa möjlighet att få användning av de bra massorna.",
            goal: "Att främja en enhetlig och rättssäker tillsyn inom masshantering vid större exploateringar, med särskilt fokus på avfall och förorenade massor. Projektet ska bidra till ökad samsyn i länet genom Naturvårdsverkets vägledningar samt erfarenhetsutbyte mellan kommunerna och att identifiera befintliga verksamheter inom området.",
            parties: "Länets kommuner, Länsstyrelsen",
            period: ("2025-08-01", "2025-12-31"),
            networks: &["avfall", "miljohandlaggartraffar"],
            tags: &[MASSOR, AVFALL, FORORENADE],
            documents: &[
                doc(
                    "Handläggarstöd – schaktmassor och återvinning för anläggningsändamål",
                    Vagledning,
                    "Stöd för bedömning av anmälningar om återvinning av avfall för anläggningsändamål: när massor är avfall, vad som är ett verkligt anläggningsbehov och vilka underlag som krävs.",
                    r#"# Handläggarstöd – schaktmassor för anläggningsändamål

## När är massor avfall?
Schaktmassor som innehavaren gör sig av med, avser eller är skyldig att göra sig av med är avfall. Massor som återanvänds inom samma projekt kan i vissa fall vara biprodukt eller inte avfall alls – bedöm från fall till fall och dokumentera resonemanget.

## Anläggningsändamål eller bortskaffande?
Återvinning förutsätter att massorna ersätter material som annars hade behövts. Fråga:
- Finns ett verkligt behov av anläggningen (väg, bullervall, planering för byggnad)?
- Står volymen i rimlig proportion till behovet?
- Finns ritningar, höjder och en tidplan?

Saknas ett verkligt behov är det fråga om bortskaffande (deponering), som kräver tillstånd.

## Föroreningsrisk
| Risk | Hantering |
|---|---|
| Mindre än ringa | Ingen anmälan, men verksamhetsutövaren ska kunna visa bedömningen |
| Ringa | Anmälan till kommunen (C-verksamhet) |
| Mer än ringa | Tillstånd kan krävas |

Jämför med Naturvårdsverkets nivåer för mindre än ringa risk och med riktvärden för förorenad mark (KM/MKM). Ta hänsyn till platsen: vattenskyddsområde, närhet till brunnar och recipient.

## Underlag att begära
1. Massornas ursprung, mängd och tidigare användning av ursprungsplatsen
2. Provtagningsplan och analysresultat (metaller, PAH, alifater, aromater)
3. Karta och ritning över anläggningen med volymer
4. Beskrivning av kontroll av massor vid mottagningen

## Vanliga fallgropar
- Massor från flera ursprung blandas och går inte att spåra.
- ”Bullervall” utan bullerutredning.
- Anmälan görs efter att massorna redan lagts ut."#,
                ),
                doc(
                    "Bra massor ska användas – information till byggherrar och entreprenörer",
                    Informationsmaterial,
                    "Informationsblad som förklarar hur rena schaktmassor kan återanvändas lagligt och vad kommunen behöver veta i förväg.",
                    r#"# Bra massor ska användas

Rena schaktmassor är en resurs. Att köra dem långt till deponi kostar pengar och ger onödiga utsläpp. Med lite planering kan massorna användas igen – lagligt.

## Planera tidigt
- Ta reda på om marken där massorna grävs upp kan vara förorenad (tidigare industri, utfyllnad, bensinstation).
- Låt provta massorna innan schaktet börjar.
- Hitta en mottagare med ett verkligt behov: en väg, en planering, en vall.

## Kontakta miljökontoret
Om massorna är avfall och ska användas för anläggningsändamål kan det krävas en anmälan. Kontakta miljökontoret i god tid – handläggningen tar ofta sex veckor. Ha med dig:
1. var massorna kommer ifrån och hur mycket det är,
2. analysresultat,
3. var och hur massorna ska användas.

## Det här gäller inte som anläggningsändamål
Att fylla ut en sänka för att bli av med massor är inte en anläggning, även om ytan blir jämnare.

*Framtaget inom Miljösamverkan Jönköpings län, december 2025.*"#,
                ),
            ],
        },
        ProjectRow {
            slug: "prioriterade-fororenade-omraden",
            name: "Prioriterade förorenade områden",
            description: "Ta fram en projektplan med en tidplan. Vägledning kring vad som kan tas betalt för (kostnadstäckning), checklista inför tillsyn.",
            goal: "Handläggarstöd med fokus på samverkan. Genomföra riktade erfarenhetsutbyten och kunskapsdelning mellan kommunerna.",
            parties: "Länets kommuner, Länsstyrelsen",
            period: ("2026-08-01", "2026-12-31"),
            networks: &["miljohandlaggartraffar"],
            tags: &[FORORENADE, JURIDIK],
            documents: &[
                doc(
                    "Vägledning – avgifter och kostnadstäckning vid tillsyn av förorenade områden",
                    Vagledning,
                    "Vad kommunen kan ta betalt för i tillsynen över förorenade områden, och när kostnaderna inte kan tas ut av verksamhetsutövaren.",
                    r#"# Avgifter vid tillsyn av förorenade områden

## Utgångspunkt
Kommunen får ta ut avgift för tillsyn enligt 27 kap. 1 § miljöbalken och kommunens taxa. För förorenade områden tas avgiften normalt ut som timavgift för nedlagd handläggningstid.

## Det går att ta betalt för
- Granskning av anmälan om avhjälpandeåtgärd (28 § förordningen om miljöfarlig verksamhet och hälsoskydd)
- Handläggning av föreläggande om undersökning eller efterbehandling
- Platsbesök, samråd och granskning av slutrapport

## Det går normalt inte att ta betalt för
- Arbete med att utreda vem som är ansvarig innan en ansvarig har identifierats
- Inventering enligt MIFO fas 1 som kommunen gör på eget initiativ
- Tid för att besvara allmänhetens frågor

## Ansvarsutredning
Ansvaret följer 10 kap. miljöbalken: i första hand verksamhetsutövaren, i andra hand fastighetsägaren. Dokumentera ansvarsutredningen – den ligger till grund för vem avgiften riktas mot.

## Samverkan med Länsstyrelsen
Vid objekt som kan bli aktuella för bidrag (statliga medel för efterbehandling) ska Länsstyrelsen kontaktas tidigt."#,
                ),
                doc(
                    "Checklista inför tillsyn av förorenade områden",
                    Checklista,
                    "Förberedelser före första kontakten med en verksamhetsutövare eller fastighetsägare på ett prioriterat förorenat område.",
                    r#"# Checklista inför tillsyn av förorenade områden

- [ ] Hämta objektets uppgifter i EBH-stödet: branschklass, riskklass, MIFO-fas
- [ ] Läs tidigare undersökningar och beslut
- [ ] Ta fram fastighetsägare och historiska verksamhetsutövare (bolagsverket, arkiv)
- [ ] Gör en preliminär ansvarsutredning enligt 10 kap. miljöbalken
- [ ] Bedöm skyddsobjekt: dricksvattenbrunnar, vattenskyddsområde, recipient, bostäder, förskolor
- [ ] Finns pågående eller planerad exploatering (detaljplan, bygglov)?
- [ ] Stäm av med Länsstyrelsen om objektet kan bli bidragsobjekt
- [ ] Planera vilket underlag som ska begäras: översiktlig undersökning, provtagningsplan, riskbedömning
- [ ] Informera om att handläggningstid debiteras enligt taxan"#,
                ),
            ],
        },
        ProjectRow {
            slug: "ventilation-skola-forskola-vardlokaler",
            name: "Ventilation i skola/förskola och vårdlokaler",
            description: "Workshop, utbildning, samordna en träff för handläggare från hela Sverige digitalt, se om någon kommit längre i andra miljösamverkan. Ta del av andras erfarenheter när det gäller exempelvis vad som är viktigt att tänka på vid tillsyn. Inkludera även ett inledande avsnitt med helhetsperspektiv – vad som kan indikera bristfällig ventilation och hur sådana tecken kan identifieras vid tillsyn.",
            goal: "Utbildning kring tolkning av protokoll, projekterade värden.",
            parties: "Länets kommuner, Länsstyrelsen",
            period: ("2026-08-01", "2026-12-31"),
            networks: &["halsoskydd"],
            tags: &[INOMHUS, SKOLOR],
            documents: &[
                doc(
                    "Checklista – ventilation i skolor och förskolor",
                    Checklista,
                    "Kontrollpunkter vid tillsyn av ventilation i skol- och förskolelokaler: OVK, projekterade flöden, drifttider, mätning av koldioxid och temperatur.",
                    r#"# Checklista – ventilation i skolor och förskolor

Tillsyn enligt 9 kap. miljöbalken. Stöd: Folkhälsomyndighetens allmänna råd om ventilation (FoHMFS 2014:18). Obligatorisk ventilationskontroll (OVK) är byggnadsnämndens ansvar enligt plan- och bygglagen – samverka med byggnadsnämnden.

## Före besöket
- [ ] Begär senaste OVK-protokoll och eventuella åtgärdsintyg
- [ ] Begär uppgifter om projekterade luftflöden per rum och antal personer som rummen är dimensionerade för
- [ ] Fråga efter drifttider för ventilationen (vardagar, helger, lov)

## OVK-protokollet
- [ ] Datum för besiktning och nästa besiktning – är intervallet passerat?
- [ ] Resultat: godkänd eller ej godkänd? Vilka anmärkningar, och är de åtgärdade?
- [ ] Stämmer uppmätta flöden med projekterade flöden?
- [ ] Är rummen i dag använda på samma sätt och av lika många som när ventilationen projekterades?

## Rimlighetskontroll av flöden
Riktvärde i FoHMFS 2014:18: uteluftsflödet bör inte understiga 7 l/s per person plus 0,35 l/s per m² golvarea. Exempel för ett klassrum på 60 m² med 28 elever och en lärare:

| Del | Beräkning | Flöde |
|---|---|---|
| Personer | 29 × 7 l/s | 203 l/s |
| Golvarea | 60 × 0,35 l/s | 21 l/s |
| **Summa** | | **224 l/s** |

## Vid besöket
- [ ] Upplevs luften instängd? Klagomål på trötthet eller huvudvärk?
- [ ] Mät koldioxid under lektion: halter som varaktigt överstiger 1 000 ppm tyder på otillräcklig ventilation
- [ ] Mät temperatur och notera solinstrålning
- [ ] Är tilluftsdon och frånluftsdon fria (inte övertäckta av möbler, papper, textilier)?
- [ ] Hörs ventilationen (buller från don eller aggregat)?
- [ ] Går ventilationen på full drift under hela dagen, även vid uthyrning kvällstid?
- [ ] Byts filter enligt serviceplan? Finns drift- och skötselinstruktion?

## Egenkontroll
- [ ] Vem ansvarar för att anmäla fel på ventilationen och hur snabbt åtgärdas de?
- [ ] Finns rutin när fler personer ska vistas i ett rum än det är dimensionerat för?

## Bedömning
Otillräcklig ventilation kan innebära olägenhet för människors hälsa. Rikta krav till den som kan åtgärda bristen: verksamheten för användning och rutiner, fastighetsägaren för den tekniska installationen."#,
                ),
                doc(
                    "Tecken på bristfällig ventilation – helhetsperspektiv vid tillsyn",
                    Informationsmaterial,
                    "Inledande avsnitt till workshopen: vad som kan indikera bristfällig ventilation och hur det upptäcks vid tillsyn, utan mätinstrument.",
                    r#"# Tecken på bristfällig ventilation

## Vad du kan se
- Kondens på fönsterrutorna på morgonen
- Smutsränder vid tilluftsdon (luften virvlar men byts inte)
- Tilluftsdon som är tejpade, övermålade eller dolda bakom hyllor
- Fönster som står öppna vintertid – ofta ett tecken på att luften upplevs dålig eller varm

## Vad du kan höra och känna
- Instängd luft när du kommer in efter en lektion
- Drag eller kalla luftströmmar vid fötterna (personalen har kanske strypt donen)
- Tyst aggregat – är ventilationen ens igång?

## Vad du kan fråga
- Har antalet elever eller barn ökat sedan lokalerna byggdes om?
- Har rummet bytt användning (t.ex. förråd till grupprum)?
- Stängs ventilationen av kvällstid och startar den i tid på morgonen?

## Nästa steg
Tecken är inte bevis. Begär OVK-protokoll och projekterade värden och jämför dem med hur rummet används i dag. Vid osäkerhet: mät koldioxid under en lektion eller begär att verksamhetsutövaren gör det."#,
                ),
            ],
        },
        ProjectRow {
            slug: "yrkesresan",
            name: "Yrkesresan",
            description: "Utvecklingsprojekt inom framtida miljöbalkstillsyn i fem steg: kartläggning av kompetensbehov genom enkät i två delar (del A – baskompetens, besvaras av chefer; del B – framtida kompetensbehov, besvaras av medarbetarna), analys och identifiering av utvecklingsområden, utformning av utvecklingsinsatser, genomförande av insatser samt uppföljning och vidare planering. Projektledaren ska under 2026 även identifiera fonder och finansiärer för projektet efter 2026.",
            goal: "Identifiera kompetensbehov inom miljösamverkan i länet och ta fram en modell som kan användas av kommunerna för att tydliggöra vilka baskompetenser som krävs vid nyanställning av miljöinspektörer, samt vilka kompetensutvecklingsbehov befintliga inspektörer har för att möta framtida krav och utmaningar inom miljöbalkstillsynen. Modellen ska ge stöd till chefer i strategisk kompetensplanering och därefter fastställas av styrgruppen.",
            parties: "Länets kommuner",
            period: ("2026-01-01", "2029-12-31"),
            networks: &["referensgrupp-yrkesresan", "kontaktpersoner"],
            tags: &[],
            documents: &[
                doc(
                    "Projektplan – Yrkesresan",
                    Projektplan,
                    "Steg, tidplan och ansvar för kartläggningen av miljöinspektörers kompetensbehov 2026–2029.",
                    r#"# Projektplan – Yrkesresan

## Steg och tidplan
| Steg | Innehåll | Tid | Uppföljning |
|---|---|---|---|
| 1 | Kartläggning av kompetensbehov, enkät del A och B | 2026 | Sammanställning av enkätresultat |
| 2 | Analys och identifiering av utvecklingsområden, finansiering | 2026 | Dokumenterad analys och prioriteringsunderlag |
| 3 | Utformning av utvecklingsinsatser | Våren 2027 | Planeringsdokument och tidplan |
| 4 | Genomförande av insatser | 2027–2029 | Utvärdering efter varje insats |
| 5 | Uppföljning och vidare planering | 2027–2029 | Årlig uppföljningsrapport |

## Enkäten
- **Del A – Baskompetens.** Besvaras av chefer med personalansvar för inspektörer. Den kompetensbaserade rekryteringsanalysen från Jönköpings län används som underlag.
- **Del B – Framtida kompetensbehov.** Besvaras av medarbetarna själva, i relation till miljösamverkans strategi och kommande utmaningar.

Frågorna ska vara neutralt formulerade och syftet förklaras för deltagarna.

## Finansiering
Under 2026 undersöks Europeiska socialfonden Plus (ESF+), regionala program inom Regionalfonden och Vinnova.

## Ansvar
Referensgruppen."#,
                ),
                doc(
                    "Enkät del A – baskompetens (mall)",
                    Mall,
                    "Mall för enkätens del A till chefer: vilka kunskaper och färdigheter som krävs av en nyanställd miljöinspektör.",
                    r#"# Enkät del A – baskompetens

*Besvaras av chefer med personalansvar för miljö- och hälsoskyddsinspektörer. Svaren sammanställs per län, inte per kommun.*

## Om er organisation
1. Hur många inspektörer (årsarbetskrafter) arbetar med miljöbalkstillsyn hos er?
2. Hur många har slutat de senaste två åren?

## Baskompetens vid nyanställning
Ange hur viktig varje kompetens är vid nyanställning (1 = inte viktig, 5 = nödvändig).

| Kompetens | 1 | 2 | 3 | 4 | 5 |
|---|---|---|---|---|---|
| Miljöbalken och förvaltningslagen | | | | | |
| Att skriva beslut och kommunicera | | | | | |
| Provtagning och mätning | | | | | |
| Riskbedömning | | | | | |
| Bemötande och konflikthantering | | | | | |
| Digitala verktyg och verksamhetssystem | | | | | |

## Öppna frågor
3. Vilken kunskap saknar nyanställda oftast?
4. Vilken introduktion ger ni i dag, och hur lång är den?"#,
                ),
            ],
        },
        ProjectRow {
            slug: "digitalisering-gemensamt-verksamhetssystem",
            name: "Digitalisering – gemensamt verksamhetssystem",
            description: "Steg 1: sammanställa och analysera enkätresultaten. Steg 2: processkartläggning och formulering av målbild genom workshoppar med kommunernas representanter. Steg 3: behovsformulering och kravspecifikation med verksamheten och IT-avdelningarna, möten med leverantörer och omvärldsbevakning. Steg 4: beslutsunderlag och väg framåt – besluta om det finns förutsättningar för en gemensam upphandling och utreda möjlig upphandlingsform.",
            goal: "Skapa en gemensam bild av nuläget och de behov som finns i kommunerna, en gemensam vision för framtida arbetssätt och ett beslutsunderlag i form av kravspecifikation inför eventuell upphandling.",
            parties: "Referensgruppen",
            period: ("2025-08-01", "2026-12-31"),
            networks: &["referensgrupp-verksamhetssystem"],
            tags: &[],
            documents: &[
                doc(
                    "Minnesanteckningar – workshop 2, processkartläggning",
                    Protokoll,
                    "Anteckningar från referensgruppens andra workshop om hur ärenden handläggs i kommunerna i dag.",
                    r#"# Minnesanteckningar – workshop 2, processkartläggning

**Datum:** 2025-11-13, digitalt
**Närvarande:** representanter från elva kommuner, utvecklingsledaren

## 1. Genomgång av enkätresultatet
Kommunerna använder i dag fyra olika verksamhetssystem. Alla uppger att rapportuttag och statistik är svårt, och sju kommuner för parallella listor i kalkylark.

## 2. Ärendetyper
Gruppen kartlade flödet för tre ärendetyper: anmälan om värmepump, anmälan om små avlopp och klagomål på inomhusmiljö. Skillnaderna mellan kommunerna ligger främst i hur beslut skrivs och expedieras, inte i själva handläggningen.

## 3. Målbild, första utkast
- Ett ärende ska kunna följas från inkommen handling till arkiv utan dubbelregistrering.
- E-tjänster ska skapa ärenden direkt i systemet.
- Tillsynsplan och behovsutredning ska kunna tas fram ur systemet.

## 4. Till nästa gång
Utvecklingsledaren skickar utkastet till målbild till kommunerna för synpunkter. Nästa workshop: kravområden och kontakt med IT-avdelningarna."#,
                ),
                doc(
                    "Projektplan med kravområden – gemensamt verksamhetssystem",
                    Projektplan,
                    "Projektets fyra steg med tidplan, och utkastet till funktionella och tekniska krav som referensgruppen arbetar med under 2026.",
                    r#"# Projektplan – gemensamt verksamhetssystem

## Steg och tidplan
| Steg | Innehåll | Tid |
|---|---|---|
| 1 | Sammanställning av enkätundersökningen | Hösten 2025 |
| 2 | Processkartläggning och formulering av målbild | Hösten 2025 |
| 3 | Behovsformulering och kravspecifikation | Våren 2026 |
| 4 | Beslutsunderlag och väg framåt | Hösten 2026 |

Beslutsunderlaget förankras i referensgruppen och eventuellt i styrgruppen. Dialogmöten hålls med kommunerna om upphandlingsform och samverkansmodell.

# Kravspecifikation (utkast 2)

## Funktionella krav
| Nr | Krav | Prioritet |
|---|---|---|
| F1 | Ärenden skapas automatiskt från e-tjänster | Ska |
| F2 | Tillsynsobjekt med historik, riskklass och avgift | Ska |
| F3 | Stöd för behovsutredning och tillsynsplan | Ska |
| F4 | Mallar för beslut, förelägganden och kommunicering | Ska |
| F5 | Mobil inspektion med foto och checklistor | Bör |
| F6 | Statistik per ärendetyp och kommun | Ska |

## Tekniska krav
- Integration med kommunens e-arkiv och diarium
- Inloggning med kommunens identitetslösning
- Data lagras inom EU/EES

## Öppna frågor
- Ska systemet hyras som tjänst eller driftas av en kommun?
- Hur hanteras migrering av äldre ärenden?"#,
                ),
            ],
        },
    ]
};

/// Kind of forum thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreadKind {
    /// Fråga: may get a reply marked as the solution.
    Question,
    Discussion,
    /// Anslag on the network's notice board.
    Announcement,
}

/// A forum thread with its opening post and replies.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadDef {
    /// Slug of the network in [`networks()`].
    pub network: &'static str,
    pub kind: ThreadKind,
    pub title: &'static str,
    /// Names of tags in [`tags()`].
    pub tags: Vec<&'static str>,
    /// Index into [`people()`] of who started the thread.
    pub author: usize,
    /// The opening post, Markdown.
    pub body: &'static str,
    /// When the thread was started, local time "YYYY-MM-DD HH:MM" (Europe/Stockholm).
    pub started_at: &'static str,
    /// Replies in order: (index into [`people()`], Markdown).
    pub posts: Vec<(usize, &'static str)>,
    /// Index into `posts` of the reply marked as the solution (questions only).
    pub accepted: Option<usize>,
}

/// A thread before authors are resolved to indexes.
struct ThreadRow {
    network: &'static str,
    kind: ThreadKind,
    title: &'static str,
    tags: &'static [&'static str],
    author: &'static str,
    started_at: &'static str,
    body: &'static str,
    posts: &'static [(&'static str, &'static str)],
    accepted: Option<usize>,
}

/// Realistic threads: 3–5 per open network, 1–2 per members-only network.
pub fn threads() -> Vec<ThreadDef> {
    THREADS
        .iter()
        .map(|row| ThreadDef {
            network: row.network,
            kind: row.kind,
            title: row.title,
            tags: row.tags.to_vec(),
            author: who(row.author),
            body: row.body,
            started_at: row.started_at,
            posts: row
                .posts
                .iter()
                .map(|&(name, body)| (who(name), body))
                .collect(),
            accepted: row.accepted,
        })
        .collect()
}

const THREADS: &[ThreadRow] = {
    use ThreadKind::*;
    &[
        // ── Små avlopp ──────────────────────────────────────────────────────────────────────
        ThreadRow {
            network: "sma-avlopp",
            kind: Question,
            title: "Fosforkrav för små avlopp i känsliga områden – när kräver ni hög skyddsnivå?",
            tags: &[SMA_AVLOPP, VATTEN],
            author: "Jonas Lindahl",
            started_at: "2026-02-03 09:14",
            body: r#"Hej alla!

Vi har fått in en ansökan om tillstånd för en ny avloppsanläggning till en permanentbostad ungefär 250 meter från en sjö som inte uppnår god ekologisk status på grund av övergödning. Sökanden vill anlägga en markbädd utan fosforrening.

Enligt HaV:s allmänna råd (HVMFS 2016:17) kan vi ställa krav på **hög skyddsnivå för miljöskydd**, alltså minst 90 % reduktion av totalfosfor i stället för 70 % vid normal skyddsnivå.

Hur gör ni?
1. Har ni pekat ut områden med hög skyddsnivå i förväg (karta, nämndbeslut) eller bedömer ni varje fall för sig?
2. Vilka lösningar godtar ni – markbädd med fosforfälla, minireningsverk med kemisk fällning, något annat?
3. Hur följer ni upp att fosforfällan faktiskt byts?"#,
            posts: &[
                (
                    "Erik Johansson",
                    r#"Vi har ett nämndbeslut från 2023 med en karta över områden med hög skyddsnivå för miljöskydd: avrinningsområden till vattenförekomster som inte når god status för näringsämnen, plus 100 meter från sjöar och vattendrag. Kartan ligger i vår GIS-tjänst så att sökande ser den redan innan de ansöker.

Inom områdena godtar vi
- markbädd eller infiltration med efterföljande fosforfälla (filtermaterial i säck eller behållare),
- minireningsverk med kemisk fällning och serviceavtal.

I beslutet skriver vi in att filtermaterialet ska bytas enligt tillverkarens anvisning eller när provtagning visar att reningen försämrats, och att kvitto på byte ska sparas och visas på begäran. Det har fungerat bra – en tydlig karta gör att vi slipper diskussionen i varje enskilt ärende."#,
                ),
                (
                    "Lena Mårtensson",
                    r#"Bra fråga! Från Länsstyrelsens sida vill jag bara påminna om att kravet på hög skyddsnivå måste motiveras i det enskilda beslutet även om ni har en karta. Hänvisa till recipientens status i VISS och miljökvalitetsnormen, och beskriv varför utsläppet från just den här anläggningen bidrar.

Mark- och miljööverdomstolen har i flera avgöranden godtagit hög skyddsnivå när kommunen kunnat visa att recipienten är övergödd och att avloppet påverkar den. Där kommunen bara hänvisat till en generell policy har det gått sämre."#,
                ),
                (
                    "Mattias Berg",
                    r#"Vi gör ungefär som Värnamo. En sak vi lagt till: vid tillsynsbesök ber vi att få se fosforfällan och leveransbeskedet för senaste filterbytet. Ungefär var femte anläggning vi besökte förra året hade inte bytt filtermaterial i tid, så uppföljningen behövs."#,
                ),
                (
                    "Jonas Lindahl",
                    "Tack, väldigt användbart! Vi tar med kartfrågan till nämnden och skriver motiveringen utifrån VISS i det här ärendet.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "sma-avlopp",
            kind: Question,
            title: "Vattenskyddsområdet och den nya avloppsanläggningen – får man infiltrera i sekundär zon?",
            tags: &[SMA_AVLOPP, VATTEN],
            author: "Fredrik Blom",
            started_at: "2026-03-10 13:40",
            body: r#"Vi har en ansökan om en ny avloppsanläggning för ett fritidshus som ska permanentas. Fastigheten ligger inom sekundär skyddszon i vattenskyddsområdet för den kommunala vattentäkten. Sökanden vill ha slamavskiljare och infiltration.

Skyddsföreskrifterna säger att infiltration av hushållsspillvatten är förbjuden i primär zon och kräver tillstånd i sekundär zon. Frågan är hur ni handlägger sådana ärenden:

- Gör ni ett beslut med både tillstånd enligt skyddsföreskrifterna och tillstånd enligt 13 § förordningen om miljöfarlig verksamhet och hälsoskydd?
- Vilka utredningar kräver ni om grundvattnet?
- Godtar ni infiltration överhuvudtaget inom vattenskyddsområdet?"#,
            posts: &[
                (
                    "Tobias Engström",
                    r#"Vi samordnar det i ett och samma beslut, med två rättsliga grunder: tillstånd enligt skyddsföreskrifterna (meddelade med stöd av 7 kap. 30 § miljöbalken) och tillstånd enligt 13 § FMH. Då blir det ett överklagbart beslut och sökanden slipper två processer.

Inom vattenskyddsområdet godtar vi sällan infiltration. Oftast blir det minireningsverk eller markbädd med tät botten och utsläpp nedströms täkten, eller sluten tank för WC-vatten."#,
                ),
                (
                    "Lena Mårtensson",
                    r#"Kontrollera först **vem som är tillståndsmyndighet** enligt just de föreskrifterna. I många äldre vattenskyddsområden är det Länsstyrelsen som prövar tillstånd och dispenser, i nyare är det ofta kommunens nämnd. Står det ”tillsynsmyndigheten” är det kommunen.

Oavsett vilket: anläggningen ska uppfylla hög skyddsnivå för hälsoskydd inom vattenskyddsområdet, och anläggningens placering i förhållande till grundvattnets strömningsriktning behöver redovisas."#,
                ),
                (
                    "Per-Erik Lund",
                    "Vi kräver en enklare hydrogeologisk bedömning när någon vill infiltrera inom vattenskyddsområdet: jordart, avstånd till grundvattenytan vid högsta nivå (provgrop på våren), avstånd och riktning till täkten och närmaste brunnar. Sökanden brukar välja en tät lösning när de ser vad utredningen kostar.",
                ),
                (
                    "Fredrik Blom",
                    "Tack alla tre. Hos oss är det kommunen som prövar enligt föreskrifterna, så vi gör ett samordnat beslut och begär en bedömning av grundvattnet innan vi tar ställning.",
                ),
            ],
            accepted: Some(1),
        },
        ThreadRow {
            network: "sma-avlopp",
            kind: Discussion,
            title: "Minireningsverk – hur följer ni upp service och provtagning?",
            tags: &[SMA_AVLOPP],
            author: "Henrik Nyberg",
            started_at: "2026-04-21 10:05",
            body: r#"Vi har ungefär 300 minireningsverk i kommunen, de flesta installerade 2012–2018. I besluten står att serviceprotokoll ska sparas, men vi får nästan aldrig in några och vet inte hur många som faktiskt fungerar.

Hur gör ni? Kräver ni årlig rapportering, eller gör ni stickprov? Och hur hanterar ni anläggningar där tillverkaren har gått i konkurs?"#,
            posts: &[
                (
                    "Daniel Forsberg",
                    "Vi införde 2024 att serviceföretaget skickar protokollet direkt till oss (det står i nya beslut). För äldre anläggningar skickade vi ett brev med begäran om senaste serviceprotokoll – ungefär 60 % svarade. De som inte svarade fick ett tillsynsbesök.",
                ),
                (
                    "Niklas Håkansson",
                    r#"Vi provtar själva ett tiotal minireningsverk per år, utgående vatten, och jämför med tillverkarens utlovade reningsgrad. Det är dyrt men ger mycket bra underlag. Resultaten har varit blandade: ungefär hälften klarar fosforkravet.

För anläggningar där tillverkaren gått i konkurs kräver vi att fastighetsägaren tecknar serviceavtal med en annan servicefirma som kan visa att de har kunskap om modellen."#,
                ),
                (
                    "Viktor Hedlund",
                    "Intressant! Vi har pratat om att ta fram ett gemensamt formulär för serviceprotokoll i länet, så att servicefirmorna rapporterar samma uppgifter till alla kommuner. Kan vi ta upp det på nätverksträffen?",
                ),
                (
                    "Henrik Nyberg",
                    "Bra idé, @viktor.hedlund – jag anmäler det som punkt till nästa träff.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "sma-avlopp",
            kind: Question,
            title: "Slamavskiljare utan efterföljande rening – förbud med vite direkt?",
            tags: &[SMA_AVLOPP, JURIDIK],
            author: "Viktor Hedlund",
            started_at: "2026-05-06 08:52",
            body: r#"Vid inventeringen av ett område runt en sjö hittade vi 38 fastigheter som bara har slamavskiljare (trekammarbrunn) och sedan utsläpp direkt till dike. Några av avloppsanläggningarna är från 1960-talet.

Hur går ni vidare i sådana fall? Förelägger ni först om åtgärd med en tidsfrist, eller beslutar ni direkt om förbud att släppa ut avloppsvatten efter ett visst datum? Och vilken vitesnivå använder ni?"#,
            posts: &[
                (
                    "Karin Holmqvist",
                    r#"Vi beslutar om **förbud att släppa ut avloppsvatten** från fastigheten efter ett visst datum, normalt ungefär ett och ett halvt år fram, så att fastighetsägaren hinner söka tillstånd och anlägga. Förbudet förenas med vite.

Innan beslut kommunicerar vi alltid ett förslag till beslut och informerar om vad som krävs för en godkänd avloppsanläggning."#,
                ),
                (
                    "Erik Johansson",
                    "Samma här. Vi har använt 25 000 kronor som vite för permanentboende och lite lägre för fritidshus. Det viktiga är att vitet är så stort att det blir billigare att åtgärda än att betala. Inför varje inventeringsområde har vi ett informationsmöte för fastighetsägarna – det minskar antalet överklaganden.",
                ),
                (
                    "Cecilia Persson",
                    "Tänk på att förbudet ska rikta sig mot den som är verksamhetsutövare, normalt fastighetsägaren. Vid dödsbon har vi fått börja om när det visade sig att fastigheten sålts under handläggningen, så kolla lagfarten precis innan beslutet.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "sma-avlopp",
            kind: Announcement,
            title: "Nätverksträff små avlopp 19 mars 2026 – anmälan öppen",
            tags: &[SMA_AVLOPP],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-02-09 11:00",
            body: r#"Välkomna till vårens nätverksträff för er som arbetar med små avlopp!

**När:** torsdag 19 mars 2026 kl. 09.00–15.30
**Var:** Länsstyrelsen, Hamngatan 4, Jönköping (går även att delta digitalt)
**Sista anmälningsdag:** 5 mars

Preliminärt program:
- Nytt från Havs- och vattenmyndigheten om små avloppsanläggningar
- Hög skyddsnivå – hur motiverar vi kraven? (Länsstyrelsen)
- Erfarenheter av inventering och förbud med vite, två kommuner berättar
- Gemensamt formulär för serviceprotokoll från minireningsverk

Anmäl dig via kalendern här i Samsyn."#,
            posts: &[
                (
                    "Mattias Berg",
                    "Vi kommer två från Tranås.",
                ),
                (
                    "Daniel Forsberg",
                    "Går det att delta digitalt på förmiddagen och sedan på plats efter lunch?",
                ),
                (
                    UTVECKLINGSLEDARE,
                    "Ja, det går bra. Länken till det digitala deltagandet skickas ut dagen innan.",
                ),
            ],
            accepted: None,
        },
        // ── Hälsoskydd ──────────────────────────────────────────────────────────────────────
        ThreadRow {
            network: "halsoskydd",
            kind: Question,
            title: "Legionella i äldreboendets varmvatten – vilka temperaturer kräver ni?",
            tags: &[LEGIONELLA, SKOLOR],
            author: "Louise Hermansson",
            started_at: "2026-01-20 14:22",
            body: r#"Vid tillsyn på ett äldreboende mätte vi 47 °C på tappvarmvattnet efter två minuters spolning i tre av tio lägenheter. Returtemperaturen på varmvattencirkulationen (VVC) låg på 45 °C.

Boverkets byggregler anger minst 50 °C vid tappstället och 60 °C i beredaren, men det gäller ju nybyggnad. Vad kräver ni i befintliga byggnader med särskilt känsliga brukare?

- Föreläggande om temperaturhöjning direkt, eller först provtagning för legionella?
- Vilka gränsvärden för legionella använder ni när ni bedömer provsvaren?"#,
            posts: &[
                (
                    "Anna Svensson",
                    r#"Vi bedömer det enligt 9 kap. miljöbalken: på ett äldreboende finns personer med nedsatt immunförsvar, och 45 °C i VVC-returen innebär risk för tillväxt av legionella. Vi kräver att fastighetsägaren

1. höjer temperaturen så att varmvattnet håller minst 50 °C vid alla tappställen och i VVC-returen,
2. tar fram en rutin för spolning av tappställen som används sällan (tomma lägenheter, gästtoaletter),
3. mäter och dokumenterar temperaturerna i egenkontrollen, minst varje månad.

Provtagning kräver vi när temperaturerna varit låga under en längre tid eller vid fall av legionellasjukdom. Vi använder Folkhälsomyndighetens vägledning om legionella för att bedöma halterna, och proverna ska analyseras av ett ackrediterat laboratorium."#,
                ),
                (
                    "Linnea Sjöberg",
                    "Glöm inte skållningsrisken när temperaturen höjs – på äldreboenden behövs termostatblandare nära tappstället, särskilt i duschar. Vi skriver in det i föreläggandet så att åtgärden inte skapar ett nytt problem.",
                ),
                (
                    "Malin Axelsson",
                    "Vi hade ett liknande fall i höstas. Fastighetsägaren höjde temperaturen i beredaren men VVC-returen låg kvar på 46 °C – felet var en trasig cirkulationspump och dålig injustering. Be om injusteringsprotokoll för VVC-systemet, det avslöjar mycket.",
                ),
                (
                    "Louise Hermansson",
                    "Tack @anna.svensson och alla andra! Vi förelägger enligt Annas punkter och tar med termostatblandarna.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "halsoskydd",
            kind: Question,
            title: "Radonmätning i förskolor – godtar ni korttidsmätning?",
            tags: &[INOMHUS, SKOLOR],
            author: "Josefin Nord",
            started_at: "2026-04-14 09:30",
            body: r#"En förskola har skickat in en korttidsmätning av radon, sju dagar med digital mätare i april, som visar 180 Bq/m³. Referensnivån är 200 Bq/m³.

Förvaltningen vill att vi nöjer oss med det. Godtar ni korttidsmätningar, eller kräver ni alltid en ny mätning under eldningssäsongen?"#,
            posts: &[
                (
                    "Hanna Lundgren",
                    r#"Nej, vi godtar inte korttidsmätning som underlag för bedömning mot referensnivån. Mätningen ska göras enligt Strålsäkerhetsmyndighetens metodbeskrivning för mätning av radon på arbetsplatser och i lokaler: långtidsmätning med spårfilm under minst två månader under eldningssäsongen (1 oktober–30 april), och analys av ett ackrediterat laboratorium.

En korttidsmätning på 180 Bq/m³ är dessutom nära referensnivån, så en långtidsmätning behövs verkligen här."#,
                ),
                (
                    "Rebecka Jansson",
                    "Fråga också efter ventilationens drifttider. Om ventilationen stängs av på kvällar och helger kan radonhalten under dagtid bli lägre än ett dygnsmedelvärde – eller tvärtom om den startar sent på morgonen. Mätningen ska spegla när barnen faktiskt är där.",
                ),
                (
                    "Anna Svensson",
                    "Bra svar ovan. Vi påminner också om att det är verksamhetsutövaren som ansvarar för mätningen i egenkontrollen, inte vi. Vi skriver ett föreläggande om mätning om de inte gör det frivilligt.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "halsoskydd",
            kind: Discussion,
            title: "OVK-brister i skolor – hur får ni fastighetsägaren att åtgärda?",
            tags: &[INOMHUS, SKOLOR],
            author: "Malin Axelsson",
            started_at: "2026-09-08 15:10",
            body: r#"Vid tillsyn på skolor i höst har vi sett flera OVK-protokoll med resultatet ”ej godkänd” där åtgärdsfristen gått ut för länge sedan. OVK är byggnadsnämndens sak enligt plan- och bygglagen, men bristande ventilation i klassrummen är ju vår fråga enligt miljöbalken.

Hur samarbetar ni med byggnadsnämnden? Och förelägger ni själva om ventilationen, eller väntar ni på att byggsidan agerar?"#,
            posts: &[
                (
                    "Hanna Lundgren",
                    "Vi har en gemensam rutin med bygglovsavdelningen: vi skickar över OVK-protokoll med ej åtgärdade anmärkningar, och de skickar oss listan över skolor och förskolor med passerad besiktning. Ofta räcker det att byggsidan påminner om besiktningen.",
                ),
                (
                    "Maja Fransson",
                    "Vi har förelagt enligt miljöbalken när vi kunnat visa olägenhet, t.ex. koldioxidmätningar över 1 500 ppm under lektion. Då spelar det mindre roll vad OVK säger. Men det blir starkare om vi kan hänvisa till projekterade flöden, så vi begär alltid dem.",
                ),
                (
                    "Ida Wallin",
                    "Ett tips är att läsa protokollet noga: ”godkänd” betyder bara att systemet fungerar som det var tänkt när det byggdes. Har klassen vuxit från 20 till 30 elever kan ventilationen vara otillräcklig ändå.",
                ),
                (
                    "Josefin Nord",
                    "Det här blir ett bra underlag till workshopen i ventilationsprojektet i december! Där ska vi just gå igenom tolkning av protokoll och projekterade värden.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "halsoskydd",
            kind: Question,
            title: "Höga inomhustemperaturer på äldreboende – vad kan vi kräva?",
            tags: &[HALSOSKYDD, SKOLOR, INOMHUS],
            author: "Maja Fransson",
            started_at: "2026-08-18 10:45",
            body: r#"Under värmeböljan i juli fick vi klagomål från anhöriga på ett äldreboende där det varit 29–30 °C inne i flera dagar. Personalen har gjort vad de kan med fläktar och extra vätska, men byggnaden har stora fönster mot söder och ingen solavskärmning.

Folkhälsomyndighetens allmänna råd om temperatur inomhus anger att operativ temperatur varaktigt över 26 °C sommartid kan vara en olägenhet. Vad har ni krävt i liknande fall, och av vem – verksamheten eller fastighetsägaren?"#,
            posts: &[
                (
                    "Linnea Sjöberg",
                    "Titta på checklistan och projektrapporten från projektet ”Hälsoskyddstillsyn i ett varmare klimat” här i Samsyn. Vi riktade krav på rutiner till verksamheten och krav på solavskärmning till fastighetsägaren. Det viktiga är att mäta operativ temperatur på rätt sätt och dokumentera hur länge det varit varmt.",
                ),
                (
                    "Louise Hermansson",
                    "Vi förelade en fastighetsägare om utvändig solavskärmning på söderfasaden efter två somrar med mätningar över 27 °C. Det överklagades inte. Första sommaren räckte det med ett kommunicerat krav på rutiner och ett svalt rum per avdelning.",
                ),
                (
                    UTVECKLINGSLEDARE,
                    "Projektrapporten föreslår att kampanjen upprepas 2028, så era erfarenheter är värdefulla – skriv gärna en rad här när ni fått svar från fastighetsägaren!",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "halsoskydd",
            kind: Question,
            title: "Anmälningsplikt för fotvård utan stickande verktyg?",
            tags: &[HYGIENISK],
            author: "Ida Wallin",
            started_at: "2026-10-02 13:05",
            body: "En fotvårdare har öppnat i kommunen och säger att hon bara använder fil och slipmaskin, aldrig skalpell. Hon menar att verksamheten därför inte är anmälningspliktig enligt 38 § förordningen om miljöfarlig verksamhet och hälsoskydd. Hur bedömer ni?",
            posts: &[
                (
                    "Louise Hermansson",
                    r#"Vi bedömer att fotvård nästan alltid är anmälningspliktig. Även med slipmaskin och nagelsax kan det uppstå småsår och blödning, och då finns risk för blodsmitta – det är den risken som avgör, inte vilket verktyg man tänkt använda.

Vi brukar be verksamhetsutövaren beskriva hur de gör om det börjar blöda. Då blir det oftast tydligt att anmälan behövs, och de får samtidigt hjälp med sina hygienrutiner."#,
                ),
                (
                    "Maja Fransson",
                    "Samma bedömning hos oss. Ren fotmassage eller pedikyr utan att man tar bort förhårdnader skulle kunna vara undantaget, men då är det inte längre fotvård i vanlig mening.",
                ),
            ],
            accepted: None,
        },
        // ── Lantbrukstillsyn ────────────────────────────────────────────────────────────────
        ThreadRow {
            network: "lantbrukstillsyn",
            kind: Question,
            title: "Gödselhantering nära vattentäkt – stuka på åkern inom skyddszonen",
            tags: &[LANTBRUK, VATTEN],
            author: "Martin Claesson",
            started_at: "2026-03-24 07:58",
            body: r#"En lantbrukare lägger fastgödsel i stuka på åkern, ungefär 80 meter från en grannes grävda brunn och inom sekundär zon i vattenskyddsområdet för den kommunala vattentäkten. Grannen har klagat efter att brunnsvattnet fått förhöjda halter av koliforma bakterier.

Vad kräver ni i sådana fall? Går det att förelägga om att stukan flyttas, och i så fall hur långt?"#,
            posts: &[
                (
                    "Anders Pettersson",
                    r#"Börja med skyddsföreskrifterna för vattenskyddsområdet: många förbjuder upplag av gödsel i primär zon och kräver tillstånd eller anmälan i sekundär. Har gården inte sökt blir det en ren föreskriftsfråga.

Oavsett föreskrifterna gäller hänsynsreglerna i 2 kap. miljöbalken och Jordbruksverkets regler om lagring av gödsel. En stuka ska läggas så att avrinning inte når brunnar, diken eller ytvatten, och inte på samma plats år efter år. Att kräva en placering som ligger nedströms och på betryggande avstånd från brunnen är rimligt – vi har sett krav på flera hundra meter godtas när grundvattnet strömmar mot brunnen."#,
                ),
                (
                    "Oskar Widén",
                    "Be också om att få se gårdens lagringskapacitet. Stukor på åkern blir ofta en lösning när gödselplattan är för liten, och då är det den som är det egentliga problemet.",
                ),
                (
                    "Niklas Håkansson",
                    "Vi har haft ett liknande fall där brunnsvattnet provtogs före och efter spridningssäsongen. Skillnaden var tydlig och räckte som underlag för ett föreläggande om att flytta stukan. Provtagningen bekostades av grannen, men det gjorde saken mycket enklare.",
                ),
                (
                    "Martin Claesson",
                    "Tack! Föreskrifterna kräver faktiskt tillstånd för upplag i sekundär zon, så vi börjar där och tar upp lagringskapaciteten vid samma besök.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "lantbrukstillsyn",
            kind: Question,
            title: "Spridning av växtskyddsmedel nära enskild brunn – vilket skyddsavstånd?",
            tags: &[LANTBRUK, VATTEN, KEMIKALIER],
            author: "Gustav Rydén",
            started_at: "2026-06-02 16:20",
            body: "En villaägare har klagat på att grannen som är lantbrukare sprutar bekämpningsmedel ända fram till tomtgränsen, där villaägarens brunn ligger. Vad kräver ni för skyddsavstånd till enskilda brunnar, och hur kontrollerar ni det i efterhand?",
            posts: &[
                (
                    "Henrik Nyberg",
                    "Vi utgår från Naturvårdsverkets föreskrifter om spridning av växtskyddsmedel och kräver att lantbrukaren använder Hjälpredan för att beräkna anpassat skyddsavstånd vid varje spridningstillfälle. Sprutjournalen ska visa vilket avstånd som hållits, vind och temperatur.",
                ),
                (
                    "Anders Pettersson",
                    r#"Komplettera med att kontrollera om det finns villkor på produktens etikett om skyddsavstånd till vatten – de gäller alltid och kan vara längre än det Hjälpredan ger.

Vid en enskild brunn kan ni dessutom med stöd av 2 kap. miljöbalken kräva ett större fast avstånd om brunnen är grund eller ligger nedströms fältet. Det har hållit vid överprövning i länet."#,
                ),
                (
                    "Viktor Hedlund",
                    "Begär sprutjournalen för hela säsongen och jämför med SMHI:s vinddata för dagarna. Det är ofta där det brister.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "lantbrukstillsyn",
            kind: Discussion,
            title: "Hästgårdar i tätortsnära områden – gödselplatta eller container?",
            tags: &[LANTBRUK],
            author: "Niklas Håkansson",
            started_at: "2026-09-15 12:30",
            body: "Vi får allt fler klagomål från hästtäta områden nära tätorten: flugor, lukt och gödselhögar direkt på marken. Små gårdar med fem–tio hästar har sällan en riktig gödselplatta. Godtar ni container som lagring, och hur ofta ska den tömmas?",
            posts: &[
                (
                    "Per-Erik Lund",
                    "Container med tät botten och lock godtar vi för upp till ungefär tio hästar, förutsatt att det finns ett avtal om tömning och att gödseln tas emot av någon som sprider den på rätt sätt. Tömning minst en gång i månaden sommartid, annars blir det flugproblem.",
                ),
                (
                    "Daniel Forsberg",
                    "Vi har tagit fram ett informationsblad till hästägare om gödselhantering, rasthagar och markskador. Det minskade klagomålen rejält. Jag kan lägga upp det här om fler vill använda det.",
                ),
                (
                    "Oskar Widén",
                    "Gärna! Och tänk på rasthagarna också – de är ofta en större källa till näringsläckage än själva gödsellagret.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "lantbrukstillsyn",
            kind: Announcement,
            title: "Lantbruksträff 1 oktober 2026 – program och gårdsbesök",
            tags: &[LANTBRUK],
            author: "Anders Pettersson",
            started_at: "2026-08-25 09:00",
            body: r#"Höstens nätverksträff för er som arbetar med lantbrukstillsyn hålls **torsdag 1 oktober 2026** i Eksjö.

Förmiddag: nytt om regler för växtnäring och djurhållning, erfarenheter av tillsyn av växtskyddsmedel.
Eftermiddag: gårdsbesök på en mjölkgård med ny gödselbehållare – ta med stövlar!

Anmälan senast 17 september via kalendern."#,
            posts: &[
                (
                    "Gustav Rydén",
                    "Blir det samåkning från Värnamo? Vi är tre som vill åka.",
                ),
                (
                    "Henrik Nyberg",
                    "Välkomna till Eksjö! Parkering finns vid gården, vägbeskrivning kommer i kallelsen.",
                ),
            ],
            accepted: None,
        },
        // ── Avfall ──────────────────────────────────────────────────────────────────────────
        ThreadRow {
            network: "avfall",
            kind: Question,
            title: "Illegal dumpning av byggavfall på skogsbilväg – vem är ansvarig?",
            tags: &[AVFALL, JURIDIK],
            author: "Cecilia Persson",
            started_at: "2026-05-19 11:12",
            body: r#"Vi har fått tips om cirka 10 m³ byggavfall som dumpats längs en skogsbilväg: gipsskivor, isolering, tryckimpregnerat virke och några trasiga eternitplattor. Markägaren vill inte städa och menar att han är drabbad, inte ansvarig.

- Vem förelägger ni i ett sådant fall?
- Gör ni åtalsanmälan för nedskräpning eller för otillåten avfallshantering?
- Hur hanterar ni eterniten (asbest) i väntan på att ansvaret klarnar?"#,
            posts: &[
                (
                    "Marie Eklund",
                    r#"Börja med åtalsanmälan – vid misstanke om brott ska tillsynsmyndigheten anmäla enligt 26 kap. 2 § miljöbalken. Med den här mängden och typen av avfall är det sannolikt otillåten miljöverksamhet eller brott mot avfallsreglerna snarare än enkel nedskräpning.

Dokumentera noga: foton med datum och position, mängd, och leta efter spår i avfallet (fakturor, adresslappar, förpackningar med ordernummer). Rör inte eterniten.

Markägaren är i första hand drabbad. Om ingen gärningsperson hittas kan markägaren i vissa fall föreläggas att ta hand om avfallet som innehavare, men det kräver en skälighetsbedömning. Kontakta mig gärna, ärendet passar bra för vår miljöbrottsamverkan."#,
                ),
                (
                    "Sara Nilsson",
                    "Vi hade ett liknande fall förra året. Polisen hittade gärningspersonen via en adresslapp i en kartong. Tills dess spärrade markägaren av platsen frivilligt och vi förelade inte. Asbestplattorna lät vi ligga kvar täckta med presenning tills en asbestsanerare kunde ta hand om dem.",
                ),
                (
                    "Amra Hadžić",
                    "Tipsa också kommunens avfallsverksamhet – de kan ibland hjälpa till med bortforsling mot att kommunen återkräver kostnaden när ansvarig hittats.",
                ),
                (
                    "Cecilia Persson",
                    "Tack! Vi gör åtalsanmälan i dag och skickar foton till polisen.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "avfall",
            kind: Question,
            title: "Schaktmassor till anläggningsändamål – räcker en anmälan?",
            tags: &[MASSOR, AVFALL],
            author: "Nora Abdi",
            started_at: "2026-06-11 10:35",
            body: r#"En entreprenör vill använda ungefär 8 000 ton schaktmassor från ett exploateringsområde för att fylla ut en hage och göra en ridbana. Massorna är avfall. Analyserna visar halter under KM för allt utom bly, som ligger strax över.

- Räcker det med en anmälan om återvinning av avfall för anläggningsändamål?
- Hur bedömer ni om det är ett verkligt anläggningsbehov och inte bortskaffande?"#,
            posts: &[
                (
                    "Jörgen Almqvist",
                    r#"Nyckelfrågan är anläggningsbehovet. 8 000 ton till en ridbana låter mycket – be om ritning med höjder och volymer, och en motivering till varför just den mängden behövs. Om volymen är större än behovet handlar det om bortskaffande, och då krävs tillstånd för deponi.

När det gäller föroreningsrisken: halter över nivåerna för mindre än ringa risk innebär att det är en anmälningspliktig verksamhet om risken är ringa. Bly över KM på en plats där det ska gå hästar och vistas barn behöver bedömas särskilt – begär fler prover från den delen av massorna."#,
                ),
                (
                    "Sara Nilsson",
                    "Läs handläggarstödet från projektet masshantering här i Samsyn, där finns en lista över vilka underlag man ska begära. Vi har också bra erfarenhet av att kräva en kontrollplan för mottagningen, så att bara de provtagna massorna används.",
                ),
                (
                    "Cecilia Persson",
                    "Vi kräver alltid en provtagningsplan innan schaktet startar, inte efteråt. Annars är det svårt att veta vilka massor som analyserats.",
                ),
                (
                    "Nora Abdi",
                    "Tack – vi begär in ritning, motivering av volymen och kompletterande prover innan vi tar ställning.",
                ),
            ],
            accepted: Some(0),
        },
        ThreadRow {
            network: "avfall",
            kind: Discussion,
            title: "Skrotbilar och avställda fordon på tomtmark – när är de avfall?",
            tags: &[AVFALL],
            author: "Ahmed Yousef",
            started_at: "2026-09-29 14:48",
            body: "Vi har en fastighet med ett tjugotal avställda bilar, flera utan hjul och med läckande olja. Ägaren säger att han ska renovera dem. Hur resonerar ni om när fordon blir avfall, och vad har fungerat för att få bort dem?",
            posts: &[
                (
                    "Therese Holm",
                    "Vi tittar på helheten: hur länge de stått, skick, om de går att registrera och om det finns en realistisk plan för renovering. Ett fordon utan motor som stått i tio år är avfall oavsett vad ägaren säger. Vi har använt foton från flygbilder för att visa hur länge fordonen stått.",
                ),
                (
                    "Amra Hadžić",
                    "Läckande olja gör saken enklare: då kan ni förelägga om åtgärder mot markföroreningen direkt, och fordonen måste tömmas på vätskor oavsett om de är avfall.",
                ),
                (
                    "Marie Eklund",
                    "Om det finns tecken på att fordonen tas emot mot betalning och monteras ned utan tillstånd kan det vara en otillåten skrotningsverksamhet – hör av dig så tittar vi på det i kampanjen om illegal avfallshantering.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "avfall",
            kind: Announcement,
            title: "Naturvårdsverkets kampanj om illegal avfallshantering – länet är med från september",
            tags: &[AVFALL],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-08-31 08:30",
            body: r#"Naturvårdsverkets nationella kampanj om illegal avfallshantering startar i september 2026, och vi genomför en tillsynskampanj i länet parallellt.

- Material och metoder från Naturvårdsverket finns under projektet ”Upptäcka illegal avfallshantering”.
- Uppstartsmöte digitalt 10 september kl. 13–15.
- Digitala avstämningar varje månad under kampanjen.

Samordnaren för avfallsbrottslighet på Länsstyrelsen deltar i projektgruppen."#,
            posts: &[
                (
                    "Sara Nilsson",
                    "Bra! Jönköping deltar med två inspektörer.",
                ),
                (
                    "Therese Holm",
                    "Nässjö är med. Kommer materialet även att finnas i tryckt form för platsbesök?",
                ),
            ],
            accepted: None,
        },
        // ── Miljöhandläggarträffar ──────────────────────────────────────────────────────────
        ThreadRow {
            network: "miljohandlaggartraffar",
            kind: Announcement,
            title: "Miljöhandläggarträffen hösten 2026 – program och anmälan",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-09-14 09:00",
            body: r#"Välkomna till höstens miljöhandläggarträff den **5 november 2026** i Värnamo! Planeringsgruppen från värdkommunen har satt ihop programmet utifrån era önskemål:

- Nytt i miljöbalken och praxis från Mark- och miljööverdomstolen
- Dagvatten – resultat från länets tillsynsprojekt
- Kemikalieinspektionens kampanj för återförsäljare
- Workshop: efterhandsdebitering och behovsutredning

Sista anmälningsdag 22 oktober. Max 120 deltagare."#,
            posts: &[
                (
                    "Mikael Öhman",
                    "Finns det parkering vid lokalen eller ska man ta tåget?",
                ),
                (
                    "Helena Wikström",
                    "Det finns parkering, men det är fem minuters promenad från stationen så tåget fungerar utmärkt.",
                ),
                (
                    "Emma Jonsson",
                    "Önskemål till nästa gång: miljösanktionsavgifter och hur man skriver beslut om dem.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "miljohandlaggartraffar",
            kind: Question,
            title: "Timavgift i efterhand eller fast årsavgift för C-verksamheter?",
            tags: &[JURIDIK],
            author: "Jenny Söderström",
            started_at: "2026-02-17 10:20",
            body: "Vi funderar på att gå över till efterhandsdebitering för C-verksamheter enligt SKR:s taxemodell. Vilka erfarenheter har ni som bytt? Blev det mer administration, fler frågor från verksamhetsutövarna, eller påverkades tillsynsplanen och behovsutredningen?",
            posts: &[
                (
                    "Johan Petersson",
                    "Vi bytte 2024. Det blev färre klagomål på avgiften eftersom verksamheterna betalar för besök som faktiskt görs. Administrationen ökade i början, men med fakturering direkt från verksamhetssystemet går det bra. Behovsutredningen blev viktigare – den styr nu vilka besök som görs.",
                ),
                (
                    "Peter Svärd",
                    "Vi har kvar fast årsavgift. Det ger förutsägbara intäkter och vi slipper diskussioner om tidsåtgång. Nackdelen är att verksamheter vi inte hinner besöka ändå betalar, och det är svårt att försvara.",
                ),
                (
                    "Magnus Thorén",
                    "En sak att tänka på: med efterhandsdebitering måste tillsynsplanen vara realistisk. Annars blir det ett underskott som måste täckas av skattemedel.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "miljohandlaggartraffar",
            kind: Question,
            title: "Dagvatten från fordonstvätt – vilka krav på oljeavskiljare?",
            tags: &[DAGVATTEN, MFV],
            author: "Mikael Öhman",
            started_at: "2026-03-03 13:15",
            body: "En mindre fordonstvätt leder i dag sitt tvättvatten via en gammal oljeavskiljare till dagvattennätet, som mynnar i en bäck. Vad kräver ni av fordonstvättar: anslutning till spillvattennätet, klass 1-avskiljare, provtagning?",
            posts: &[
                (
                    "Emma Jonsson",
                    "Tvättvatten ska inte till dagvattennätet alls. Vi kräver att det leds till spillvattennätet efter godkännande av VA-huvudmannen, via slamavskiljare och oljeavskiljare enligt SS-EN 858. Dagvatten från ytor där man inte tvättar kan gå till dagvattennätet.",
                ),
                (
                    "Tobias Engström",
                    r#"Instämmer med Emma. Vi använder branschens riktlinjer för fordonstvättar som stöd för utsläppsvärden och kräver provtagning av utgående vatten en gång per år: olja, metaller (bly, kadmium, koppar, krom, nickel, zink) och pH.

Glöm inte att kontakta VA-huvudmannen innan ni förelägger – de ska godkänna anslutningen och kan ha egna krav."#,
                ),
                (
                    "Jenny Söderström",
                    "Vi fick igenom en ombyggnad genom att visa att bäcken är recipient för en vattenförekomst med miljökvalitetsnormer. Det resultatet finns också i projektrapporten från dagvattenprojektet.",
                ),
            ],
            accepted: Some(1),
        },
        ThreadRow {
            network: "miljohandlaggartraffar",
            kind: Question,
            title: "Kemikalieinspektionens kampanj för återförsäljare – vilket material använder ni?",
            tags: &[KEMIKALIER],
            author: "Emma Jonsson",
            started_at: "2026-09-22 08:40",
            body: "Inför kampanjen för återförsäljare av kemiska produkter och varor i höst: använder ni Kemikalieinspektionens checklista rakt av eller länets egen? Och hur många butiker hinner ni besöka?",
            posts: &[
                (
                    "Mikael Öhman",
                    "Vi använder länets checklista, den bygger på Kemikalieinspektionens men har fler frågor om egenkontroll. Vi räknar med åtta butiker.",
                ),
                (
                    "Nora Abdi",
                    "Vi kör Kemikalieinspektionens checklista för att resultaten ska gå att rapportera in direkt till Kemikalieinspektionen och det nationella projektet. Fem butiker i Värnamo.",
                ),
                (
                    UTVECKLINGSLEDARE,
                    "Båda fungerar – länets checklista innehåller alla Kemikalieinspektionens frågor, så rapporteringen blir densamma. Se projektsidan ”Återförsäljare – kemiska produkter och varor”.",
                ),
            ],
            accepted: None,
        },
        // ── Members-only groups ─────────────────────────────────────────────────────────────
        ThreadRow {
            network: "styrgrupp",
            kind: Discussion,
            title: "Verksamhetsplan 2027 – prioriteringar inför beslut",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-08-20 10:00",
            body: r#"Inför styrgruppsmötet i september behöver vi stämma av prioriteringarna i revideringen av verksamhetsplanen.

Förslag från beredningsgruppen:
1. Behålla projekten om illegal avfallshantering och återförsäljare av kemiska produkter enligt plan.
2. Flytta en del av budgeten från utbildning till Yrkesresan efter 2026, om extern finansiering inte beviljas.
3. Ta in dagvatten som stående punkt på miljöhandläggarträffarna i stället för ett nytt projekt.

Synpunkter före 4 september, tack."#,
            posts: &[
                (
                    "Magnus Thorén",
                    "Jönköping stödjer förslaget. Punkt 2 behöver dock ett tydligt beslut om hur mycket som flyttas.",
                ),
                (
                    "Katarina Lindström",
                    "Länsstyrelsen ser gärna att projektet om förorenade områden får en fortsättning 2027 med fokus på samverkan vid bidragsobjekt.",
                ),
                (
                    "Helena Wikström",
                    "Instämmer i punkt 1 och 3. För Värnamo är kompetensförsörjningen viktigast, så Yrkesresan bör prioriteras.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "beredningsgrupp",
            kind: Discussion,
            title: "Ärenden till styrgruppsmötet i februari 2027",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-11-18 15:30",
            body: r#"Förslag till dagordning för styrgruppsmötet 11 februari 2027:

- Verksamhetsberättelse och bokslut 2026
- Reviderad budget 2027
- Lägesrapport: Upptäcka illegal avfallshantering och Återförsäljare – kemiska produkter och varor
- Beslutsunderlag om gemensamt verksamhetssystem

Saknas något?"#,
            posts: &[
                (
                    "Stefan Gustavsson",
                    "Lägg gärna till en punkt om Yrkesresans finansiering efter 2026.",
                ),
                (
                    "Katarina Lindström",
                    "Beslutsunderlaget om verksamhetssystem behöver först förankras hos kommundirektörerna, som är styrgrupp för digitaliseringen. Vi kan ta en informationspunkt i februari och beslut i juni.",
                ),
                (
                    "Lars-Göran Bengtsson",
                    "Håller med Katarina.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "kontaktpersoner",
            kind: Announcement,
            title: "Uppdatera telefonboken senast 30 november",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-11-02 09:15",
            body: "Enligt verksamhetsplanen uppdateras telefonboken i november. Be er miljöchef, eller gör det själva om ni har behörighet, att kontrollera namn, befattning, telefonnummer och ansvarsområden för alla på er förvaltning senast **30 november**.",
            posts: &[
                (
                    "Jonas Lindahl",
                    "Aneby är klart.",
                ),
                (
                    "Sofia Ek",
                    "Eksjö klart, vi har två nya inspektörer som börjar i januari – lägger in dem då.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "kontaktpersoner",
            kind: Discussion,
            title: "Önskemål till verksamhetsplanen 2027–2029",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-03-30 13:00",
            body: "Inför kontaktpersonsträffen: vilka behov ser ni i era kommuner som miljösamverkan borde ta upp i nästa verksamhetsplan? Skriv gärna några rader här så sammanställer jag inför träffen.",
            posts: &[
                (
                    "Erik Johansson",
                    "Små avlopp: ett gemensamt underlag för hög skyddsnivå i länet, så att vi bedömer lika.",
                ),
                (
                    "Malin Axelsson",
                    "Hälsoskydd: tillsyn av ventilation i vårdlokaler, gärna med utbildning i att läsa OVK-protokoll.",
                ),
                (
                    "Amra Hadžić",
                    "Avfall och massor: vi ser allt fler masshanteringsåkerier och behöver ett gemensamt tillsynsprojekt.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "miljobrottsamverkan",
            kind: Discussion,
            title: "Rutin för åtalsanmälan vid misstänkt avfallsbrott",
            tags: &[AVFALL, JURIDIK],
            author: "Marie Eklund",
            started_at: "2026-10-12 10:40",
            body: "Inför kampanjen om illegal avfallshantering har vi tagit fram ett utkast till gemensam rutin för åtalsanmälan: vilka uppgifter polisen behöver, hur bevis säkras och när tillsynen bör pausas i väntan på förundersökning. Synpunkter senast 30 oktober.",
            posts: &[
                (
                    "Sara Nilsson",
                    "Bra utkast. Lägg till att vi anger kontaktuppgifter till handläggaren som kan vittna, det har efterfrågats av åklagaren.",
                ),
                (
                    UTVECKLINGSLEDARE,
                    "Bra! Kan rutinen även ta upp sekretess när tips kommer från allmänheten? Då sprider jag den till kontaktpersonerna när den är klar.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "miljomalssamordnare",
            kind: Discussion,
            title: "Regionalt åtgärdsprogram för miljömålen – kommunernas åtaganden",
            tags: &[VATTEN],
            author: "Lena Mårtensson",
            started_at: "2026-05-04 09:50",
            body: "Länsstyrelsen reviderar det regionala åtgärdsprogrammet för miljömålen. Vi vill gärna veta vilka åtgärder ni i kommunerna kan åta er inom ”Levande sjöar och vattendrag” och ”Grundvatten av god kvalitet”, till exempel vattenskyddsområden och inventering av små avlopp.",
            posts: &[
                (
                    "Mikael Öhman",
                    "Jönköping kan åta sig att se över två äldre vattenskyddsområden och ta fram en dagvattenplan.",
                ),
                (
                    "Tobias Engström",
                    "Vetlanda fortsätter inventeringen av små avlopp runt sjöar med övergödning, ungefär 150 avloppsanläggningar per år.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "referensgrupp-verksamhetssystem",
            kind: Discussion,
            title: "Kravspecifikation – synpunkter på utkast 2",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-04-08 14:00",
            body: "Utkast 2 av kravspecifikationen ligger nu under projektet. Läs särskilt de funktionella kraven F1–F6 och skriv här om något saknas eller är felprioriterat.",
            posts: &[
                (
                    "Johan Petersson",
                    "F5, mobil inspektion, borde vara ett ska-krav. Det är det våra inspektörer efterfrågar mest.",
                ),
                (
                    "Cecilia Persson",
                    "Saknar krav på export av data om vi vill byta system i framtiden.",
                ),
                (
                    "Christer Lindberg",
                    "Instämmer med Cecilia. Lägg också till krav på behörighetsstyrning per kommun.",
                ),
            ],
            accepted: None,
        },
        ThreadRow {
            network: "referensgrupp-yrkesresan",
            kind: Discussion,
            title: "Enkät del A – sista synpunkter på frågorna om baskompetens",
            tags: &[],
            author: UTVECKLINGSLEDARE,
            started_at: "2026-02-24 11:30",
            body: "Mallen för enkätens del A finns under projektet Yrkesresan. Vi skickar ut den till cheferna 16 mars. Är frågorna neutralt formulerade? Saknas någon kompetens?",
            posts: &[
                (
                    "Helena Wikström",
                    "Lägg till ”kunskap om livsmedelslagstiftning” för de kommuner där inspektörerna har båda områdena.",
                ),
                (
                    "Gunilla Ekström",
                    "Fråga 2 om hur många som slutat kan kännas känslig för små kommuner. Kan vi redovisa den bara på länsnivå?",
                ),
                (
                    "Malin Axelsson",
                    "Instämmer med Gunilla, och skriv ut det tydligt i inledningen.",
                ),
            ],
            accepted: None,
        },
    ]
};

/// A meeting in the collaboration's calendar.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDef {
    pub title: &'static str,
    /// Slug of the network it belongs to; None for the whole collaboration.
    pub network: Option<&'static str>,
    pub description: &'static str,
    /// Local time (Europe/Stockholm), "YYYY-MM-DD HH:MM".
    pub starts_at: &'static str,
    /// Local time (Europe/Stockholm), "YYYY-MM-DD HH:MM".
    pub ends_at: &'static str,
    pub place: &'static str,
    pub online_link: Option<&'static str>,
    /// Last moment to register, local time "YYYY-MM-DD HH:MM".
    pub registration_deadline: Option<&'static str>,
    pub max_participants: Option<u32>,
}

const REGIONENS_HUS: &str = "Regionens hus, Jönköping";
const LANSSTYRELSEN_HAMNGATAN: &str = "Länsstyrelsen, Hamngatan 4, Jönköping";
const DIGITALT: &str = "Digitalt";

/// The calendar: the meetings of the plan's table of networks and groups for 2026–2027.
pub fn meetings() -> Vec<MeetingDef> {
    let styrgrupp = |title, description, starts_at, ends_at| MeetingDef {
        title,
        network: Some("styrgrupp"),
        description,
        starts_at,
        ends_at,
        place: REGIONENS_HUS,
        online_link: Some("https://meet.example.org/miljosamverkan/styrgrupp"),
        registration_deadline: None,
        max_participants: None,
    };
    vec![
        styrgrupp(
            "Styrgruppsmöte februari 2026",
            "Verksamhetsberättelse med bokslut 2025 och reviderad budget 2026.",
            "2026-02-12 09:00",
            "2026-02-12 12:00",
        ),
        MeetingDef {
            title: "Nätverksträff små avlopp våren 2026",
            network: Some("sma-avlopp"),
            description: "Nytt från Havs- och vattenmyndigheten, hög skyddsnivå och hur kraven motiveras, erfarenheter av inventering och förbud med vite, gemensamt formulär för serviceprotokoll. Utvecklingsledaren står för det praktiska, Länsstyrelsen och kommunerna för innehållet.",
            starts_at: "2026-03-19 09:00",
            ends_at: "2026-03-19 15:30",
            place: LANSSTYRELSEN_HAMNGATAN,
            online_link: Some("https://meet.example.org/miljosamverkan/sma-avlopp-2026"),
            registration_deadline: Some("2026-03-05 23:59"),
            max_participants: Some(60),
        },
        MeetingDef {
            title: "Kontaktpersonsträff våren 2026",
            network: Some("kontaktpersoner"),
            description: "Information om vad som händer inom miljösamverkan, aktiviteter och önskemål till kommande verksamhetsplan, erfarenhetsutbyte.",
            starts_at: "2026-04-16 09:00",
            ends_at: "2026-04-16 12:00",
            place: REGIONENS_HUS,
            online_link: Some("https://meet.example.org/miljosamverkan/kontaktpersoner"),
            registration_deadline: Some("2026-04-08 23:59"),
            max_participants: Some(30),
        },
        MeetingDef {
            title: "Miljöhandläggarträffen våren 2026",
            network: Some("miljohandlaggartraffar"),
            description: "Länets miljö- och hälsoskyddsinspektörer träffas för att bygga nätverk, skapa samsyn och höja kompetensen. Programmet tas fram av en planeringsgrupp från värdkommunen utifrån kommunernas önskemål.",
            starts_at: "2026-04-23 08:30",
            ends_at: "2026-04-23 16:00",
            place: "Stadshuset, Vetlanda (värdkommun)",
            online_link: None,
            registration_deadline: Some("2026-04-09 23:59"),
            max_participants: Some(120),
        },
        MeetingDef {
            title: "Nätverksträff avfall våren 2026",
            network: Some("avfall"),
            description: "Den fysiska träffen för nätverket avfall: avfallsregistret, nedskräpning och illegal dumpning, förberedelser inför Naturvårdsverkets kampanj i september.",
            starts_at: "2026-05-13 09:00",
            ends_at: "2026-05-13 15:00",
            place: "Kommunhuset, Gislaved",
            online_link: None,
            registration_deadline: Some("2026-04-29 23:59"),
            max_participants: Some(50),
        },
        styrgrupp(
            "Styrgruppsmöte juni 2026",
            "Uppföljning av tillsynsprojekten och inriktning inför revideringen av verksamhetsplanen.",
            "2026-06-04 09:00",
            "2026-06-04 12:00",
        ),
        MeetingDef {
            title: "Uppstart: Upptäcka illegal avfallshantering",
            network: Some("avfall"),
            description: "Digital uppstart av länets kampanj parallellt med Naturvårdsverkets: genomgång av material och metoder, arbetsfördelning.",
            starts_at: "2026-09-10 13:00",
            ends_at: "2026-09-10 15:00",
            place: DIGITALT,
            online_link: Some("https://meet.example.org/miljosamverkan/avfall-uppstart"),
            registration_deadline: None,
            max_participants: None,
        },
        styrgrupp(
            "Styrgruppsmöte september 2026",
            "Beslut om reviderad verksamhetsplan och budget för 2027.",
            "2026-09-24 09:00",
            "2026-09-24 15:00",
        ),
        MeetingDef {
            title: "Lantbruksträff hösten 2026",
            network: Some("lantbrukstillsyn"),
            description: "Nytt om regler för växtnäring och djurhållning, erfarenheter av tillsyn av växtskyddsmedel. Eftermiddag: gårdsbesök på en mjölkgård med ny gödselbehållare.",
            starts_at: "2026-10-01 09:00",
            ends_at: "2026-10-01 15:30",
            place: "Eksjö, samling vid Stadshuset",
            online_link: None,
            registration_deadline: Some("2026-09-17 23:59"),
            max_participants: Some(40),
        },
        MeetingDef {
            title: "Presidieträff hösten 2026",
            network: None,
            description: "För nämndernas presidier: öka kunskapen och utbyta erfarenheter bland politikerna, information om vad som är på gång inom miljötillsynen och miljösamverkan.",
            starts_at: "2026-10-08 13:00",
            ends_at: "2026-10-08 16:00",
            place: REGIONENS_HUS,
            online_link: None,
            registration_deadline: Some("2026-09-24 23:59"),
            max_participants: Some(60),
        },
        MeetingDef {
            title: "Nätverksträff hälsoskydd hösten 2026",
            network: Some("halsoskydd"),
            description: "Resultat från projektet Hälsoskyddstillsyn i ett varmare klimat, legionella i vårdlokaler, radon i förskolor.",
            starts_at: "2026-10-20 09:00",
            ends_at: "2026-10-20 15:00",
            place: "Nässjö, Stadshuset",
            online_link: Some("https://meet.example.org/miljosamverkan/halsoskydd-2026"),
            registration_deadline: Some("2026-10-06 23:59"),
            max_participants: Some(50),
        },
        MeetingDef {
            title: "Miljöhandläggarträffen hösten 2026",
            network: Some("miljohandlaggartraffar"),
            description: "Nytt i miljöbalken och praxis, resultat från dagvattenprojektet, Kemikalieinspektionens kampanj för återförsäljare och workshop om efterhandsdebitering och behovsutredning.",
            starts_at: "2026-11-05 08:30",
            ends_at: "2026-11-05 16:00",
            place: "Värnamo (värdkommun), Stadshuset",
            online_link: None,
            registration_deadline: Some("2026-10-22 23:59"),
            max_participants: Some(120),
        },
        MeetingDef {
            title: "Introduktion för nya miljöinspektörer och miljöchefer i länet",
            network: None,
            description: "Alla som jobbar med miljöbalkstillsyn i länet ska känna till miljösamverkan. Vi berättar om syftet, hur arbetet sker inom samverkan, nätverken, projekten och hur Samsyn används.",
            starts_at: "2026-11-12 13:00",
            ends_at: "2026-11-12 16:00",
            place: REGIONENS_HUS,
            online_link: Some("https://meet.example.org/miljosamverkan/introduktion"),
            registration_deadline: Some("2026-11-05 23:59"),
            max_participants: Some(40),
        },
        MeetingDef {
            title: "Workshop: ventilation i skola, förskola och vårdlokaler",
            network: Some("halsoskydd"),
            description: "Digital träff för handläggare från hela Sverige. Helhetsperspektiv – vad som kan indikera bristfällig ventilation – och utbildning i tolkning av OVK-protokoll och projekterade värden. Utvärderas med enkät till samtliga deltagare.",
            starts_at: "2026-12-02 09:00",
            ends_at: "2026-12-02 12:00",
            place: DIGITALT,
            online_link: Some("https://meet.example.org/miljosamverkan/ventilation"),
            registration_deadline: Some("2026-11-30 12:00"),
            max_participants: Some(200),
        },
        MeetingDef {
            title: "Miljöbrottsamverkan december 2026",
            network: Some("miljobrottsamverkan"),
            description: "Länsstyrelsen, åklagare, polis, miljösamverkan och Jönköpings kommun: läget i avfallskampanjen och rutin för åtalsanmälan.",
            starts_at: "2026-12-03 13:00",
            ends_at: "2026-12-03 15:30",
            place: LANSSTYRELSEN_HAMNGATAN,
            online_link: None,
            registration_deadline: None,
            max_participants: None,
        },
        MeetingDef {
            title: "Digital avstämning: avfallskampanjen",
            network: Some("avfall"),
            description: "Månadsvis avstämning under kampanjen Upptäcka illegal avfallshantering: fall, frågor och erfarenheter.",
            starts_at: "2026-12-09 13:00",
            ends_at: "2026-12-09 14:00",
            place: DIGITALT,
            online_link: Some("https://meet.example.org/miljosamverkan/avfall"),
            registration_deadline: None,
            max_participants: None,
        },
        MeetingDef {
            title: "Beredningsgruppsmöte inför styrgruppen februari 2027",
            network: Some("beredningsgrupp"),
            description: "Beredning av ärenden till styrgruppsmötet 11 februari 2027.",
            starts_at: "2027-01-21 09:00",
            ends_at: "2027-01-21 11:00",
            place: DIGITALT,
            online_link: Some("https://meet.example.org/miljosamverkan/beredningsgrupp"),
            registration_deadline: None,
            max_participants: None,
        },
        styrgrupp(
            "Styrgruppsmöte februari 2027",
            "Verksamhetsberättelse och bokslut 2026, reviderad budget 2027, lägesrapporter från projekten, information om gemensamt verksamhetssystem.",
            "2027-02-11 09:00",
            "2027-02-11 12:00",
        ),
        MeetingDef {
            title: "Strategidag styrgrupp 2027",
            network: Some("styrgrupp"),
            description: "En dag för styrgruppen att prata om gemensamma frågor och utmaningar att samverka kring. Utvecklingsledaren kallar, planerar och skriver protokoll.",
            starts_at: "2027-03-18 09:00",
            ends_at: "2027-03-18 16:00",
            place: "Jönköping, lokal meddelas i kallelsen",
            online_link: None,
            registration_deadline: Some("2027-03-04 23:59"),
            max_participants: Some(25),
        },
        styrgrupp(
            "Styrgruppsmöte juni 2027",
            "Uppföljning av tillsynskampanjerna och slutrapporter, inriktning för verksamhetsplanen.",
            "2027-06-03 09:00",
            "2027-06-03 12:00",
        ),
        styrgrupp(
            "Styrgruppsmöte september 2027",
            "Beslut om reviderad verksamhetsplan och budget för 2028.",
            "2027-09-23 09:00",
            "2027-09-23 15:00",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::email::Email;
    use crate::directory::phone::PhoneNumber;
    use crate::forum::markdown;
    use std::collections::HashSet;

    fn tag_names() -> HashSet<&'static str> {
        tags().into_iter().map(|t| t.name).collect()
    }

    fn network(slug: &str) -> NetworkDef {
        networks()
            .into_iter()
            .find(|n| n.slug == slug)
            .unwrap_or_else(|| panic!("no network {slug}"))
    }

    fn is_local_time(s: &str) -> bool {
        let b = s.as_bytes();
        s.len() == 16
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b' ',
                13 => *c == b':',
                _ => c.is_ascii_digit(),
            })
            && (1..=12).contains(&s[5..7].parse::<u32>().unwrap())
            && (1..=31).contains(&s[8..10].parse::<u32>().unwrap())
            && s[11..13].parse::<u32>().unwrap() < 24
            && s[14..16].parse::<u32>().unwrap() < 60
    }

    fn is_iso_date(s: &str) -> bool {
        is_local_time(&format!("{s} 00:00"))
    }

    #[test]
    fn tags_are_the_tillsynsomraden_of_the_glossary() {
        let names: Vec<_> = tags().into_iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "Små avlopp",
                "Lantbruk",
                "Hälsoskydd",
                "Inomhusmiljö och ventilation",
                "Legionella och bassängbad",
                "Hygienisk verksamhet",
                "Skolor, förskolor och vård",
                "Avfall",
                "Masshantering",
                "Förorenade områden",
                "Kemikalier",
                "Dagvatten",
                "Miljöfarlig verksamhet",
                "Buller",
                "Vatten",
                "Juridik och metodik",
            ]
        );
        for tag in tags() {
            assert!(tag.synonyms.len() >= 3, "{}", tag.name);
        }
        let small = tags().into_iter().find(|t| t.name == "Små avlopp").unwrap();
        assert!(small.synonyms.contains(&"fosforfälla"));
    }

    #[test]
    fn organisations_are_the_13_municipalities_lansstyrelsen_and_kommunal_utveckling() {
        let orgs = organisations();
        assert_eq!(orgs.len(), 15);
        let kommuner: Vec<_> = orgs
            .iter()
            .filter(|o| o.kind == OrganisationKind::Kommun)
            .map(|o| o.short_name)
            .collect();
        assert_eq!(
            kommuner,
            [
                "Aneby",
                "Eksjö",
                "Gislaved",
                "Gnosjö",
                "Habo",
                "Jönköping",
                "Mullsjö",
                "Nässjö",
                "Sävsjö",
                "Tranås",
                "Vaggeryd",
                "Vetlanda",
                "Värnamo"
            ]
        );
        let ggvv: Vec<_> = orgs
            .iter()
            .filter(|o| o.subregion == GGVV)
            .map(|o| o.short_name)
            .collect();
        assert_eq!(ggvv, ["Gislaved", "Gnosjö", "Vaggeryd", "Värnamo"]);
        let slugs: HashSet<_> = orgs.iter().map(|o| o.slug).collect();
        assert_eq!(slugs.len(), orgs.len());
    }

    #[test]
    fn networks_include_the_plans_open_and_members_only_groups() {
        let nets = networks();
        let slugs: HashSet<_> = nets.iter().map(|n| n.slug).collect();
        assert_eq!(slugs.len(), nets.len(), "duplicate slug");
        for (slug, members_only) in [
            ("miljohandlaggartraffar", false),
            ("sma-avlopp", false),
            ("lantbrukstillsyn", false),
            ("halsoskydd", false),
            ("avfall", false),
            ("styrgrupp", true),
            ("beredningsgrupp", true),
            ("kontaktpersoner", true),
            ("miljobrottsamverkan", true),
            ("miljomalssamordnare", true),
        ] {
            assert_eq!(network(slug).members_only, members_only, "{slug}");
        }
        for n in &nets {
            assert!(
                n.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                n.slug
            );
            assert!(n.description.len() > 80, "{}", n.slug);
        }
        assert!(network("sma-avlopp")
            .description
            .contains("Skapa enhetliga bedömningar i länet"));
    }

    #[test]
    fn projects_are_the_plans_nine_with_its_periods() {
        let got: Vec<_> = projects()
            .into_iter()
            .map(|p| (p.name, p.period_from, p.period_to))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Hälsoskyddstillsyn i ett varmare klimat",
                    "2025-01-01",
                    "2026-04-30"
                ),
                ("Dagvattenhantering", "2025-08-01", "2026-05-31"),
                (
                    "Upptäcka illegal avfallshantering",
                    "2026-09-01",
                    "2027-05-31"
                ),
                (
                    "Återförsäljare – kemiska produkter och varor",
                    "2026-09-01",
                    "2027-05-31"
                ),
                ("Handläggarstöd masshantering", "2025-08-01", "2025-12-31"),
                (
                    "Prioriterade förorenade områden",
                    "2026-08-01",
                    "2026-12-31"
                ),
                (
                    "Ventilation i skola/förskola och vårdlokaler",
                    "2026-08-01",
                    "2026-12-31"
                ),
                ("Yrkesresan", "2026-01-01", "2029-12-31"),
                (
                    "Digitalisering – gemensamt verksamhetssystem",
                    "2025-08-01",
                    "2026-12-31"
                ),
            ]
        );
        for p in projects() {
            assert!(
                is_iso_date(p.period_from) && is_iso_date(p.period_to),
                "{}",
                p.slug
            );
            assert!(p.period_from < p.period_to, "{}", p.slug);
            assert!(!p.goal.is_empty() && !p.description.is_empty());
        }
    }

    #[test]
    fn project_statuses_are_relative_to_demo_today() {
        use ProjectStatus::*;
        let got: Vec<_> = projects().into_iter().map(|p| (p.slug, p.status)).collect();
        assert_eq!(
            got,
            [
                ("halsoskyddstillsyn-varmare-klimat", Finished),
                ("dagvattenhantering", Finished),
                ("upptacka-illegal-avfallshantering", Ongoing),
                ("aterforsaljare-kemiska-produkter", Ongoing),
                ("handlaggarstod-masshantering", Finished),
                ("prioriterade-fororenade-omraden", Ongoing),
                ("ventilation-skola-forskola-vardlokaler", Ongoing),
                ("yrkesresan", Ongoing),
                ("digitalisering-gemensamt-verksamhetssystem", Ongoing),
            ]
        );
    }

    #[test]
    fn project_status_counts_first_and_last_day_as_ongoing() {
        use ProjectStatus::*;
        assert_eq!(
            ProjectStatus::on("2026-08-31", "2026-09-01", "2027-05-31"),
            Planned
        );
        assert_eq!(
            ProjectStatus::on("2026-09-01", "2026-09-01", "2027-05-31"),
            Ongoing
        );
        assert_eq!(
            ProjectStatus::on("2027-05-31", "2026-09-01", "2027-05-31"),
            Ongoing
        );
        assert_eq!(
            ProjectStatus::on("2027-06-01", "2026-09-01", "2027-05-31"),
            Finished
        );
        assert_eq!(Planned.as_str(), "planned");
    }

    #[test]
    fn projects_refer_to_existing_networks_and_tags() {
        let tags = tag_names();
        for p in projects() {
            assert!(!p.networks.is_empty(), "{}", p.slug);
            for n in &p.networks {
                network(n);
            }
            for t in &p.tags {
                assert!(tags.contains(t), "{}: {t}", p.slug);
            }
        }
    }

    #[test]
    fn every_project_has_one_to_three_documents_with_real_bodies() {
        for p in projects() {
            assert!((1..=3).contains(&p.documents.len()), "{}", p.slug);
            for d in &p.documents {
                assert!(d.body.len() > 600, "{} is too short", d.title);
                assert!(!d.summary.is_empty());
                let html = markdown::render(d.body);
                assert!(html.contains("<h1>"), "{} has no heading", d.title);
            }
        }
        let ventilation = projects()
            .into_iter()
            .find(|p| p.slug == "ventilation-skola-forskola-vardlokaler")
            .unwrap();
        let checklist = &ventilation.documents[0];
        assert_eq!(checklist.kind, DocumentKind::Checklista);
        assert!(checklist.body.matches("- [ ]").count() >= 15);
        assert_eq!(DocumentKind::Vagledning.as_str(), "vägledning");
    }

    #[test]
    fn every_municipality_has_three_to_five_people() {
        let people = people();
        for org in organisations() {
            let n = people.iter().filter(|p| p.organisation == org.slug).count();
            match org.kind {
                OrganisationKind::Kommun => assert!((3..=5).contains(&n), "{}: {n}", org.slug),
                _ => assert!(n >= 2, "{}: {n}", org.slug),
            }
        }
        let orgs: HashSet<_> = organisations().into_iter().map(|o| o.slug).collect();
        assert!(people.iter().all(|p| orgs.contains(p.organisation)));
    }

    #[test]
    fn every_municipality_has_one_miljochef_manager_and_one_kontaktperson() {
        let people = people();
        for org in organisations() {
            let staff: Vec<_> = people
                .iter()
                .filter(|p| p.organisation == org.slug)
                .collect();
            let contacts = staff
                .iter()
                .filter(|p| p.roles.contains(&PersonRole::Kontaktperson))
                .count();
            if org.slug != "kommunal-utveckling" {
                assert_eq!(contacts, 1, "{}", org.slug);
            }
            let managers: Vec<_> = staff
                .iter()
                .filter(|p| p.account == AccountRole::Manager)
                .collect();
            assert_eq!(managers.len(), 1, "{}", org.slug);
            if org.kind == OrganisationKind::Kommun {
                assert_eq!(managers[0].title, MILJOCHEF, "{}", org.slug);
                assert!(managers[0].roles.contains(&PersonRole::Styrgrupp));
            }
        }
    }

    #[test]
    fn the_utvecklingsledare_is_the_only_admin_and_sits_at_kommunal_utveckling() {
        let admins: Vec<_> = people()
            .into_iter()
            .filter(|p| p.account == AccountRole::Admin)
            .collect();
        assert_eq!(admins.len(), 1);
        assert_eq!(admins[0].organisation, "kommunal-utveckling");
        assert!(admins[0].title.starts_with("utvecklingsledare"));
    }

    #[test]
    fn beredningsgrupp_is_three_miljochefer_and_the_two_chiefs_as_the_plan_says() {
        let group: Vec<_> = people()
            .into_iter()
            .filter(|p| p.roles.contains(&PersonRole::Beredningsgrupp))
            .collect();
        assert_eq!(group.iter().filter(|p| p.title == MILJOCHEF).count(), 3);
        assert!(group
            .iter()
            .any(|p| p.organisation == "lansstyrelsen" && p.title.contains("miljöskyddsenheten")));
        assert!(group
            .iter()
            .any(|p| p.organisation == "kommunal-utveckling" && p.title.starts_with("chef")));
    }

    #[test]
    fn phone_numbers_parse_display_unchanged_and_use_the_right_area_code() {
        let orgs = organisations();
        let mut seen = HashSet::new();
        for person in people() {
            let org = orgs.iter().find(|o| o.slug == person.organisation).unwrap();
            for phone in &person.phones {
                let n = PhoneNumber::parse(phone.number)
                    .unwrap_or_else(|e| panic!("{}: {}: {e}", person.name, phone.number));
                assert_eq!(n.display(), phone.number, "{}", person.name);
                assert!(seen.insert(n.e164()), "duplicate number {}", phone.number);
                match phone.label {
                    "arbete" => assert_eq!(n.area_code(), org.area_code, "{}", person.name),
                    "mobil" => {
                        // PTS reserves 070-174 06 05 – 070-174 06 99 for fiction.
                        let e = n.e164();
                        let tail = e
                            .strip_prefix("+467017406")
                            .unwrap_or_else(|| panic!("{e}"));
                        let last: u32 = tail.parse().unwrap();
                        assert!(tail.len() == 2 && (5..=99).contains(&last), "{e}");
                    }
                    other => panic!("unknown label {other}"),
                }
            }
        }
        let area_codes: HashSet<_> = orgs.iter().map(|o| o.area_code).collect();
        for code in [
            "036", "0380", "0381", "0140", "0383", "0370", "0371", "0393", "0382", "0392",
        ] {
            assert!(area_codes.contains(code), "{code}");
        }
    }

    #[test]
    fn emails_are_ascii_fornamn_efternamn_at_the_organisation() {
        let orgs = organisations();
        let mut seen = HashSet::new();
        for person in people() {
            let email = Email::parse(&person.email).unwrap();
            assert!(person.email.is_ascii(), "{}", person.email);
            let domain = orgs
                .iter()
                .find(|o| o.slug == person.organisation)
                .unwrap()
                .email_domain;
            assert_eq!(email.domain(), domain);
            assert_eq!(
                email.local_part().matches('.').count(),
                1,
                "{}",
                person.email
            );
            assert!(
                seen.insert(person.email.clone()),
                "duplicate {}",
                person.email
            );
        }
        let lars = people()
            .into_iter()
            .find(|p| p.name == "Lars-Göran Bengtsson")
            .unwrap();
        assert_eq!(lars.email, "lars-goran.bengtsson@eksjo.se");
        assert_eq!(lars.handle(), "lars-goran.bengtsson");
        assert_eq!(ascii_fold("Hadžić"), "hadzic");
        assert_eq!(ascii_fold("Öhman"), "ohman");
    }

    #[test]
    fn people_refer_to_tags_and_networks_that_exist() {
        let tags = tag_names();
        for person in people() {
            assert!(!person.areas.is_empty() || person.account != AccountRole::Member);
            for area in &person.areas {
                assert!(tags.contains(area), "{}: {area}", person.name);
            }
            for slug in &person.networks {
                assert!(
                    network(slug).members_only,
                    "{}: {slug} is open",
                    person.name
                );
            }
            for slug in &person.moderates {
                network(slug);
            }
            assert_eq!(
                person.roles.contains(&PersonRole::Samordnare),
                !person.moderates.is_empty(),
                "{}",
                person.name
            );
        }
        assert_eq!(
            people()
                .iter()
                .filter(|p| p.networks.contains(&"kontaktpersoner"))
                .count(),
            15
        );
    }

    #[test]
    fn threads_per_network_are_three_to_five_open_and_one_to_two_closed() {
        let threads = threads();
        for net in networks() {
            let n = threads.iter().filter(|t| t.network == net.slug).count();
            if net.members_only {
                assert!((1..=2).contains(&n), "{}: {n}", net.slug);
            } else {
                assert!((3..=5).contains(&n), "{}: {n}", net.slug);
            }
        }
    }

    #[test]
    fn replies_come_from_other_organisations_or_the_asker() {
        let people = people();
        for t in threads() {
            assert!((2..=6).contains(&t.posts.len()), "{}", t.title);
            let asker = &people[t.author];
            for &(who, _) in &t.posts {
                let replier = &people[who];
                assert!(
                    who == t.author || replier.organisation != asker.organisation,
                    "{}: {} replies to a colleague",
                    t.title,
                    replier.name
                );
            }
        }
    }

    #[test]
    fn about_half_of_the_questions_have_an_accepted_answer() {
        let threads = threads();
        for t in &threads {
            if let Some(i) = t.accepted {
                assert_eq!(t.kind, ThreadKind::Question, "{}", t.title);
                assert!(i < t.posts.len(), "{}", t.title);
                assert_ne!(t.posts[i].0, t.author, "{}: self-accepted", t.title);
            }
        }
        let questions = threads
            .iter()
            .filter(|t| t.kind == ThreadKind::Question)
            .count();
        let solved = threads.iter().filter(|t| t.accepted.is_some()).count();
        assert!(questions >= 10);
        assert!(
            solved * 10 >= questions * 4 && solved * 10 <= questions * 6,
            "{solved}/{questions}"
        );
    }

    #[test]
    fn members_only_threads_are_written_by_members() {
        let people = people();
        for t in threads() {
            if !network(t.network).members_only {
                continue;
            }
            let writers = std::iter::once(t.author).chain(t.posts.iter().map(|p| p.0));
            for i in writers {
                assert!(
                    people[i].networks.contains(&t.network),
                    "{} is not a member of {}",
                    people[i].name,
                    t.network
                );
            }
        }
    }

    #[test]
    fn threads_use_existing_tags_render_and_mention_real_handles() {
        let tags = tag_names();
        let handles: HashSet<String> = people().iter().map(|p| p.handle().to_string()).collect();
        let mut mentioned = 0;
        for t in threads() {
            assert!(is_local_time(t.started_at), "{}", t.started_at);
            assert!(t.started_at < "2026-11-27 23:59", "{}", t.title);
            for tag in &t.tags {
                assert!(tags.contains(tag), "{}: {tag}", t.title);
            }
            for body in std::iter::once(t.body).chain(t.posts.iter().map(|p| p.1)) {
                assert!(!markdown::render(body).is_empty());
                for handle in markdown::mentions(body) {
                    assert!(handles.contains(&handle), "unknown @{handle}");
                    mentioned += 1;
                }
            }
        }
        assert!(mentioned >= 2);
    }

    #[test]
    fn the_forum_text_holds_the_inflections_search_tests_rely_on() {
        let mut text = String::new();
        for t in threads() {
            text.push_str(t.title);
            text.push_str(t.body);
            for (_, body) in &t.posts {
                text.push_str(body);
            }
        }
        for word in [
            "vattenskyddsområdet",
            "anläggningen",
            "avloppsanläggningar",
            "avloppsanläggningen",
            "skyddsnivå",
            "Kemikalieinspektionen",
            "legionella",
            "schaktmassor",
            "byggavfall",
            "radon",
            "OVK",
        ] {
            assert!(text.contains(word), "{word}");
        }
    }

    #[test]
    fn meetings_are_well_formed_and_reach_past_demo_today() {
        let meetings = meetings();
        for m in &meetings {
            assert!(is_local_time(m.starts_at), "{}", m.title);
            assert!(is_local_time(m.ends_at), "{}", m.title);
            assert!(m.starts_at < m.ends_at, "{}", m.title);
            if let Some(deadline) = m.registration_deadline {
                assert!(
                    is_local_time(deadline) && deadline < m.starts_at,
                    "{}",
                    m.title
                );
            }
            if let Some(slug) = m.network {
                network(slug);
            }
            if let Some(link) = m.online_link {
                assert!(link.starts_with("https://"));
            }
        }
        assert!(meetings.iter().any(|m| m.starts_at > "2026-11-27 23:59"));
        for title in [
            "Miljöhandläggarträffen våren 2026",
            "Miljöhandläggarträffen hösten 2026",
            "Nätverksträff små avlopp våren 2026",
            "Lantbruksträff hösten 2026",
            "Kontaktpersonsträff våren 2026",
            "Introduktion för nya miljöinspektörer och miljöchefer i länet",
        ] {
            assert!(meetings.iter().any(|m| m.title == title), "{title}");
        }
        for year in ["2026", "2027"] {
            let n = meetings
                .iter()
                .filter(|m| m.title.starts_with("Styrgruppsmöte") && m.starts_at.starts_with(year))
                .count();
            assert_eq!(n, 3, "{year}");
        }
    }
}
