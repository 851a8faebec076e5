//! Demo handläggarstöd: the plan's projects with their published documents, and a generated
//! PDF on the first document of the first two projects so the demo has files to download and
//! search. Projects are linked to the demo networks that exist when this runs.

use chrono::Days;

use crate::{
    accounts::{Access, AuthVia, Role, Unattended},
    dates,
    demo::{content, DemoUsers},
    error::{AppError, AppResult},
    library::{
        attachments::{self, FileContent, NewFile, Owner},
        documents::{self, NewDocument},
        projects::{self, NewProject},
        related,
        testfiles::make_test_pdf,
    },
    state::AppState,
};

/// Projects whose first document gets a PDF attachment.
const PROJECTS_WITH_FILES: usize = 2;

/// Loads the demo projects and documents as the demo's utvecklingsledare (the admin).
pub async fn load(state: &AppState, users: &DemoUsers) -> AppResult<()> {
    let db = &state.db;
    let people = content::people();
    let admin_index = people
        .iter()
        .position(|p| p.account == Role::Admin)
        .ok_or_else(|| AppError::internal("the demo phone book has no admin"))?;
    let admin_id = *users
        .ids
        .get(admin_index)
        .ok_or_else(|| AppError::internal("demo admin was not created"))?;
    let access = Access::for_user(
        db,
        admin_id,
        people[admin_index].name.to_string(),
        Role::Admin,
        None,
        // The loader acts as the admin without a session of its own.
        AuthVia::Unattended(Unattended::Shell),
    )
    .await?;
    for (index, p) in content::projects().into_iter().enumerate() {
        let mut network_ids = Vec::new();
        for slug in &p.networks {
            if let Some(n) = related::network_by_slug(db, slug).await? {
                network_ids.push(n.id);
            }
        }
        let period_to = dates::from_db(p.period_to)?;
        let project = projects::create(
            db,
            &access,
            NewProject {
                name: p.name.to_string(),
                slug: Some(p.slug.to_string()),
                description: p.description.to_string(),
                goal: p.goal.to_string(),
                parties: p.parties.to_string(),
                period_from: Some(dates::from_db(p.period_from)?),
                period_to: Some(period_to),
                status: Some(p.status),
                responsible_user_id: Some(admin_id),
                responsible_text: None,
                network_ids,
            },
        )
        .await?;
        for (d_index, d) in p.documents.iter().enumerate() {
            let doc = documents::create(
                db,
                &access,
                NewDocument {
                    title: d.title.to_string(),
                    summary: d.summary.to_string(),
                    body: d.body.to_string(),
                    kind: d.kind,
                    project_id: Some(project.id),
                    network_id: None,
                    tags: p.tags.iter().map(|t| t.to_string()).collect(),
                    review_by: period_to.checked_add_days(Days::new(365)),
                    publish: true,
                },
            )
            .await?;
            if d_index == 0 && index < PROJECTS_WITH_FILES {
                let lines: Vec<&str> = d.body.lines().collect();
                let uploaded = attachments::upload(
                    db,
                    &access,
                    state.config.max_upload_bytes,
                    Owner::Document(doc.id),
                    None,
                    NewFile {
                        file_name: format!("{}.pdf", d.title),
                        content_type: Some("application/pdf".into()),
                        content: FileContent::Bytes(make_test_pdf(&lines)),
                    },
                )
                .await?;
                if let Some(task) = uploaded.extraction {
                    task.await?;
                }
            }
        }
    }
    Ok(())
}
