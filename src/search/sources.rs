//! Where index entries come from: for each kind of change, the domain function that renders
//! the current row(s) as `SearchDoc`s. The only place that knows every searchable domain.

use crate::{
    db::{change_log::EntityKind, Db},
    error::AppResult,
    search::index::SearchDoc,
};

/// What one change means for the index: keys to delete and documents to (re)add.
#[derive(Default)]
pub struct Update {
    pub delete: Vec<String>,
    pub upsert: Vec<SearchDoc>,
}

impl Update {
    fn single(&mut self, key: String, doc: Option<SearchDoc>) {
        match doc {
            Some(d) => self.upsert.push(d),
            None => self.delete.push(key),
        }
    }
}

/// Renders the index entries for one change into `out`.
pub async fn apply(db: &Db, kind: EntityKind, id: i64, out: &mut Update) -> AppResult<()> {
    match kind {
        EntityKind::Network => {
            // A network's visibility changed: every entry it owns carries new read rights.
            for (k, child) in network_children(db, id).await? {
                Box::pin(apply(db, k, child, out)).await?;
            }
        }
        EntityKind::User => {}
        other => {
            let key = format!("{}:{id}", other.as_str());
            let doc = render(db, other, id).await?;
            out.single(key, doc);
        }
    }
    Ok(())
}

/// The current entry of one entity, or None when it must not be in the index.
async fn render(db: &Db, kind: EntityKind, id: i64) -> AppResult<Option<SearchDoc>> {
    match kind {
        EntityKind::Person => crate::directory::search_docs::search_doc(db, id).await,
        EntityKind::Thread => crate::forum::search_docs::search_doc(db, id).await,
        EntityKind::Document => crate::library::search_docs::search_doc(db, id).await,
        EntityKind::Attachment => crate::library::search_docs::attachment_search_doc(db, id).await,
        EntityKind::Meeting => crate::meetings::search_docs::search_doc(db, id).await,
        EntityKind::Newsletter => crate::meetings::search_docs::newsletter_search_doc(db, id).await,
        _ => Ok(None),
    }
}

/// Attachments whose read rights follow a network: those of its documents and of the posts
/// in its threads.
const NETWORK_ATTACHMENTS: &str =
    "SELECT a.id FROM attachments a JOIN documents d ON d.id = a.owner_id \
     WHERE a.owner_kind = 'document' AND d.network_id = $1 \
     UNION SELECT a.id FROM attachments a JOIN posts p ON p.id = a.owner_id \
     JOIN threads t ON t.id = p.thread_id WHERE a.owner_kind = 'post' AND t.network_id = $1";

/// Entities owned by a network (threads, documents, meetings, their attachments).
async fn network_children(db: &Db, network_id: i64) -> AppResult<Vec<(EntityKind, i64)>> {
    let mut out = crate::meetings::search_docs::network_meetings(db, network_id).await?;
    for id in crate::forum::search_docs::thread_ids_in_network(db, network_id).await? {
        out.push((EntityKind::Thread, id));
    }
    let documents = "SELECT id FROM documents WHERE network_id = $1";
    for id in ids(db, documents, Some(network_id)).await? {
        out.push((EntityKind::Document, id));
    }
    for id in ids(db, NETWORK_ATTACHMENTS, Some(network_id)).await? {
        out.push((EntityKind::Attachment, id));
    }
    out.sort_unstable_by_key(|(k, id)| (k.as_str(), *id));
    Ok(out)
}

/// The first column of `sql` as ids, with `$1` bound to `param` when given.
async fn ids(db: &Db, sql: &str, param: Option<i64>) -> AppResult<Vec<i64>> {
    use sqlx::Row;
    let mut q = sqlx::query(sql);
    if let Some(p) = param {
        q = q.bind(p);
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| r.try_get::<i64, _>(0).map_err(Into::into))
        .collect()
}

/// Every (kind, id) the index should hold, for a full rebuild.
pub async fn all_entities(db: &Db) -> AppResult<Vec<(EntityKind, i64)>> {
    let mut out: Vec<(EntityKind, i64)> = crate::forum::search_docs::all_thread_ids(db)
        .await?
        .into_iter()
        .map(|id| (EntityKind::Thread, id))
        .collect();
    for (kind, sql) in [
        (EntityKind::Person, "SELECT id FROM people ORDER BY id"),
        (EntityKind::Document, "SELECT id FROM documents ORDER BY id"),
        (
            EntityKind::Attachment,
            "SELECT id FROM attachments ORDER BY id",
        ),
    ] {
        out.extend(ids(db, sql, None).await?.into_iter().map(|id| (kind, id)));
    }
    out.extend(crate::meetings::search_docs::all(db).await?);
    Ok(out)
}
