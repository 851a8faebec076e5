-- Forum: threads in networks, posts with revisions, accepted answers and FAQ, read state,
-- follows, in-app notifications and the e-mail digest setting. Networks and memberships
-- are in 0001, tags in 0002. Posts are never deleted by the app: hiding (by a moderator)
-- and withdrawing (by the author) set hidden_at, which is the recycle bin.

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('question', 'discussion', 'announcement')),
    title TEXT NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    -- 1 while the opening post is hidden: the whole thread is in the recycle bin.
    hidden INTEGER NOT NULL DEFAULT 0,
    first_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    accepted_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    accepted_at INTEGER,
    accepted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    faq_summary TEXT,
    faq_at INTEGER,
    faq_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- Denormalised from posts: visible replies (opening post excluded) and the newest
    -- visible post, so lists and unread counts need no scan of posts.
    reply_count INTEGER NOT NULL DEFAULT 0,
    last_post_id INTEGER NOT NULL DEFAULT 0,
    last_activity_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX threads_network_order ON threads(network_id, pinned, last_activity_at, id);
CREATE INDEX threads_activity ON threads(last_activity_at, id);
CREATE INDEX threads_faq ON threads(network_id, faq_at);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- Markdown as written, and its sanitised HTML rendered by render_version of the renderer.
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    render_version INTEGER NOT NULL,
    quote_of INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    hidden_at INTEGER,
    hidden_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    hidden_reason TEXT CHECK (hidden_reason IN ('moderator', 'withdrawn')),
    edited_at INTEGER,
    edited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX posts_thread ON posts(thread_id, id);
CREATE INDEX posts_author ON posts(author_id);
CREATE INDEX posts_hidden ON posts(hidden_at);

-- One row per replaced version of a post: the earlier text, who wrote it and when, and who
-- replaced it when.
CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    written_at INTEGER NOT NULL,
    replaced_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    replaced_at INTEGER NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions(post_id, id);

CREATE TABLE thread_tags (
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (thread_id, tag_id)
);
CREATE INDEX thread_tags_tag ON thread_tags(tag_id);

-- Read state: the newest post a user has seen in a thread, and a per-network
-- "everything up to this post is read" marker.
CREATE TABLE thread_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    last_read_post_id INTEGER NOT NULL,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX thread_reads_thread ON thread_reads(thread_id);

CREATE TABLE network_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    read_through_post_id INTEGER NOT NULL,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, network_id)
);

CREATE TABLE thread_follows (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX thread_follows_thread ON thread_follows(thread_id);

CREATE TABLE network_follows (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, network_id)
);
CREATE INDEX network_follows_network ON network_follows(network_id);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'accepted', 'mention', 'announcement')),
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    emailed_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_mail ON notifications(emailed_at, read_at);

CREATE TABLE notification_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    digest TEXT NOT NULL DEFAULT 'daily' CHECK (digest IN ('never', 'hourly', 'daily')),
    last_digest_at INTEGER,
    updated_at INTEGER NOT NULL
);
