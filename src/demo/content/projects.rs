//! The plan's tillsynsprojekt and utvecklingsprojekt with their published documents
//! (handläggarstöd), on the library's own kinds and statuses.
//!
//! Long because it is data: the plan's projects and their documents, written out.

// The data tables refer to each other's names (tags, people, networks) freely.
use super::*;

use crate::library::kinds::{DocumentKind, ProjectStatus};

/// Where a project running `from`–`to` (ISO dates, inclusive) stands on the day `today`.
pub(super) fn status_on(today: &str, from: &str, to: &str) -> ProjectStatus {
    if today < from {
        ProjectStatus::Planned
    } else if today > to {
        ProjectStatus::Finished
    } else {
        ProjectStatus::Ongoing
    }
}

/// A published document (handläggarstöd) belonging to a project.
#[derive(Debug, Clone)]
pub struct DocumentDef {
    pub title: &'static str,
    pub kind: DocumentKind,
    pub summary: &'static str,
    /// Markdown.
    pub body: &'static str,
}

/// A tillsynsprojekt or utvecklingsprojekt from the plan.
#[derive(Debug, Clone)]
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
            status: status_on(DEMO_TODAY, row.period.0, row.period.1),
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
