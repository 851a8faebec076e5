//! What search shows of a person: the document the indexer (in `search`) puts in the index
//! for `person:<id>`. Everyone signed in may find people, so the ACL is "all".

use crate::{db::Db, directory::people, error::AppResult, search_doc::SearchDoc};

/// The search document of a person, or None when the person no longer exists.
pub async fn search_doc(db: &Db, person_id: i64) -> AppResult<Option<SearchDoc>> {
    let Some(p) = people::get(db, person_id).await? else {
        return Ok(None);
    };
    let areas = p.area_names();
    let mut body = Vec::new();
    if !p.title.is_empty() {
        body.push(p.title.clone());
    }
    if let Some(u) = &p.unit {
        body.push(u.name.clone());
    }
    body.push(p.organisation.name.clone());
    if !areas.is_empty() {
        body.push(areas.join(", "));
    }
    Ok(Some(SearchDoc {
        key: format!("person:{}", p.id),
        kind: "person".into(),
        entity_id: p.id,
        title: p.name.clone(),
        body: body.join(". "),
        accepted: None,
        acl: vec!["all".into()],
        network: None,
        project: None,
        tags: areas,
        organisation: Some(p.organisation.name.clone()),
        solved: None,
        updated_at_ms: p.updated_at,
        extra_text: p
            .roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }))
}
