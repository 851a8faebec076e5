//! GraphQL objects of handläggarstöd: Project, Document, DocumentVersion, Attachment and the
//! network reference they show. Fields map domain rows; lists arrive preloaded per page.

use async_graphql::{
    connection::{Connection, Edge, EmptyFields},
    Context, Object, Result, ID,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    accounts::users::User,
    dates,
    error::AppResult,
    forum::markdown,
    graphql::{accounts::ts, accounts::UserObj, ids, page_size, parts},
    library::{
        attachments::{self, Attachment},
        documents::{self, DocumentFilter, DocumentView, Version},
        kinds::{DocumentKind, DocumentStatus, ProjectStatus, TextStatus},
        projects::{self, Project},
        related::{self, NetworkRef},
    },
};

/// An offset cursor page: `first` items after the cursor `after`.
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Page {
    pub fn parse(first: Option<i32>, after: Option<String>) -> AppResult<Page> {
        let limit = page_size(first)?;
        let offset = match after {
            None => 0,
            Some(c) => ids::parse_cursor(&c)?
                .strip_prefix("o:")
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n >= 0)
                .map(|n| n + 1)
                .ok_or_else(|| crate::error::AppError::bad_input("after", "Ogiltig markör."))?,
        };
        Ok(Page { offset, limit })
    }

    /// The limit to query with: one more than shown, to learn whether a next page exists.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }

    /// Wraps fetched items (up to `fetch_limit`) as a connection.
    pub fn connection<T: async_graphql::OutputType>(
        &self,
        mut items: Vec<T>,
    ) -> Connection<String, T, EmptyFields, EmptyFields> {
        let has_next = items.len() as i64 > self.limit;
        items.truncate(self.limit as usize);
        let mut conn = Connection::new(self.offset > 0, has_next);
        for (i, item) in items.into_iter().enumerate() {
            let cursor = ids::cursor(&format!("o:{}", self.offset + i as i64));
            conn.edges.push(Edge::new(cursor, item));
        }
        conn
    }
}

/// A network as handläggarstöd shows it (the forum's `Network` type has the rest).
pub struct NetworkRefObj(pub NetworkRef);

#[Object(name = "NetworkRef")]
impl NetworkRefObj {
    /// The network's global id (type `Network`).
    async fn id(&self) -> ID {
        ids::encode("Network", self.0.id)
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn members_only(&self) -> bool {
        self.0.members_only
    }
}

/// A project with its responsible user preloaded (`None` = not loaded yet).
pub struct ProjectObj {
    pub project: Project,
    pub responsible: Option<Option<User>>,
}

impl ProjectObj {
    /// Wraps a page of projects, loading their responsible users in one query.
    pub async fn wrap(db: &crate::db::Db, projects: Vec<Project>) -> AppResult<Vec<ProjectObj>> {
        let ids: Vec<i64> = projects
            .iter()
            .filter_map(|p| p.responsible_user_id)
            .collect();
        let users = related::users(db, &ids).await?;
        Ok(projects
            .into_iter()
            .map(|p| ProjectObj {
                responsible: Some(p.responsible_user_id.and_then(|id| users.get(&id).cloned())),
                project: p,
            })
            .collect())
    }
}

impl ProjectObj {
    async fn responsible_user_row(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        match (&self.responsible, self.project.responsible_user_id) {
            (Some(loaded), _) => Ok(loaded.clone()),
            (None, Some(id)) => crate::accounts::users::get(&parts(ctx).0.db, id).await,
            (None, None) => Ok(None),
        }
    }
}

/// A tillsynsprojekt or utvecklingsområde.
#[Object(name = "Project")]
impl ProjectObj {
    pub async fn id(&self) -> ID {
        ids::encode("Project", self.project.id)
    }
    async fn slug(&self) -> &str {
        &self.project.slug
    }
    async fn name(&self) -> &str {
        &self.project.name
    }
    async fn description(&self) -> &str {
        &self.project.description
    }
    async fn goal(&self) -> &str {
        &self.project.goal
    }
    /// Samverkande parter.
    async fn parties(&self) -> &str {
        &self.project.parties
    }
    async fn period_from(&self) -> Option<NaiveDate> {
        self.project.period_from
    }
    async fn period_to(&self) -> Option<NaiveDate> {
        self.project.period_to
    }
    async fn status(&self) -> ProjectStatus {
        self.project.status
    }
    /// planerat | pågående | avslutat
    async fn status_label(&self) -> &str {
        self.project.status.label()
    }
    /// The responsible user, when the responsible is a user of Samsyn.
    async fn responsible_user(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        Ok(self
            .responsible_user_row(ctx)
            .await?
            .filter(|u| !u.erased)
            .map(UserObj))
    }
    /// The responsible as free text, when not a user.
    async fn responsible_text(&self) -> Option<&str> {
        self.project.responsible_text.as_deref()
    }
    /// Who is responsible, for display: the user's name or the free text.
    async fn responsible(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(match self.responsible_user_row(ctx).await? {
            Some(u) if u.erased => Some("Tidigare användare".into()),
            Some(u) => Some(u.display_name),
            None => self.project.responsible_text.clone(),
        })
    }
    /// Linked networks the caller may see.
    async fn networks(&self, ctx: &Context<'_>) -> Vec<NetworkRefObj> {
        let (_, access) = parts(ctx);
        self.project
            .visible_networks(access)
            .into_iter()
            .map(NetworkRefObj)
            .collect()
    }
    /// The project's documents the caller may read (not archived unless asked), newest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        kind: Option<DocumentKind>,
        status: Option<DocumentStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DocumentObj, EmptyFields, EmptyFields>> {
        let (state, access) = parts(ctx);
        let page = Page::parse(first, after)?;
        let filter = DocumentFilter {
            kind,
            status,
            project: Some(self.project.slug.clone()),
            ..DocumentFilter::default()
        };
        let docs =
            documents::list(&state.db, access, &filter, page.offset, page.fetch_limit()).await?;
        let views = documents::load_views(&state.db, docs).await?;
        Ok(page.connection(views.into_iter().map(DocumentObj).collect()))
    }
    /// May the caller change this project?
    async fn viewer_can_edit(&self, ctx: &Context<'_>) -> bool {
        let (_, access) = parts(ctx);
        projects::can_edit(access, &self.project)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.project.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.project.updated_at)
    }
}

/// A document (handläggarstöd) with its project, author and attachments preloaded.
pub struct DocumentObj(pub DocumentView);

#[Object(name = "Document")]
impl DocumentObj {
    pub async fn id(&self) -> ID {
        ids::encode("Document", self.0.doc.id)
    }
    async fn title(&self) -> &str {
        &self.0.doc.title
    }
    async fn summary(&self) -> &str {
        &self.0.doc.summary
    }
    /// The body as Markdown.
    async fn body(&self) -> &str {
        &self.0.doc.body
    }
    /// The body as safe HTML.
    async fn body_html(&self) -> String {
        markdown::render(&self.0.doc.body)
    }
    async fn kind(&self) -> DocumentKind {
        self.0.doc.kind
    }
    /// checklista, projektplan, …, vägledning, …
    async fn kind_label(&self) -> &str {
        self.0.doc.kind.label()
    }
    async fn status(&self) -> DocumentStatus {
        self.0.doc.status
    }
    /// utkast | publicerad | arkiverad
    async fn status_label(&self) -> &str {
        self.0.doc.status.label()
    }
    /// Granskas senast.
    async fn review_by(&self) -> Option<NaiveDate> {
        self.0.doc.review_by
    }
    /// The review-by date has passed.
    async fn review_overdue(&self) -> bool {
        self.0.doc.review_overdue(dates::today())
    }
    /// When someone last marked it reviewed (granskad).
    async fn reviewed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.doc.reviewed_at.map(crate::graphql::accounts::ts)
    }
    /// Who last marked it reviewed.
    async fn reviewed_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        Ok(match self.0.doc.reviewed_by {
            Some(id) => crate::graphql::loaders::get::<crate::graphql::loaders::UserLoader>(ctx)
                .load_one(id)
                .await?
                .map(UserObj),
            None => None,
        })
    }
    /// May I mark it reviewed (its author, editors or its project's responsible)?
    async fn viewer_can_mark_reviewed(&self, ctx: &Context<'_>) -> bool {
        let responsible = self.0.project.as_ref().and_then(|p| p.responsible_user_id);
        documents::can_mark_reviewed(parts(ctx).1, &self.0.doc, responsible)
    }
    async fn project(&self) -> Option<ProjectObj> {
        self.0.project.clone().map(|p| ProjectObj {
            project: p,
            responsible: None,
        })
    }
    async fn network(&self) -> Option<NetworkRefObj> {
        self.0.doc.network.clone().map(NetworkRefObj)
    }
    /// Tillsynsområden.
    async fn tags(&self) -> &[String] {
        &self.0.doc.tags
    }
    async fn author(&self) -> Option<UserObj> {
        self.0.author.clone().map(UserObj)
    }
    /// 1 for a new document; each edit of the published text adds one.
    async fn version(&self) -> i64 {
        self.0.doc.version
    }
    /// Earlier versions of the published text, newest first (one query per document: ask
    /// for it on `document(id)`, not on long lists).
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<DocumentVersionObj>> {
        let (state, access) = parts(ctx);
        let list = documents::versions(&state.db, access, self.0.doc.id).await?;
        let editors: Vec<i64> = list.iter().filter_map(|v| v.edited_by).collect();
        let users = related::users(&state.db, &editors).await?;
        Ok(list
            .into_iter()
            .map(|v| DocumentVersionObj {
                editor: v.edited_by.and_then(|id| users.get(&id).cloned()),
                version: v,
            })
            .collect())
    }
    /// Current attachments (the newest version of each file).
    async fn attachments(&self) -> Vec<AttachmentObj> {
        self.0
            .attachments
            .iter()
            .cloned()
            .map(AttachmentObj)
            .collect()
    }
    /// Attachments in the recycle bin; empty unless the caller may change the document.
    async fn deleted_attachments(&self, ctx: &Context<'_>) -> Result<Vec<AttachmentObj>> {
        let (state, access) = parts(ctx);
        Ok(attachments::deleted_for(
            &state.db,
            access,
            attachments::Owner::Document(self.0.doc.id),
        )
        .await?
        .into_iter()
        .map(AttachmentObj)
        .collect())
    }
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.doc.published_at.map(ts)
    }
    async fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.0.doc.archived_at.map(ts)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.doc.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.doc.updated_at)
    }
    /// May the caller change the document (and its attachments) now?
    async fn viewer_can_edit(&self, ctx: &Context<'_>) -> bool {
        let (_, access) = parts(ctx);
        documents::can_write(access, &self.0.doc)
    }
    /// May the caller publish the document?
    async fn viewer_can_publish(&self, ctx: &Context<'_>) -> bool {
        let (_, access) = parts(ctx);
        access.can_write() && documents::can_publish(access, &self.0.doc)
    }
}

/// An earlier version of a published document.
pub struct DocumentVersionObj {
    version: Version,
    editor: Option<User>,
}

#[Object(name = "DocumentVersion")]
impl DocumentVersionObj {
    async fn version(&self) -> i64 {
        self.version.version
    }
    async fn title(&self) -> &str {
        &self.version.title
    }
    async fn summary(&self) -> &str {
        &self.version.summary
    }
    async fn body(&self) -> &str {
        &self.version.body
    }
    async fn body_html(&self) -> String {
        markdown::render(&self.version.body)
    }
    async fn kind(&self) -> DocumentKind {
        self.version.kind
    }
    async fn review_by(&self) -> Option<NaiveDate> {
        self.version.review_by
    }
    /// Who replaced this version.
    async fn replaced_by(&self) -> Option<UserObj> {
        self.editor.clone().map(UserObj)
    }
    /// When this version was replaced.
    async fn replaced_at(&self) -> DateTime<Utc> {
        ts(self.version.created_at)
    }
}

/// A file attached to a document (or a forum post).
pub struct AttachmentObj(pub Attachment);

#[Object(name = "Attachment")]
impl AttachmentObj {
    pub async fn id(&self) -> ID {
        ids::encode("Attachment", self.0.id)
    }
    /// The cleaned file name, as it is downloaded.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    /// Bytes.
    async fn size(&self) -> i64 {
        self.0.size
    }
    /// The content's SHA-256 (hex); also the download's ETag.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    /// 1 for the first upload; a replacing upload adds one.
    async fn version(&self) -> i64 {
        self.0.version
    }
    /// False for a version a newer one replaced (still downloadable).
    async fn is_current(&self) -> bool {
        self.0.is_current
    }
    /// Download address (GET, same sign-in as the API).
    async fn url(&self) -> String {
        self.0.url()
    }
    /// Whether the file's text has been read for search.
    async fn text_status(&self) -> TextStatus {
        self.0.text_status
    }
    /// Why the text could not be read (the file is still fine to download).
    async fn text_error(&self) -> Option<&str> {
        self.0.text_error.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.0.deleted_at.map(ts)
    }
    /// Every version of this file, newest first (one query per attachment).
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<AttachmentObj>> {
        let (state, _) = parts(ctx);
        Ok(attachments::versions(&state.db, &self.0)
            .await?
            .into_iter()
            .map(AttachmentObj)
            .collect())
    }
    /// The document the file belongs to (null for forum posts).
    async fn document(&self, ctx: &Context<'_>) -> Result<Option<DocumentObj>> {
        let (state, access) = parts(ctx);
        let attachments::Owner::Document(id) = self.0.owner else {
            return Ok(None);
        };
        let Some(doc) = documents::get(&state.db, access, id).await? else {
            return Ok(None);
        };
        Ok(documents::load_views(&state.db, vec![doc])
            .await?
            .pop()
            .map(DocumentObj))
    }
}
