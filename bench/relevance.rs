//! Relevance benchmark (issue 17, point 5): prints figures, it is not a timed test.
//!
//! `cargo bench --bench relevance`
//!
//! Runs the queries of `bench/relevance_data.txt` (a Swedish corpus of threads and documents
//! written for it, and queries by class: plain, inflection, compound, no diacritics, typo,
//! partial match, reference to law, near miss) through samsyn's search (the real index and
//! analysis, in process) and, in the same run, through SQLite FTS5 with the unicode61 and the
//! trigram tokenizers, each with all words required (AND) and any word (OR), and through
//! PostgreSQL's 'swedish' text search configuration (AND and OR) in a fresh database. Prints
//! recall@1, recall@5 and MRR (over the first 10 hits) overall and per class.
//!
//! `SAMSYN_BENCH_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`): the server
//! the PostgreSQL run creates its database on; unreachable, that column is left out.
//! `SAMSYN_BENCH_VERBOSE=1`: also prints every query samsyn misses at 5.

use std::collections::BTreeMap;

use samsyn::search::{
    compound::Vocabulary,
    execute::{SearchFilter, SearchPage},
    index::{SearchDoc, SearchIndex},
    query,
    synonyms::Synonyms,
};
use sqlx::Row;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const DATA: &str = include_str!("relevance_data.txt");
/// Hits looked at per query (MRR counts a first right hit up to here).
const DEPTH: usize = 10;
const CLASSES: &[&str] = &[
    "plain",
    "inflection",
    "compound",
    "nodiacritics",
    "typo",
    "partial",
    "legal",
    "nearmiss",
];

struct Item {
    key: String,
    title: String,
    body: String,
}

struct Case {
    class: String,
    query: String,
    want: Vec<String>,
}

fn parse_data() -> (Vec<Item>, Vec<Case>) {
    let mut items = Vec::new();
    let mut cases = Vec::new();
    for line in DATA.lines() {
        let fields: Vec<&str> = line.get(2..).unwrap_or("").split(" | ").collect();
        match (line.get(..2), fields.as_slice()) {
            (Some("D "), [key, title, body]) => items.push(Item {
                key: key.trim().to_string(),
                title: title.trim().to_string(),
                body: body.trim().to_string(),
            }),
            (Some("Q "), [class, query, want]) => cases.push(Case {
                class: class.trim().to_string(),
                query: query.trim().to_string(),
                want: want.split_whitespace().map(str::to_string).collect(),
            }),
            _ => {}
        }
    }
    (items, cases)
}

/// Recall@1, recall@5 and reciprocal ranks of one engine, per class.
#[derive(Default, Clone)]
struct Score {
    n: usize,
    at1: usize,
    at5: usize,
    rr: f64,
}

impl Score {
    fn add(&mut self, ranked: &[String], want: &[String]) {
        self.n += 1;
        let first = ranked.iter().take(DEPTH).position(|k| want.contains(k));
        if first == Some(0) {
            self.at1 += 1;
        }
        if first.is_some_and(|p| p < 5) {
            self.at5 += 1;
        }
        if let Some(p) = first {
            self.rr += 1.0 / (p as f64 + 1.0);
        }
    }

    fn cells(&self) -> String {
        if self.n == 0 {
            return format!("{:>17}", "–");
        }
        let n = self.n as f64;
        format!(
            "{:>5.2} {:>5.2} {:>5.2}",
            self.at1 as f64 / n,
            self.at5 as f64 / n,
            self.rr / n
        )
    }
}

/// Scores per class and overall ("all").
type Table = BTreeMap<String, Score>;

fn record(table: &mut Table, case: &Case, ranked: &[String]) {
    table
        .entry(case.class.clone())
        .or_default()
        .add(ranked, &case.want);
    table
        .entry("all".to_string())
        .or_default()
        .add(ranked, &case.want);
}

fn samsyn_engine(items: &[Item]) -> Result<SearchIndex, BoxError> {
    let index = SearchIndex::in_memory(Vocabulary::with_domain_words())?;
    let docs = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (kind, id) = item.key.split_once(':').unwrap_or(("thread", "0"));
            SearchDoc {
                key: item.key.clone(),
                kind: kind.to_string(),
                entity_id: id.parse().unwrap_or(0),
                title: item.title.clone(),
                body: item.body.clone(),
                acl: vec!["all".to_string()],
                updated_at_ms: 1_700_000_000_000 + i as i64,
                ..SearchDoc::default()
            }
        })
        .collect();
    index.upsert(docs)?;
    index.commit(1)?;
    Ok(index)
}

fn samsyn_search(index: &SearchIndex, q: &str) -> Result<Vec<String>, BoxError> {
    let res = index.search(
        &query::parse(q),
        &SearchFilter::default(),
        &["all".to_string()],
        &Synonyms::glossary(),
        SearchPage {
            offset: 0,
            limit: DEPTH,
            facets: false,
        },
    )?;
    Ok(res.hits.into_iter().map(|h| h.key).collect())
}

/// The words of a query for the peers: letters and digits only, each quoted for FTS5. A
/// `lag:"…"` filter is searched as its words (the peers have no such filter).
fn peer_words(q: &str) -> Vec<String> {
    let q = q.strip_prefix("lag:").unwrap_or(q);
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

async fn fts5_engine(tokenizer: &str, items: &[Item]) -> Result<sqlx::SqlitePool, BoxError> {
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await?;
    sqlx::query(&format!(
        "CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, body, tokenize='{tokenizer}')"
    ))
    .execute(&pool)
    .await?;
    for item in items {
        sqlx::query("INSERT INTO docs (key, title, body) VALUES ($1, $2, $3)")
            .bind(&item.key)
            .bind(&item.title)
            .bind(&item.body)
            .execute(&pool)
            .await?;
    }
    Ok(pool)
}

async fn fts5_search(
    pool: &sqlx::SqlitePool,
    q: &str,
    any: bool,
    trigram: bool,
) -> Result<Vec<String>, BoxError> {
    // Trigram tables match substrings of three characters or more only.
    let words: Vec<String> = peer_words(q)
        .into_iter()
        .filter(|w| !trigram || w.chars().count() >= 3)
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let expr = words.join(if any { " OR " } else { " " });
    // Titles weigh three times the body, as in samsyn.
    let rows = sqlx::query(
        "SELECT key FROM docs WHERE docs MATCH $1 ORDER BY bm25(docs, 0.0, 3.0, 1.0) LIMIT $2",
    )
    .bind(expr)
    .bind(DEPTH as i64)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
}

/// A fresh PostgreSQL database with the items, or None when the server is unreachable.
async fn postgres_engine(items: &[Item]) -> Option<(sqlx::PgPool, String, String)> {
    let admin_url = std::env::var("SAMSYN_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
    let admin = sqlx::PgPool::connect(&admin_url).await.ok()?;
    let name = format!("samsyn_relevance_{}", std::process::id());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .ok()?;
    admin.close().await;
    let (base, _) = admin_url.rsplit_once('/')?;
    let pool = sqlx::PgPool::connect(&format!("{base}/{name}"))
        .await
        .ok()?;
    let setup = "CREATE TABLE docs (key TEXT PRIMARY KEY, title TEXT, body TEXT, \
         tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('swedish', title), 'A') || \
         setweight(to_tsvector('swedish', body), 'B')) STORED)";
    sqlx::query(setup).execute(&pool).await.ok()?;
    for item in items {
        sqlx::query("INSERT INTO docs (key, title, body) VALUES ($1, $2, $3)")
            .bind(&item.key)
            .bind(&item.title)
            .bind(&item.body)
            .execute(&pool)
            .await
            .ok()?;
    }
    Some((pool, admin_url, name))
}

async fn postgres_search(pool: &sqlx::PgPool, q: &str, any: bool) -> Result<Vec<String>, BoxError> {
    let text = peer_words(q).join(" ");
    // plainto_tsquery ANDs the stemmed words; for OR the same lexemes are joined with '|'.
    let tsquery = if any {
        "replace(plainto_tsquery('swedish', $1)::text, '&', '|')::tsquery"
    } else {
        "plainto_tsquery('swedish', $1)"
    };
    let sql = format!(
        "SELECT key FROM docs, (SELECT {tsquery} AS q) t WHERE tsv @@ t.q \
         ORDER BY ts_rank_cd(tsv, t.q) DESC, key LIMIT $2"
    );
    let rows = sqlx::query(&sql)
        .bind(text)
        .bind(DEPTH as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
}

fn print_table(engines: &[(String, Table)], cases: &[Case]) {
    print!("{:<14}{:>5}", "class", "n");
    for (name, _) in engines {
        print!("  {name:>17}");
    }
    println!();
    print!("{:<14}{:>5}", "", "");
    for _ in engines {
        print!("  {:>17}", "R@1   R@5   MRR");
    }
    println!();
    for class in CLASSES.iter().copied().chain(std::iter::once("all")) {
        let n = cases
            .iter()
            .filter(|c| class == "all" || c.class == class)
            .count();
        print!("{class:<14}{n:>5}");
        for (_, table) in engines {
            print!(
                "  {}",
                table.get(class).cloned().unwrap_or_default().cells()
            );
        }
        println!();
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let (items, cases) = parse_data();
    println!(
        "Relevance: {} items, {} queries (bench/relevance_data.txt)\n",
        items.len(),
        cases.len()
    );
    let verbose = std::env::var("SAMSYN_BENCH_VERBOSE").is_ok();
    let mut engines: Vec<(String, Table)> = Vec::new();

    let index = samsyn_engine(&items)?;
    let mut ours = Table::new();
    for case in &cases {
        let ranked = samsyn_search(&index, &case.query)?;
        if verbose && !ranked.iter().take(5).any(|k| case.want.contains(k)) {
            println!(
                "miss [{}] {:?} → {:?} (want {:?})",
                case.class, case.query, ranked, case.want
            );
        }
        record(&mut ours, case, &ranked);
    }
    engines.push(("samsyn".to_string(), ours));

    for (label, tokenizer, trigram) in [
        ("FTS5 unicode61", "unicode61 remove_diacritics 2", false),
        ("FTS5 trigram", "trigram", true),
    ] {
        let pool = fts5_engine(tokenizer, &items).await?;
        for (mode, any) in [("AND", false), ("OR", true)] {
            let mut table = Table::new();
            for case in &cases {
                let ranked = fts5_search(&pool, &case.query, any, trigram).await?;
                record(&mut table, case, &ranked);
            }
            engines.push((format!("{label} {mode}"), table));
        }
    }

    match postgres_engine(&items).await {
        Some((pool, admin_url, name)) => {
            for (mode, any) in [("AND", false), ("OR", true)] {
                let mut table = Table::new();
                for case in &cases {
                    let ranked = postgres_search(&pool, &case.query, any).await?;
                    record(&mut table, case, &ranked);
                }
                engines.push((format!("PG swedish {mode}"), table));
            }
            pool.close().await;
            if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE {name}"))
                    .execute(&admin)
                    .await;
            }
        }
        None => println!("PostgreSQL: not reachable, its columns are left out.\n"),
    }

    print_table(&engines, &cases);
    Ok(())
}
