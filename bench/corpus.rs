//! A generated corpus of realistic Swedish inspection text, shared by the benchmarks.
//! Deterministic (fixed seed): the same run makes the same corpus.
//!
//! Sentences are built from the words inspectors use, with real compounds
//! (vattenskyddsområdet, avloppsanläggningen, slamavskiljare) in their inflected forms, so the
//! Swedish analysis has the same work to do as on real posts.

#![allow(dead_code)]

use sqlx::Row;

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

/// The corpus size: 20k threads × 10 posts = 200k posts, and 5k documents.
pub const THREADS: usize = 20_000;
pub const POSTS_PER_THREAD: usize = 10;
pub const DOCUMENTS: usize = 5_000;

/// Inserts networks, threads with posts, and documents directly with SQL, in large
/// transactions, with a change_log row per thread and document. Returns the number of
/// networks and a thread id in an open network.
pub async fn insert(
    db: &samsyn::db::Db,
    admin: i64,
    member: i64,
) -> Result<(usize, i64), Box<dyn std::error::Error + Send + Sync>> {
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
            let title = title(&mut rng, i);
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
                let body = post(&mut rng);
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
        let title = format!("Vägledning: {}", title(&mut rng, i));
        let summary = sentence(&mut rng);
        let body = (0..4)
            .map(|_| post(&mut rng))
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
