//! Demo threads of the open tillsyn networks: små avlopp, hälsoskydd, lantbrukstillsyn and
//! avfall (rows for `threads::threads()`).

// The data tables refer to each other's names (tags, people, networks) freely.
use super::threads::ThreadRow;
use super::*;
use crate::forum::ThreadKind::*;

pub(super) const TILLSYN: &[ThreadRow] = &[
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
];
