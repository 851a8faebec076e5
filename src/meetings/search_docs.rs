//! Meetings and newsletters as search index entries, for the indexer that follows the change
//! log. Read rights travel with each entry: a members-only network's meeting carries
//! `net:<id>` and `role:admin`, everything else `all`. Drafts of newsletters are never indexed.

use sqlx::Row;

use crate::{
    db::{change_log::EntityKind, Db},
    error::AppResult,
    meetings::{meeting, plain_text::plain_text, time},
    search_doc::SearchDoc,
};

/// A meeting's index entry; None when it no longer exists.
pub async fn search_doc(db: &Db, id: i64) -> AppResult<Option<SearchDoc>> {
    let Some(m) = meeting::get_unchecked(db, id).await? else {
        return Ok(None);
    };
    let acl = match m.network_id {
        Some(n) if m.members_only => vec![format!("net:{n}"), "role:admin".to_string()],
        _ => vec!["all".to_string()],
    };
    let mut body = plain_text(&m.description);
    body.push_str(&format!("\n\n{}", time::human_span(m.starts_at, m.ends_at)));
    if let Some(p) = &m.place {
        body.push_str(&format!("\n{p}"));
    }
    let mut extra = vec!["träff".to_string(), "möte".to_string()];
    if m.cancelled {
        extra.push("inställd".into());
    }
    if let Some(name) = &m.network_name {
        extra.push(name.clone());
    }
    if let Some(o) = m.organiser.as_ref().filter(|o| !o.erased) {
        extra.push(o.display_name.clone());
    }
    Ok(Some(SearchDoc {
        key: format!("meeting:{id}"),
        kind: "meeting".into(),
        entity_id: id,
        title: m.title.clone(),
        body,
        accepted: None,
        acl,
        network: m.network_slug.clone(),
        project: None,
        tags: Vec::new(),
        organisation: None,
        solved: None,
        updated_at_ms: m.updated_at,
        extra_text: extra.join(" "),
    }))
}

/// A newsletter's index entry; None unless it has been sent.
pub async fn newsletter_search_doc(db: &Db, id: i64) -> AppResult<Option<SearchDoc>> {
    let row = sqlx::query(
        "SELECT title, body, sent_at FROM newsletters WHERE id = $1 AND status = 'sent'",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(SearchDoc {
        key: format!("newsletter:{id}"),
        kind: "newsletter".into(),
        entity_id: id,
        title: r.try_get(0)?,
        body: plain_text(&r.try_get::<String, _>(1)?),
        accepted: None,
        acl: vec!["all".into()],
        network: None,
        project: None,
        tags: Vec::new(),
        organisation: None,
        solved: None,
        updated_at_ms: r.try_get::<Option<i64>, _>(2)?.unwrap_or(0),
        extra_text: "nyhetsbrev".into(),
    }))
}

/// The meetings of a network (their read rights follow the network's).
pub async fn network_meetings(db: &Db, network_id: i64) -> AppResult<Vec<(EntityKind, i64)>> {
    let rows = sqlx::query("SELECT id FROM meetings WHERE network_id = $1 ORDER BY id")
        .bind(network_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((EntityKind::Meeting, r.try_get(0)?)))
        .collect()
}

/// Every meeting and sent newsletter, for a full rebuild.
pub async fn all(db: &Db) -> AppResult<Vec<(EntityKind, i64)>> {
    let mut out = Vec::new();
    for r in sqlx::query("SELECT id FROM meetings ORDER BY id")
        .fetch_all(&db.pool)
        .await?
    {
        out.push((EntityKind::Meeting, r.try_get(0)?));
    }
    for r in sqlx::query("SELECT id FROM newsletters WHERE status = 'sent' ORDER BY id")
        .fetch_all(&db.pool)
        .await?
    {
        out.push((EntityKind::Newsletter, r.try_get(0)?));
    }
    Ok(out)
}
