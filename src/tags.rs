//! Tillsynsområden (tags): the curated list shared by threads, documents and people, each
//! with synonyms that search honours ("enskilda avlopp" = "små avlopp").

use sqlx::{any::AnyRow, Row};

use crate::{
    db::{now_ms, Db},
    error::{AppError, AppResult},
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
        for t in crate::demo::content::tags() {
            let synonyms: Vec<String> = t.synonyms.iter().map(|s| s.to_string()).collect();
            upsert(db, t.name, &synonyms).await?;
        }
    }
    Ok(())
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
