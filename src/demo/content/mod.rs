//! Demo content for a new Samsyn: the county's organisations, networks, projects and meetings as
//! Verksamhetsplan 2026–2028 for Miljösamverkan Jönköpings län describes them, plus a made-up
//! phone book and realistic forum threads, all in Swedish.
//!
//! Plain data only, on the domains' own types: no database, no ids, no clock. The loaders
//! beside this module (`demo::forum`, …) insert it in order; it refers to people by their index
//! in [`people()`] and to networks by slug. Everything the plan does not say (names, telephone
//! numbers, thread texts) is invented.

/// The day project statuses are computed against, so the demo reads the same every day.
pub const DEMO_TODAY: &str = "2026-11-27";

/// Tag names of `crate::tags::glossary()`, as the data below uses them.
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

mod meetings;
mod networks;
mod organisations;
mod people;
mod projects;
mod threads;
mod threads_groups;
mod threads_tillsyn;

#[cfg(test)]
mod tests;

pub use meetings::*;
pub use networks::*;
pub use organisations::*;
pub use people::*;
pub use projects::*;
pub use threads::*;
