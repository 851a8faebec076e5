//! Demo threads of miljöhandläggarträffar and the members-only groups (styrgrupp,
//! beredningsgrupp, kontaktpersoner, …) (rows for `threads::threads()`).

// The data tables refer to each other's names (tags, people, networks) freely.
use super::threads::ThreadRow;
use super::*;
use crate::forum::ThreadKind::*;

pub(super) const GROUPS: &[ThreadRow] = &[
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
];
