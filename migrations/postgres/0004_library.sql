-- Handläggarstöd: projects, documents with versions, and attachments whose content is stored
-- content-addressed (sha256) in the database, with the text extracted for search.
-- Dates that are days, not instants (project period, review-by), are ISO text 'YYYY-MM-DD'.

CREATE TABLE projects (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    goal TEXT NOT NULL DEFAULT '',
    parties TEXT NOT NULL DEFAULT '',
    period_from TEXT,
    period_to TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'finished')),
    responsible_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    responsible_text TEXT,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE project_networks (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    network_id BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, network_id)
);
CREATE INDEX project_networks_network ON project_networks(network_id);

-- A document's network decides who may read it, so a network that still has documents
-- cannot be deleted (no ON DELETE): its members-only documents must never turn public.
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('checklista', 'projektplan', 'projektrapport', 'vagledning', 'mall', 'informationsmaterial', 'protokoll')),
    project_id BIGINT REFERENCES projects(id) ON DELETE SET NULL,
    network_id BIGINT REFERENCES networks(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    -- The status to go back to when an archived document is restored.
    archived_from TEXT CHECK (archived_from IN ('draft', 'published')),
    review_by TEXT,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1,
    published_at BIGINT,
    archived_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX documents_project ON documents(project_id);
CREATE INDEX documents_network ON documents(network_id);
CREATE INDEX documents_status_updated ON documents(status, updated_at);
CREATE INDEX documents_review_by ON documents(review_by);

CREATE TABLE document_tags (
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, tag_id)
);
CREATE INDEX document_tags_tag ON document_tags(tag_id);

-- Earlier versions of published documents, as they read before an edit replaced them.
CREATE TABLE document_versions (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    review_by TEXT,
    edited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (document_id, version)
);

-- File content, stored once per distinct content, with the text extracted from it.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content BYTEA NOT NULL,
    kind TEXT NOT NULL,
    text_status TEXT NOT NULL CHECK (text_status IN ('pending', 'done', 'failed', 'none')),
    text_error TEXT,
    text_content TEXT,
    created_at BIGINT NOT NULL,
    text_updated_at BIGINT
);
CREATE INDEX blobs_text_status ON blobs(text_status);

-- An attachment belongs to a document or a forum post (owner_kind, owner_id). A new version
-- is a new row in the same series; the old one stays (is_current = 0) and stays readable.
CREATE TABLE attachments (
    id BIGSERIAL PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('document', 'post')),
    owner_id BIGINT NOT NULL,
    series_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    is_current BIGINT NOT NULL DEFAULT 1,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT,
    deleted_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
CREATE INDEX attachments_series ON attachments(series_id);
CREATE INDEX attachments_sha256 ON attachments(sha256);
