//! A generated corpus of realistic Swedish inspection text, shared by the benchmarks.
//! Deterministic (fixed seed): the same run makes the same corpus.
//!
//! Real forum threads are about one thing: a thread has a topic (a tillsynsområde), most of
//! its sentences use that topic's words, the rest are the small talk of any forum ("Tack för
//! svaret!") and the long tail every real text has (places, property designations, dates,
//! paragraph references, company names). Topics are not equally common (small sewage
//! systems dominate, legionella is rare), and words within a topic are picked with a Zipf
//! skew. So a query matches a realistic share of the corpus (a few per cent for a topic
//! word, much more for a word every topic uses), and the Swedish analysis has the same work
//! to do as on real posts: real compounds (vattenskyddsområdet, avloppsanläggningen,
//! slamavskiljare) in their inflected forms.

#![allow(dead_code)]

use sqlx::Row;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The corpus size: 20k threads × 10 posts = 200k posts, and 5k documents.
pub const THREADS: usize = 20_000;
pub const POSTS_PER_THREAD: usize = 10;
pub const DOCUMENTS: usize = 5_000;

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
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Picks with a Zipf-like skew: item k is about 1/(k+1) as likely as the first.
    pub fn zipf<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.zipf_index(items.len())]
    }
    pub fn zipf_index(&mut self, n: usize) -> usize {
        // Harmonic weights; n is small (tens), so a linear walk is fine.
        let total: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut x = (self.next() as f64 / u64::MAX as f64) * total;
        for k in 0..n {
            x -= 1.0 / (k + 1) as f64;
            if x <= 0.0 {
                return k;
            }
        }
        n - 1
    }
}

/// A tillsynsområde: how often threads are about it, and the words its threads use.
pub struct Topic {
    pub tag: &'static str,
    /// Relative frequency of threads on this topic.
    pub weight: usize,
    pub titles: &'static [&'static str],
    /// Inflected nouns and noun phrases, most common first.
    pub objects: &'static [&'static str],
    /// Phrases that place a sentence within the topic.
    pub contexts: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        tag: "Små avlopp",
        weight: 22,
        titles: &[
            "Fosforkrav för små avlopp i känsligt område",
            "Slamavskiljare utan efterföljande rening",
            "Markbädd eller minireningsverk?",
            "Inventering av enskilda avlopp",
            "Förbud mot utsläpp från avloppsanläggning",
            "Ny avloppsanläggning i vattenskyddsområdet",
        ],
        objects: &[
            "avloppsanläggningen",
            "slamavskiljaren",
            "infiltrationen",
            "markbädden",
            "minireningsverket",
            "fosforfällan",
            "avloppsanläggningar",
            "trekammarbrunnen",
            "spridningsledningarna",
            "provtagningsbrunnen",
            "BDT-avloppet",
            "sluten tank",
            "servicejournalen",
            "fosforfilterkassetten",
        ],
        contexts: &[
            "med hög skyddsnivå för hälsoskydd",
            "enligt Havs- och vattenmyndighetens riktlinjer",
            "i känsligt område nära sjön",
            "i samband med bygglovet",
            "inom vattenskyddsområdet",
            "med normal skyddsnivå för miljöskydd",
        ],
    },
    Topic {
        tag: "Lantbruk",
        weight: 12,
        titles: &[
            "Gödselhantering nära vattentäkt",
            "Tillsynsavgift för lantbruk",
            "Spridning av stallgödsel på frusen mark",
            "Djurhållning inom detaljplanelagt område",
        ],
        objects: &[
            "gödselplattan",
            "gödselhanteringen",
            "växtskyddsmedlen",
            "bekämpningsmedelsförrådet",
            "stallgödseln",
            "urinbrunnen",
            "lagringskapaciteten",
            "djurhållningen",
            "spridningsjournalen",
            "ensilaget",
        ],
        contexts: &[
            "på gården utanför Vetlanda",
            "under spridningsperioden",
            "enligt Jordbruksverkets föreskrifter",
            "nära dricksvattenbrunnen",
        ],
    },
    Topic {
        tag: "Inomhusmiljö och ventilation",
        weight: 9,
        titles: &[
            "Radonmätning i förskolor",
            "Brister i OVK på skolor",
            "Mögel i vårdlokal",
            "Fuktskador i hyreslägenhet",
        ],
        objects: &[
            "ventilationen",
            "radonmätningen",
            "fuktskadorna",
            "mögelangreppet",
            "OVK-protokollet",
            "radonhalten",
            "luftflödena",
            "inomhustemperaturen",
        ],
        contexts: &[
            "efter klagomål från hyresgästen",
            "enligt Folkhälsomyndighetens allmänna råd",
            "i förskolans lokaler",
            "under eldningssäsongen",
        ],
    },
    Topic {
        tag: "Legionella och bassängbad",
        weight: 3,
        titles: &[
            "Legionella i äldreboendets varmvatten",
            "Provtagning av badvatten i bassängbad",
        ],
        objects: &[
            "legionellaprovtagningen",
            "varmvattensystemet",
            "bassängbadet",
            "badvattnet",
            "cirkulationen",
            "duschslangarna",
        ],
        contexts: &[
            "på äldreboendet",
            "enligt Folkhälsomyndighetens vägledning",
            "vid badanläggningen",
        ],
    },
    Topic {
        tag: "Avfall",
        weight: 8,
        titles: &[
            "Illegal dumpning av byggavfall",
            "Farligt avfall i verkstaden",
            "Nedskräpning vid återvinningsstationen",
        ],
        objects: &[
            "avfallshanteringen",
            "avfallsregistret",
            "byggavfallet",
            "dumpningen",
            "det farliga avfallet",
            "nedskräpningen",
            "transportdokumenten",
        ],
        contexts: &[
            "vid återvinningscentralen",
            "enligt avfallsförordningen",
            "i skogen bakom industriområdet",
        ],
    },
    Topic {
        tag: "Masshantering",
        weight: 5,
        titles: &[
            "Schaktmassor till anläggningsändamål",
            "Anmälan om utfyllnad med massor",
        ],
        objects: &[
            "schaktmassorna",
            "massorna",
            "utfyllnaden",
            "anmälan om återvinning",
            "provtagningen av massorna",
        ],
        contexts: &[
            "enligt Naturvårdsverkets handbok",
            "vid vägbygget",
            "på grustaget",
        ],
    },
    Topic {
        tag: "Förorenade områden",
        weight: 5,
        titles: &[
            "Förorenad mark vid nedlagd mack",
            "Ansvarsutredning för gammal industritomt",
        ],
        objects: &[
            "förorenade marken",
            "MIFO-inventeringen",
            "efterbehandlingen",
            "ansvarsutredningen",
            "markundersökningen",
            "grundvattenrören",
        ],
        contexts: &[
            "vid den nedlagda bensinstationen",
            "enligt 10 kap. miljöbalken",
            "på den gamla sågverkstomten",
        ],
    },
    Topic {
        tag: "Kemikalier",
        weight: 6,
        titles: &[
            "Säkerhetsdatablad hos återförsäljare",
            "Märkning av kemiska produkter",
            "Förbjudna ämnen i varor",
        ],
        objects: &[
            "säkerhetsdatabladen",
            "märkningen",
            "kemikalieförteckningen",
            "de kemiska produkterna",
            "kandidatförteckningen",
        ],
        contexts: &[
            "enligt Kemikalieinspektionens föreskrifter",
            "hos återförsäljaren",
            "i butiken",
        ],
    },
    Topic {
        tag: "Dagvatten",
        weight: 4,
        titles: &[
            "Dagvatten från hårdgjorda ytor",
            "Oljeavskiljare vid fordonstvätt",
        ],
        objects: &[
            "dagvattenhanteringen",
            "oljeavskiljaren",
            "dagvattendammen",
            "recipienten",
            "larmet på oljeavskiljaren",
        ],
        contexts: &[
            "vid parkeringen",
            "vid kraftiga regn",
            "innan utsläpp till recipienten",
        ],
    },
    Topic {
        tag: "Miljöfarlig verksamhet",
        weight: 7,
        titles: &[
            "Egenkontroll på verkstaden",
            "Miljörapport från C-verksamhet",
            "Fordonstvätt utan tillstånd",
        ],
        objects: &[
            "egenkontrollen",
            "miljörapporten",
            "tillståndet",
            "fordonstvätten",
            "verkstadens utsläpp",
            "lösningsmedlen",
        ],
        contexts: &[
            "enligt miljöprövningsförordningen",
            "vid tillsynsbesöket i våras",
            "på industriområdet",
        ],
    },
    Topic {
        tag: "Buller",
        weight: 3,
        titles: &["Buller från värmepump", "Lågfrekvent buller från fläkt"],
        objects: &[
            "bullret",
            "värmepumpen",
            "ljudnivån",
            "bullermätningen",
            "fläkten",
        ],
        contexts: &["efter klagomål från grannar", "nattetid", "vid tomtgränsen"],
    },
    Topic {
        tag: "Vatten",
        weight: 6,
        titles: &[
            "Vattenskyddsområde och nya föreskrifter",
            "Dricksvattenbrunn med höga nitrathalter",
        ],
        objects: &[
            "vattenskyddsområdet",
            "dricksvattenbrunnen",
            "vattentäkten",
            "vattenskyddsområden",
            "skyddsföreskrifterna",
            "nitrathalten",
        ],
        contexts: &[
            "inom vattenskyddsområdet",
            "inom tillrinningsområdet",
            "nära vattentäkten",
        ],
    },
    Topic {
        tag: "Juridik och metodik",
        weight: 10,
        titles: &[
            "Sanktionsavgift vid utebliven anmälan",
            "Föreläggande med vite",
            "Behovsutredning och tillsynsplan",
            "Taxa och tillsynsavgift",
        ],
        objects: &[
            "föreläggandet",
            "vitet",
            "tillsynsavgiften",
            "behovsutredningen",
            "sanktionsavgiften",
            "överklagandet",
            "kommunicering",
            "tillsynsplanen",
        ],
        contexts: &[
            "enligt 26 kap. miljöbalken",
            "innan beslutet vann laga kraft",
            "enligt förvaltningslagen",
        ],
    },
];

/// Who does something, most common first: people mostly write "vi" and "jag"; the
/// authorities are named now and then (picked with a Zipf skew).
const SUBJECTS: &[&str] = &[
    "Vi",
    "Jag",
    "Man",
    "Ni",
    "Handläggaren",
    "Fastighetsägaren",
    "Verksamhetsutövaren",
    "Kommunen",
    "Nämnden",
    "Min kollega",
    "Inspektören",
    "Sökanden",
    "Entreprenören",
    "Konsulten",
    "Bolaget",
    "Grannen",
    "Klaganden",
    "Miljöchefen",
    "Lantbrukaren",
    "Förvaltningen",
    "Länsstyrelsen",
    "Mark- och miljödomstolen",
    "Naturvårdsverket",
    "Havs- och vattenmyndigheten",
    "Kemikalieinspektionen",
    "Folkhälsomyndigheten",
    "Jordbruksverket",
    "Boverket",
];
const VERBS: &[&str] = &[
    "har tittat på",
    "behöver se över",
    "brukar kräva",
    "har fått in frågor om",
    "bedömer",
    "ska åtgärda",
    "har diskuterat",
    "behöver redovisa",
    "har begärt in uppgifter om",
    "funderar på",
    "kontrollerade",
    "har inte åtgärdat",
    "har anmält",
    "skrev om",
    "godkände",
    "saknar",
    "ansöker om",
    "har frågat om",
    "ställer krav på",
    "överklagade",
    "har lämnat in",
    "inventerade",
    "provtog",
    "besiktade",
    "förelades att åtgärda",
    "fick sanktionsavgift för",
    "föreslår ändringar av",
];
const GENERAL_CONTEXTS: &[&str] = &[
    "innan nästa inspektion",
    "inom tre månader",
    "enligt miljöbalken",
    "utan anmälan",
    "inte utan tillstånd",
    "i samband med tillsynsbesöket",
];
/// What any forum thread also says.
const CHATTER: &[&str] = &[
    "Tack för svaret!",
    "Vi gör likadant hos oss.",
    "Har någon en mall för detta?",
    "Jag håller med om det.",
    "Bra fråga, det har vi också funderat på.",
    "Kan du skicka beslutet till mig?",
    "Vi tog upp det på nätverksträffen.",
    "Det beror nog på omständigheterna i det enskilda fallet.",
    "Jag återkommer när jag pratat med min chef.",
    "Finns det någon dom om detta?",
];
const PLACES: &[&str] = &[
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
    "Värnamo",
    "Bankeryd",
    "Huskvarna",
    "Gränna",
    "Skillingaryd",
    "Anderstorp",
    "Smålandsstenar",
    "Bodafors",
    "Ingatorp",
    "Holsbybrunn",
    "Landsbro",
    "Rydaholm",
];
const FARMS: &[&str] = &[
    "Hult",
    "Berga",
    "Ekeberg",
    "Skogsby",
    "Lyckås",
    "Ödestugu",
    "Torp",
    "Sjöhaga",
    "Backa",
    "Norrgården",
    "Västanå",
    "Lindås",
];
const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "augusti",
    "september",
    "oktober",
    "november",
];
const COMPANIES: &[&str] = &[
    "Bygg",
    "Åkeri",
    "Lantbruk",
    "Mekaniska",
    "Trä",
    "Plåt",
    "Fastigheter",
    "Grus",
];

/// Picks a thread topic by its weight.
pub fn topic(rng: &mut Rng) -> usize {
    let total: usize = TOPICS.iter().map(|t| t.weight).sum();
    let mut x = rng.below(total);
    for (i, t) in TOPICS.iter().enumerate() {
        if x < t.weight {
            return i;
        }
        x -= t.weight;
    }
    0
}

/// The long tail: a place, a property designation, a date, a company.
fn tail(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "på fastigheten {} {}:{}",
            rng.pick(FARMS),
            1 + rng.below(30),
            1 + rng.below(99)
        ),
        1 => format!("i {}", rng.pick(PLACES)),
        2 => format!("den {} {}", 1 + rng.below(28), rng.pick(MONTHS)),
        _ => format!("hos {} {} AB", rng.pick(PLACES), rng.pick(COMPANIES)),
    }
}

/// One sentence of inspection prose on a topic.
pub fn sentence_on(rng: &mut Rng, topic: usize) -> String {
    let t = &TOPICS[topic];
    // One sentence in eight strays to a neighbouring subject, as discussions do.
    let object = if rng.chance(12) {
        let other = rng.below(TOPICS.len());
        rng.zipf(TOPICS[other].objects)
    } else {
        rng.zipf(t.objects)
    };
    let context = if rng.chance(60) {
        rng.zipf(t.contexts).to_string()
    } else if rng.chance(50) {
        rng.pick(GENERAL_CONTEXTS).to_string()
    } else {
        tail(rng)
    };
    let mut s = format!(
        "{} {} {} {}",
        rng.zipf(SUBJECTS),
        rng.zipf(VERBS),
        object,
        context
    );
    if rng.chance(30) {
        s.push(' ');
        s.push_str(&tail(rng));
    }
    s.push('.');
    s
}

/// One sentence on a random topic.
pub fn sentence(rng: &mut Rng) -> String {
    let t = topic(rng);
    sentence_on(rng, t)
}

/// A post of 1–5 sentences on a topic, now and then with a line of small talk.
pub fn post_on(rng: &mut Rng, topic: usize) -> String {
    let n = 1 + rng.below(5);
    let mut parts: Vec<String> = (0..n).map(|_| sentence_on(rng, topic)).collect();
    if rng.chance(35) {
        parts.push(rng.pick(CHATTER).to_string());
    }
    parts.join(" ")
}

/// A post on a random topic.
pub fn post(rng: &mut Rng) -> String {
    let t = topic(rng);
    post_on(rng, t)
}

/// A thread title on a topic, varied by a place so titles differ.
pub fn title_on(rng: &mut Rng, topic: usize) -> String {
    let t = &TOPICS[topic];
    format!("{} i {}", rng.pick(t.titles), rng.pick(PLACES))
}

/// A thread title on a random topic (`i` kept for callers that number threads).
pub fn title(rng: &mut Rng, _i: usize) -> String {
    let t = topic(rng);
    title_on(rng, t)
}

/// The fixed query mix of the benchmarks: inflections, compound parts, missing diacritics,
/// typos, phrases, exclusions and operators — and two broad words most threads contain,
/// so the expensive end of the mix is measured too.
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
    "miljöbalken",
    "fastighetsägaren åtgärda",
];

/// Inserts networks, threads with posts, and documents directly with SQL, in large
/// transactions, with a change_log row per thread and document. Returns the number of
/// networks and a thread id in an open network.
pub async fn insert(
    db: &samsyn::db::Db,
    admin: i64,
    member: i64,
) -> Result<(usize, i64), BoxError> {
    let now = samsyn::db::now_ms();
    let nets = [
        ("avlopp", "Avlopp", 0i64),
        ("miljoskydd", "Miljöskydd", 0),
        ("halsoskydd", "Hälsoskydd", 0),
        ("livsmedel", "Livsmedel", 0),
        ("ledningsgrupp", "Ledningsgruppen", 1),
    ];
    let mut tx = db.pool.begin().await?;
    let mut net_ids = Vec::new();
    for (slug, name, members_only) in nets {
        let id: i64 = sqlx::query(
            "INSERT INTO networks (slug, name, description, members_only, created_at, updated_at) \
             VALUES ($1, $2, '', $3, $4, $4) RETURNING id",
        )
        .bind(slug)
        .bind(name)
        .bind(members_only)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        net_ids.push(id);
    }
    let closed = *net_ids.last().ok_or("no network")?;
    // The tillsynsområden with their synonyms, as the demo has them; threads and documents
    // are tagged with their topic, so synonym expansion does its real work.
    let mut tag_ids = std::collections::HashMap::new();
    for tag in samsyn::tags::glossary() {
        let id: i64 = sqlx::query(
            "INSERT INTO tags (slug, name, synonyms, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(samsyn::tags::slugify(tag.name))
        .bind(tag.name)
        .bind(tag.synonyms.join("\n"))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        tag_ids.insert(tag.name, id);
    }
    let topic_tag = |topic: usize| -> Result<i64, BoxError> {
        let name = TOPICS[topic].tag;
        tag_ids
            .get(name)
            .copied()
            .ok_or_else(|| format!("no tag {name}").into())
    };
    sqlx::query(
        "INSERT INTO network_members (network_id, user_id, role, joined_at) VALUES ($1, $2, 'member', $3)",
    )
    .bind(closed)
    .bind(member)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    let mut rng = Rng::new(42);
    let mut post_id: i64 = 0;
    let mut first_thread = 0;
    for batch in 0..(THREADS / 1000) {
        let mut tx = db.pool.begin().await?;
        for i in batch * 1000..(batch + 1) * 1000 {
            // One thread in ten is in the members-only network.
            let net = if i % 10 == 9 {
                closed
            } else {
                net_ids[i % (net_ids.len() - 1)]
            };
            let at = now - (THREADS - i) as i64 * 60_000;
            let topic = topic(&mut rng);
            let title = title_on(&mut rng, topic);
            let thread_id: i64 = sqlx::query(
                "INSERT INTO threads (network_id, kind, title, author_id, reply_count, \
                 last_activity_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6) \
                 RETURNING id",
            )
            .bind(net)
            .bind(if i % 3 == 0 { "discussion" } else { "question" })
            .bind(&title)
            .bind(admin)
            .bind((POSTS_PER_THREAD - 1) as i64)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            if first_thread == 0 {
                first_thread = thread_id;
            }
            let first_post = post_id + 1;
            for p in 0..POSTS_PER_THREAD {
                let body = post_on(&mut rng, topic);
                let html = format!("<p>{body}</p>");
                post_id = sqlx::query(
                    "INSERT INTO posts (thread_id, author_id, body, body_html, render_version, created_at) \
                     VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
                )
                .bind(thread_id)
                .bind(if p % 2 == 0 { admin } else { member })
                .bind(&body)
                .bind(&html)
                .bind(at + p as i64)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            }
            sqlx::query("UPDATE threads SET first_post_id = $1, last_post_id = $2 WHERE id = $3")
                .bind(first_post)
                .bind(post_id)
                .bind(thread_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO thread_tags (thread_id, tag_id) VALUES ($1, $2)")
                .bind(thread_id)
                .bind(topic_tag(topic)?)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO change_log (kind, entity_id, created_at) VALUES ('thread', $1, $2)",
            )
            .bind(thread_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    let mut tx = db.pool.begin().await?;
    let kinds = [
        "checklista",
        "vagledning",
        "projektrapport",
        "mall",
        "protokoll",
    ];
    for i in 0..DOCUMENTS {
        let net = if i % 10 == 9 {
            closed
        } else {
            net_ids[i % (net_ids.len() - 1)]
        };
        let topic = topic(&mut rng);
        let title = format!("Vägledning: {}", title_on(&mut rng, topic));
        let summary = sentence_on(&mut rng, topic);
        let body = (0..4)
            .map(|_| post_on(&mut rng, topic))
            .collect::<Vec<_>>()
            .join("\n\n");
        let id: i64 = sqlx::query(
            "INSERT INTO documents (title, summary, body, kind, network_id, status, author_id, \
             published_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'published', $6, $7, $7, $7) \
             RETURNING id",
        )
        .bind(&title)
        .bind(&summary)
        .bind(&body)
        .bind(kinds[i % kinds.len()])
        .bind(net)
        .bind(admin)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        sqlx::query("INSERT INTO document_tags (document_id, tag_id) VALUES ($1, $2)")
            .bind(id)
            .bind(topic_tag(topic)?)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO change_log (kind, entity_id, created_at) VALUES ('document', $1, $2)",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok((net_ids.len(), first_thread))
}
