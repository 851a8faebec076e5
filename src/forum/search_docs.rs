//! What search shows about a thread: one `SearchDoc` per thread, built from current rows.
//! The indexer (src/search) calls [`search_doc`] for every `thread` change-log entry and for
//! each thread of a `network` entry; None removes the thread from the index.

use sqlx::Row;

use crate::{
    db::Db,
    error::AppResult,
    forum::{markdown, threads, ThreadKind},
    search_doc::SearchDoc,
};

/// Plain text kept per post; the index caps the whole body anyway.
const MAX_POST_TEXT: usize = 20_000;

/// The search document of a thread, or None when it does not exist or is in the recycle
/// bin. Hidden replies are left out; a members-only network's threads carry
/// `["net:<id>", "role:admin"]`, an open network's `["all"]`.
pub async fn search_doc(db: &Db, thread_id: i64) -> AppResult<Option<SearchDoc>> {
    let Some(thread) = threads::get_unchecked(db, thread_id).await? else {
        return Ok(None);
    };
    if thread.hidden {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT id, body FROM posts WHERE thread_id = $1 AND hidden_at IS NULL ORDER BY id",
    )
    .bind(thread.id)
    .fetch_all(&db.pool)
    .await?;
    let mut body = String::new();
    let mut accepted = None;
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let text = markdown::excerpt(&r.try_get::<String, _>(1)?, MAX_POST_TEXT);
        if thread.accepted_post_id == Some(id) {
            accepted = Some(text.clone());
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&text);
    }
    let tags = threads::tags_of(db, &[thread.id])
        .await?
        .remove(&thread.id)
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.name)
        .collect();
    let acl = if thread.network.members_only {
        vec![
            format!("net:{}", thread.network.id),
            "role:admin".to_string(),
        ]
    } else {
        vec!["all".to_string()]
    };
    let mut extra = format!("{} {}", thread.kind.label(), thread.network.name);
    if let Some(summary) = &thread.faq_summary {
        extra.push_str(" vanliga frågor ");
        extra.push_str(summary);
    }
    Ok(Some(SearchDoc {
        key: format!("thread:{}", thread.id),
        kind: "thread".into(),
        entity_id: thread.id,
        title: thread.title.clone(),
        body,
        accepted,
        acl,
        network: Some(thread.network.slug.clone()),
        project: None,
        tags,
        organisation: None,
        solved: (thread.kind == ThreadKind::Question).then_some(thread.accepted_post_id.is_some()),
        updated_at_ms: thread.updated_at.max(thread.last_activity_at),
        extra_text: extra,
    }))
}

/// The ids of a network's threads, for re-indexing them when its visibility changes.
pub async fn thread_ids_in_network(db: &Db, network_id: i64) -> AppResult<Vec<i64>> {
    let rows = sqlx::query("SELECT id FROM threads WHERE network_id = $1 ORDER BY id")
        .bind(network_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

/// Every thread id, for a full rebuild.
pub async fn all_thread_ids(db: &Db) -> AppResult<Vec<i64>> {
    let rows = sqlx::query("SELECT id FROM threads ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}
