//! Tillsynsområden (tags): the curated list shared by threads, documents and people, each
//! with synonyms that search honours ("enskilda avlopp" = "små avlopp"), and the glossary of
//! them (GLOSSARY.md) that a new database starts with.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    db::{change_log, change_log::EntityKind, now_ms, Db},
    error::{conflict_on_unique, AppError, AppResult},
};

#[derive(Debug, Clone)]
pub struct Tag {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub synonyms: Vec<String>,
}

pub const COLUMNS: &str = "id, slug, name, synonyms";

impl Tag {
    pub fn from_row(r: &AnyRow) -> AppResult<Tag> {
        let synonyms: String = r.try_get("synonyms")?;
        Ok(Tag {
            id: r.try_get("id")?,
            slug: r.try_get("slug")?,
            name: r.try_get("name")?,
            synonyms: synonyms
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        })
    }
}

/// A URL-safe slug from a Swedish name: "Små avlopp" → "sma-avlopp".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Validates a tag name and its synonyms.
pub fn parse(name: &str, synonyms: &[String]) -> AppResult<(String, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(AppError::bad_input("name", "Namnet måste ha 1–60 tecken."));
    }
    let syn: Vec<String> = synonyms
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if syn
        .iter()
        .any(|s| s.chars().count() > 60 || s.contains('\n'))
        || syn.len() > 50
    {
        return Err(AppError::bad_input(
            "synonyms",
            "Högst 50 synonymer med högst 60 tecken var.",
        ));
    }
    Ok((name.to_string(), syn.join("\n")))
}

pub async fn list(db: &Db) -> AppResult<Vec<Tag>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM tags ORDER BY name"))
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(Tag::from_row).collect()
}

/// Tags by id, in one query.
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<Tag>> {
    let all = list(db).await?;
    Ok(all.into_iter().filter(|t| ids.contains(&t.id)).collect())
}

/// Finds a tag by name, slug or synonym (case-insensitive).
pub async fn resolve(db: &Db, text: &str) -> AppResult<Option<Tag>> {
    let needle = text.trim().to_lowercase();
    let slug = slugify(text);
    Ok(list(db).await?.into_iter().find(|t| {
        t.name.to_lowercase() == needle
            || t.slug == slug
            || t.synonyms.iter().any(|s| s.to_lowercase() == needle)
    }))
}

/// Inserts or updates a tag by slug (used by the demo loader and admins).
pub async fn upsert(db: &Db, name: &str, synonyms: &[String]) -> AppResult<Tag> {
    let (name, syn) = parse(name, synonyms)?;
    let slug = slugify(&name);
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO tags (slug, name, synonyms, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, synonyms = excluded.synonyms, updated_at = excluded.updated_at
         RETURNING {COLUMNS}"
    ))
    .bind(&slug)
    .bind(&name)
    .bind(&syn)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    tx.commit().await?;
    Tag::from_row(&row)
}

/// Loads the tillsynsområden of the glossary into an empty tags table; idempotent.
pub async fn ensure_defaults(db: &Db) -> AppResult<()> {
    use sqlx::Row;
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM tags")
        .fetch_one(&db.pool)
        .await?
        .try_get(0)?;
    if n == 0 {
        for t in glossary() {
            let synonyms: Vec<String> = t.synonyms.iter().map(|s| s.to_string()).collect();
            upsert(db, t.name, &synonyms).await?;
        }
    }
    Ok(())
}

/// Creates a tag (admins).
pub async fn create(db: &Db, access: &Access, name: &str, synonyms: &[String]) -> AppResult<Tag> {
    access.require_admin()?;
    let (name, syn) = parse(name, synonyms)?;
    let slug = slugify(&name);
    if slug.is_empty() {
        return Err(AppError::bad_input(
            "name",
            "Namnet måste innehålla bokstäver eller siffror.",
        ));
    }
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO tags (slug, name, synonyms, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         RETURNING {COLUMNS}"
    ))
    .bind(&slug)
    .bind(&name)
    .bind(&syn)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Det finns redan en tagg med det namnet."))?;
    tx.commit().await?;
    Tag::from_row(&row)
}

/// Renames a tag or replaces its synonyms (admins). The slug stays, so links keep working.
/// Everything tagged with it is re-indexed, in the same transaction.
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    name: Option<&str>,
    synonyms: Option<&[String]>,
) -> AppResult<Tag> {
    access.require_admin()?;
    let current = by_ids(db, &[id])
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("Taggen"))?;
    let (name, syn) = parse(
        name.unwrap_or(&current.name),
        synonyms.unwrap_or(&current.synonyms),
    )?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "UPDATE tags SET name = $1, synonyms = $2, updated_at = $3 WHERE id = $4 RETURNING {COLUMNS}"
    ))
    .bind(&name)
    .bind(&syn)
    .bind(now_ms())
    .bind(id)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Det finns redan en tagg med det namnet."))?;
    // Search shows tag names on threads: re-index the tagged ones.
    let threads = sqlx::query("SELECT thread_id FROM thread_tags WHERE tag_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    for t in threads {
        change_log::record(&mut tx, EntityKind::Thread, t.try_get(0)?).await?;
    }
    tx.commit().await?;
    Tag::from_row(&row)
}

/// A tillsynsområde used as a tag, with the words search must treat as the same subject.
#[derive(Debug, Clone)]
pub struct GlossaryTag {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
}

/// The tillsynsområden of GLOSSARY.md with their synonyms.
pub fn glossary() -> Vec<GlossaryTag> {
    const TAGS: &[(&str, &[&str])] = &[
        (
            "Små avlopp",
            &[
                "enskilda avlopp",
                "enskilt avlopp",
                "avloppsanläggning",
                "markbädd",
                "infiltration",
                "minireningsverk",
                "slamavskiljare",
                "fosforfälla",
            ],
        ),
        (
            "Lantbruk",
            &[
                "lantbrukstillsyn",
                "gödsel",
                "djurhållning",
                "växtskyddsmedel",
                "bekämpningsmedel",
            ],
        ),
        (
            "Hälsoskydd",
            &[
                "hälsoskyddstillsyn",
                "inomhusmiljö",
                "olägenhet för människors hälsa",
            ],
        ),
        (
            "Inomhusmiljö och ventilation",
            &[
                "ventilation",
                "OVK",
                "radon",
                "fukt",
                "mögel",
                "temperatur",
                "buller inomhus",
            ],
        ),
        (
            "Legionella och bassängbad",
            &["legionella", "varmvatten", "bassängbad", "badvatten"],
        ),
        (
            "Hygienisk verksamhet",
            &[
                "tatuering",
                "piercing",
                "fotvård",
                "frisör",
                "skönhetssalong",
            ],
        ),
        (
            "Skolor, förskolor och vård",
            &[
                "skola",
                "förskola",
                "vårdlokal",
                "äldreboende",
                "omsorgsboende",
            ],
        ),
        (
            "Avfall",
            &[
                "avfallstillsyn",
                "farligt avfall",
                "nedskräpning",
                "illegal dumpning",
                "avfallsregistret",
            ],
        ),
        (
            "Masshantering",
            &[
                "schaktmassor",
                "massor",
                "anläggningsändamål",
                "återvinning av avfall",
            ],
        ),
        (
            "Förorenade områden",
            &[
                "förorenad mark",
                "MIFO",
                "efterbehandling",
                "ansvarsutredning",
            ],
        ),
        (
            "Kemikalier",
            &[
                "kemiska produkter",
                "varor",
                "säkerhetsdatablad",
                "märkning",
                "återförsäljare",
            ],
        ),
        (
            "Dagvatten",
            &[
                "dagvattenhantering",
                "hårdgjorda ytor",
                "oljeavskiljare",
                "recipient",
            ],
        ),
        (
            "Miljöfarlig verksamhet",
            &[
                "industri",
                "fordonstvätt",
                "verkstad",
                "egenkontroll",
                "miljörapport",
            ],
        ),
        (
            "Buller",
            &["bullerstörning", "lågfrekvent buller", "värmepump"],
        ),
        (
            "Vatten",
            &[
                "dricksvatten",
                "vattenskyddsområde",
                "brunn",
                "vattentäkt",
                "MKN för vatten",
            ],
        ),
        (
            "Juridik och metodik",
            &[
                "föreläggande",
                "vite",
                "sanktionsavgift",
                "taxa",
                "tillsynsavgift",
                "behovsutredning",
                "tillsynsplan",
            ],
        ),
    ];
    TAGS.iter()
        .map(|&(name, synonyms)| GlossaryTag { name, synonyms })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_swedish_letters() {
        assert_eq!(slugify("Små avlopp"), "sma-avlopp");
        assert_eq!(
            slugify("Inomhusmiljö och ventilation"),
            "inomhusmiljo-och-ventilation"
        );
        assert_eq!(slugify("  Hälsoskydd!! "), "halsoskydd");
    }

    #[test]
    fn tag_input_is_validated() {
        assert!(parse("", &[]).is_err());
        assert!(parse("Avfall", &["x".repeat(61)]).is_err());
        let (n, s) = parse(" Avfall ", &["farligt avfall".into(), " ".into()]).unwrap();
        assert_eq!(n, "Avfall");
        assert_eq!(s, "farligt avfall");
    }
}
