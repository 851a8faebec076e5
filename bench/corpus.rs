//! A generated corpus of realistic Swedish inspection text, shared by the benchmarks.
//! Deterministic (fixed seed): the same run makes the same corpus.
//!
//! Sentences are built from the words inspectors use, with real compounds
//! (vattenskyddsområdet, avloppsanläggningen, slamavskiljare) in their inflected forms, so the
//! Swedish analysis has the same work to do as on real posts.

#![allow(dead_code)]

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "Fastighetsägaren",
    "Verksamhetsutövaren",
    "Kommunen",
    "Nämnden",
    "Inspektören",
    "Länsstyrelsen",
    "Kemikalieinspektionen",
    "Naturvårdsverket",
    "Entreprenören",
    "Lantbrukaren",
    "Skolan",
    "Äldreboendet",
    "Förskolan",
    "Bolaget",
    "Grannen",
];
const VERBS: &[&str] = &[
    "ska åtgärda",
    "har inte åtgärdat",
    "behöver redovisa",
    "har anmält",
    "ansöker om",
    "överklagade",
    "kontrollerade",
    "föreslår",
    "saknar",
    "har lämnat in",
    "inventerade",
    "provtog",
    "besiktade",
    "förelades att åtgärda",
    "fick sanktionsavgift för",
];
const OBJECTS: &[&str] = &[
    "avloppsanläggningen",
    "avloppsanläggningar",
    "slamavskiljaren",
    "infiltrationen",
    "markbädden",
    "minireningsverket",
    "fosforfällan",
    "vattenskyddsområdet",
    "vattenskyddsområden",
    "dricksvattenbrunnen",
    "vattentäkten",
    "dagvattenhanteringen",
    "oljeavskiljaren",
    "gödselplattan",
    "gödselhanteringen",
    "växtskyddsmedlen",
    "bekämpningsmedelsförrådet",
    "ventilationen",
    "OVK-protokollet",
    "radonmätningen",
    "fuktskadorna",
    "mögelangreppet",
    "varmvattensystemet",
    "legionellaprovtagningen",
    "bassängbadet",
    "avfallshanteringen",
    "schaktmassorna",
    "massorna",
    "förorenade marken",
    "MIFO-inventeringen",
    "säkerhetsdatabladen",
    "märkningen",
    "egenkontrollen",
    "miljörapporten",
    "bullret",
    "värmepumpen",
    "tillståndet",
    "föreläggandet",
    "vitet",
    "tillsynsavgiften",
    "behovsutredningen",
    "anläggningen",
    "skyddsnivån",
    "skyddsnivåerna",
    "hälsoskyddstillsynen",
    "avfallsregistret",
];
const CONTEXTS: &[&str] = &[
    "inom vattenskyddsområdet",
    "enligt miljöbalken",
    "vid tillsynsbesöket i våras",
    "efter klagomål från grannar",
    "med hög skyddsnivå för hälsoskydd",
    "i känsligt område nära sjön",
    "enligt Havs- och vattenmyndighetens riktlinjer",
    "i samband med bygglovet",
    "innan nästa inspektion",
    "inom tre månader",
    "på fastigheten i Eksjö",
    "i Nässjö kommun",
    "vid skolgården",
    "på gården utanför Vetlanda",
    "enligt Folkhälsomyndighetens allmänna råd",
    "inte utan tillstånd",
    "utan anmälan",
];
const TITLES: &[&str] = &[
    "Fosforkrav för små avlopp i känsligt område",
    "Legionella i äldreboendets varmvatten",
    "Illegal dumpning av byggavfall",
    "Gödselhantering nära vattentäkt",
    "Radonmätning i förskolor",
    "Brister i OVK på skolor",
    "Ny avloppsanläggning i vattenskyddsområdet",
    "Schaktmassor till anläggningsändamål",
    "Säkerhetsdatablad hos återförsäljare",
    "Dagvatten från hårdgjorda ytor",
    "Buller från värmepump",
    "Tillsynsavgift för lantbruk",
    "Sanktionsavgift vid utebliven anmälan",
    "Mögel i vårdlokal",
    "Förorenad mark vid nedlagd mack",
];

/// One sentence of inspection prose.
pub fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(CONTEXTS)
    )
}

/// A post of 2–6 sentences.
pub fn post(rng: &mut Rng) -> String {
    let n = 2 + rng.below(5);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// A thread title, varied by a number so titles differ.
pub fn title(rng: &mut Rng, i: usize) -> String {
    format!("{} ({})", rng.pick(TITLES), i % 997)
}

/// The fixed query mix of the benchmarks: inflections, compound parts, missing diacritics,
/// typos, phrases, exclusions and operators.
pub const QUERIES: &[&str] = &[
    "vattenskydd",
    "anläggningen",
    "skyddsniva",
    "kemikalieinspektonen",
    "slamavskiljare infiltration",
    "\"förelades att åtgärda\"",
    "legionella äldreboende",
    "gödsel -brunn",
    "radon förskola",
    "avfall dumpning",
    "fosforfälla",
    "tillsynsavgift lantbruk",
];
