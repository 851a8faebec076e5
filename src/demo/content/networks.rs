//! The plan's networks (nätverk) and groups, with who they are open to.

/// A network (nätverk): an open one anyone signed in may read, or a members-only group.
#[derive(Debug, Clone)]
pub struct NetworkDef {
    pub slug: &'static str,
    pub name: &'static str,
    /// The network's purpose ("syfte") as the plan states it.
    pub description: &'static str,
    pub members_only: bool,
}

/// The networks a new user is offered, ticked: the county-wide meeting of all inspectors.
pub const JOIN_BY_DEFAULT: &[&str] = &["miljohandlaggartraffar"];

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
