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
#[allow(clippy::match_single_binding)]
async fn render(_db: &Db, kind: EntityKind, _id: i64) -> AppResult<Option<SearchDoc>> {
    Ok(match kind {
        _ => None,
    })
}

/// Entities owned by a network (threads, documents, meetings).
async fn network_children(_db: &Db, _network_id: i64) -> AppResult<Vec<(EntityKind, i64)>> {
    Ok(Vec::new())
}

/// Every (kind, id) the index should hold, for a full rebuild.
pub async fn all_entities(_db: &Db) -> AppResult<Vec<(EntityKind, i64)>> {
    Ok(Vec::new())
}
