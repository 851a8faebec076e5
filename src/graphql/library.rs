//! GraphQL for handläggarstöd: projects, documents, versions and attachments. Resolvers
//! parse ids and inputs, call `crate::library`, and wrap the result.

use async_graphql::{
    connection::{Connection, EmptyFields},
    Context, InputObject, MaybeUndefined, Object, Result, SimpleObject, Upload, ID,
};
use chrono::NaiveDate;

use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids,
        library_types::{AttachmentObj, DocumentObj, Page, ProjectObj},
        parts,
    },
    library::{
        attachments::{self, FileContent, NewFile, Owner},
        documents::{self, DocumentChanges, DocumentFilter, NewDocument},
        kinds::{DocumentKind, DocumentStatus, ProjectStatus},
        projects::{self, NewProject, ProjectChanges},
    },
};

fn opt_id(id: &Option<ID>, kind: &str) -> AppResult<Option<i64>> {
    id.as_ref().map(|i| ids::decode(i, kind)).transpose()
}

fn maybe<T: Clone, U>(
    v: &MaybeUndefined<T>,
    f: impl Fn(&T) -> AppResult<U>,
) -> AppResult<Option<Option<U>>> {
    Ok(match v {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(x) => Some(Some(f(x)?)),
    })
}

/// Parses an attachment owner id: a `Document` or a forum `Post`.
fn owner(id: &ID) -> AppResult<Owner> {
    match ids::decode_any(id)? {
        (k, n) if k == "Document" => Ok(Owner::Document(n)),
        (k, n) if k == "Post" => Ok(Owner::Post(n)),
        _ => Err(AppError::bad_input(
            "ownerId",
            "Bilagor kan bara höra till ett dokument eller ett inlägg.",
        )),
    }
}

pub(crate) async fn document_obj(
    ctx: &Context<'_>,
    doc: documents::Document,
) -> Result<DocumentObj> {
    let (state, _) = parts(ctx);
    let view = documents::load_views(&state.db, vec![doc])
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("document view vanished"))?;
    Ok(DocumentObj(view))
}

#[derive(InputObject, Default)]
pub struct DocumentFilterInput {
    pub kind: Option<DocumentKind>,
    /// Project slug.
    pub project: Option<String>,
    /// Network slug.
    pub network: Option<String>,
    /// Tillsynsområde: name, slug or synonym.
    pub tag: Option<String>,
    /// Without it: published documents and the caller's drafts; ARCHIVED lists the recycle bin.
    pub status: Option<DocumentStatus>,
    /// Only documents whose review-by date has passed (true) or has not (false).
    pub review_overdue: Option<bool>,
    /// Only documents whose title contains each of these words (case-insensitive).
    pub title: Option<String>,
}

#[derive(Default)]
pub struct LibraryQuery;

#[Object]
impl LibraryQuery {
    /// Projects (tillsynsprojekt and utvecklingsområden), in the plan's order.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        status: Option<ProjectStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ProjectObj, EmptyFields, EmptyFields>> {
        let (state, access) = parts(ctx);
        let page = Page::parse(first, after)?;
        let list =
            projects::list(&state.db, access, status, page.offset, page.fetch_limit()).await?;
        Ok(page.connection(ProjectObj::wrap(&state.db, list).await?))
    }

    /// A project by its slug, with its documents.
    async fn project(&self, ctx: &Context<'_>, slug: String) -> Result<Option<ProjectObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let Some(p) = projects::by_slug(&state.db, &slug).await? else {
            return Ok(None);
        };
        Ok(ProjectObj::wrap(&state.db, vec![p]).await?.pop())
    }

    /// Documents the caller may read, newest change first.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        filter: Option<DocumentFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DocumentObj, EmptyFields, EmptyFields>> {
        let (state, access) = parts(ctx);
        let page = Page::parse(first, after)?;
        let f = filter.unwrap_or_default();
        let filter = DocumentFilter {
            kind: f.kind,
            project: f.project,
            network: f.network,
            tag: f.tag,
            status: f.status,
            review_overdue: f.review_overdue,
            title: f.title,
        };
        let docs =
            documents::list(&state.db, access, &filter, page.offset, page.fetch_limit()).await?;
        let views = documents::load_views(&state.db, docs).await?;
        Ok(page.connection(views.into_iter().map(DocumentObj).collect()))
    }

    /// One document with its versions and attachments; null when missing or not readable.
    async fn document(&self, ctx: &Context<'_>, id: ID) -> Result<Option<DocumentObj>> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&id, "Document")?;
        match documents::get(&state.db, access, id).await? {
            Some(doc) => Ok(Some(document_obj(ctx, doc).await?)),
            None => Ok(None),
        }
    }

    /// What the caller must look at again: documents they edit whose review-by date has
    /// passed or comes within `withinDays` (default 30), soonest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn documents_due_for_review(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 30)] within_days: i32,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DocumentObj, EmptyFields, EmptyFields>> {
        let (state, access) = parts(ctx);
        let within = crate::graphql::within_days(within_days)?;
        let page = Page::parse(first, after)?;
        let docs =
            documents::due_for_review(&state.db, access, within, page.offset, page.fetch_limit())
                .await?;
        let views = documents::load_views(&state.db, docs).await?;
        Ok(page.connection(views.into_iter().map(DocumentObj).collect()))
    }
}

#[derive(InputObject)]
pub struct CreateProjectInput {
    pub name: String,
    /// Made from the name when absent ("Små avlopp 2026" → "sma-avlopp-2026").
    pub slug: Option<String>,
    #[graphql(default)]
    pub description: String,
    #[graphql(default)]
    pub goal: String,
    /// Samverkande parter.
    #[graphql(default)]
    pub parties: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    /// Computed from the period when absent.
    pub status: Option<ProjectStatus>,
    /// A responsible user…
    pub responsible_user_id: Option<ID>,
    /// …or a responsible named in free text.
    pub responsible_text: Option<String>,
    #[graphql(default)]
    pub network_ids: Vec<ID>,
}

#[derive(InputObject)]
pub struct UpdateProjectInput {
    pub id: ID,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub goal: Option<String>,
    pub parties: Option<String>,
    pub period_from: MaybeUndefined<NaiveDate>,
    pub period_to: MaybeUndefined<NaiveDate>,
    pub status: Option<ProjectStatus>,
    pub responsible_user_id: MaybeUndefined<ID>,
    pub responsible_text: MaybeUndefined<String>,
    /// The complete new list of linked networks.
    pub network_ids: Option<Vec<ID>>,
}

#[derive(SimpleObject)]
pub struct ProjectPayload {
    pub project: ProjectObj,
}

#[derive(InputObject)]
pub struct CreateDocumentInput {
    pub title: String,
    #[graphql(default)]
    pub summary: String,
    /// Markdown.
    #[graphql(default)]
    pub body: String,
    pub kind: DocumentKind,
    /// The project, the network, or both.
    pub project_id: Option<ID>,
    pub network_id: Option<ID>,
    /// Tillsynsområden by name, slug or synonym.
    #[graphql(default)]
    pub tags: Vec<String>,
    pub review_by: Option<NaiveDate>,
    /// Publish at once (admins, the network's moderators); otherwise a draft.
    #[graphql(default)]
    pub publish: bool,
}

#[derive(InputObject)]
pub struct UpdateDocumentInput {
    pub id: ID,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub kind: Option<DocumentKind>,
    pub project_id: MaybeUndefined<ID>,
    pub network_id: MaybeUndefined<ID>,
    /// The complete new list of tillsynsområden.
    pub tags: Option<Vec<String>>,
    pub review_by: MaybeUndefined<NaiveDate>,
}

#[derive(InputObject)]
pub struct DocumentIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DocumentPayload {
    pub document: DocumentObj,
}

/// An upload per the GraphQL multipart request spec; send it as `multipart/form-data` with
/// the header `x-samsyn-csrf: 1`.
#[derive(InputObject)]
pub struct UploadAttachmentInput {
    /// The document (or forum post) the file belongs to.
    pub owner_id: ID,
    pub file: Upload,
    /// Upload a new version of this attachment; the old version stays readable.
    pub replaces: Option<ID>,
}

#[derive(InputObject)]
pub struct AttachmentIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct AttachmentPayload {
    pub attachment: AttachmentObj,
}

#[derive(Default)]
pub struct LibraryMutation;

#[Object]
impl LibraryMutation {
    /// Creates a project (admins; network moderators for their networks).
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> Result<ProjectPayload> {
        let (state, access) = parts(ctx);
        let network_ids = input
            .network_ids
            .iter()
            .map(|i| ids::decode(i, "Network"))
            .collect::<AppResult<Vec<_>>>()?;
        let project = projects::create(
            &state.db,
            access,
            NewProject {
                name: input.name,
                slug: input.slug,
                description: input.description,
                goal: input.goal,
                parties: input.parties,
                period_from: input.period_from,
                period_to: input.period_to,
                status: input.status,
                responsible_user_id: opt_id(&input.responsible_user_id, "User")?,
                responsible_text: input.responsible_text,
                network_ids,
            },
        )
        .await?;
        Ok(ProjectPayload {
            project: ProjectObj::wrap(&state.db, vec![project])
                .await?
                .pop()
                .ok_or_else(|| AppError::internal("project vanished"))?,
        })
    }

    /// Changes a project (admins; moderators of a linked network).
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        input: UpdateProjectInput,
    ) -> Result<ProjectPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Project")?;
        let network_ids = match &input.network_ids {
            Some(list) => Some(
                list.iter()
                    .map(|i| ids::decode(i, "Network"))
                    .collect::<AppResult<Vec<_>>>()?,
            ),
            None => None,
        };
        let changes = ProjectChanges {
            name: input.name,
            slug: input.slug,
            description: input.description,
            goal: input.goal,
            parties: input.parties,
            period_from: maybe(&input.period_from, |d| Ok(*d))?,
            period_to: maybe(&input.period_to, |d| Ok(*d))?,
            status: input.status,
            responsible_user_id: maybe(&input.responsible_user_id, |i| ids::decode(i, "User"))?,
            responsible_text: maybe(&input.responsible_text, |t| Ok(t.clone()))?,
            network_ids,
        };
        let project = projects::update(&state.db, access, id, changes).await?;
        Ok(ProjectPayload {
            project: ProjectObj::wrap(&state.db, vec![project])
                .await?
                .pop()
                .ok_or_else(|| AppError::internal("project vanished"))?,
        })
    }

    /// Creates a document: a draft, or published at once when asked and allowed.
    async fn create_document(
        &self,
        ctx: &Context<'_>,
        input: CreateDocumentInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let doc = documents::create(
            &state.db,
            access,
            NewDocument {
                title: input.title,
                summary: input.summary,
                body: input.body,
                kind: input.kind,
                project_id: opt_id(&input.project_id, "Project")?,
                network_id: opt_id(&input.network_id, "Network")?,
                tags: input.tags,
                review_by: input.review_by,
                publish: input.publish,
            },
        )
        .await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }

    /// Edits a document; editing a published one keeps the earlier text as a version.
    async fn update_document(
        &self,
        ctx: &Context<'_>,
        input: UpdateDocumentInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Document")?;
        let changes = DocumentChanges {
            title: input.title,
            summary: input.summary,
            body: input.body,
            kind: input.kind,
            project_id: maybe(&input.project_id, |i| ids::decode(i, "Project"))?,
            network_id: maybe(&input.network_id, |i| ids::decode(i, "Network"))?,
            tags: input.tags,
            review_by: maybe(&input.review_by, |d| Ok(*d))?,
        };
        let doc = documents::update(&state.db, access, id, changes).await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }

    /// Publishes a draft (admins anything, moderators their network's documents).
    async fn publish_document(
        &self,
        ctx: &Context<'_>,
        input: DocumentIdInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Document")?;
        let doc = documents::publish(&state.db, access, id).await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }

    /// Moves a document to the recycle bin.
    async fn archive_document(
        &self,
        ctx: &Context<'_>,
        input: DocumentIdInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Document")?;
        let doc = documents::archive(&state.db, access, id).await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }

    /// Takes a document out of the recycle bin, back to the status it had.
    async fn restore_document(
        &self,
        ctx: &Context<'_>,
        input: DocumentIdInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Document")?;
        let doc = documents::restore(&state.db, access, id).await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }

    /// Uploads a file (GraphQL multipart request). The type is checked against the content;
    /// the text is read for search in the background (see `textStatus`).
    async fn upload_attachment(
        &self,
        ctx: &Context<'_>,
        input: UploadAttachmentInput,
    ) -> Result<AttachmentPayload> {
        let (state, access) = parts(ctx);
        let owner = owner(&input.owner_id)?;
        let replaces = opt_id(&input.replaces, "Attachment")?;
        let max = state.config.max_upload_bytes;
        let value = input.file.value(ctx).map_err(|_| {
            AppError::bad_input("file", "Filen saknas i anropet (multipart-fältet).")
        })?;
        if value.size().unwrap_or(0) > max {
            return Err(AppError::TooLarge(format!(
                "Filen är för stor (högst {} MiB).",
                max / (1024 * 1024)
            ))
            .into());
        }
        // The multipart parser spooled the part to an unnamed temporary file; it is checked,
        // hashed and stored from there, never read whole into memory.
        let uploaded = attachments::upload(
            &state.db,
            access,
            max,
            owner,
            replaces,
            NewFile {
                file_name: value.filename,
                content_type: value.content_type,
                content: FileContent::File(value.content),
            },
        )
        .await?;
        Ok(AttachmentPayload {
            attachment: AttachmentObj(uploaded.attachment),
        })
    }

    /// Moves an attachment (all its versions) to the recycle bin.
    async fn delete_attachment(
        &self,
        ctx: &Context<'_>,
        input: AttachmentIdInput,
    ) -> Result<AttachmentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Attachment")?;
        Ok(AttachmentPayload {
            attachment: AttachmentObj(attachments::delete(&state.db, access, id).await?),
        })
    }

    /// Takes an attachment out of the recycle bin.
    async fn restore_attachment(
        &self,
        ctx: &Context<'_>,
        input: AttachmentIdInput,
    ) -> Result<AttachmentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Attachment")?;
        Ok(AttachmentPayload {
            attachment: AttachmentObj(attachments::restore(&state.db, access, id).await?),
        })
    }
}
