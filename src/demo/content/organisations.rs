//! The organisations of the collaboration as the plan names them: the 13 municipalities,
//! Länsstyrelsen and Region Jönköpings län, with the mail domains and area codes the made-up
//! phone book uses.

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationKind {
    Kommun,
    Lansstyrelse,
    Region,
}

/// An organisation in the collaboration.
#[derive(Debug, Clone)]
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

pub(super) const GGVV: Option<&str> = Some("GGVV");
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
