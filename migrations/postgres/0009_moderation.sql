-- Moderation (#16): members report posts to the network's moderators (post_reports), a
-- moderator's hiding can carry a reason the author is told (posts.hidden_note), and two new
-- kinds of notification: 'report' (to the moderators) and 'post_hidden' (to the author),
-- with the text they carry in notifications.note. (SQLite rebuilds notifications for the
-- wider CHECK; PostgreSQL swaps the constraint.)

CREATE TABLE post_reports (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    resolution TEXT CHECK (resolution IN ('hidden', 'dismissed')),
    resolution_note TEXT
);
CREATE INDEX post_reports_post ON post_reports(post_id, resolved_at);
CREATE INDEX post_reports_reporter ON post_reports(reporter_id);
-- One open report per member and post.
CREATE UNIQUE INDEX post_reports_open_once ON post_reports(post_id, reporter_id)
    WHERE resolved_at IS NULL;

ALTER TABLE posts ADD COLUMN hidden_note TEXT;

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('reply', 'accepted', 'mention', 'announcement', 'report', 'post_hidden'));
ALTER TABLE notifications ADD COLUMN note TEXT;
