-- Moderation (#16): members report posts to the network's moderators (post_reports), a
-- moderator's hiding can carry a reason the author is told (posts.hidden_note), and two new
-- kinds of notification: 'report' (to the moderators) and 'post_hidden' (to the author),
-- with the text they carry in notifications.note.
--
-- SQLite cannot change a CHECK constraint in place, so notifications is rebuilt: a new
-- table with the wider CHECK, every row copied with its id, the old table dropped, the new
-- one renamed, and its two indexes made again. No table references notifications, so the
-- drop breaks no foreign key.

CREATE TABLE post_reports (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    reporter_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    resolution TEXT CHECK (resolution IN ('hidden', 'dismissed')),
    resolution_note TEXT
);
CREATE INDEX post_reports_post ON post_reports(post_id, resolved_at);
CREATE INDEX post_reports_reporter ON post_reports(reporter_id);
-- One open report per member and post.
CREATE UNIQUE INDEX post_reports_open_once ON post_reports(post_id, reporter_id)
    WHERE resolved_at IS NULL;

ALTER TABLE posts ADD COLUMN hidden_note TEXT;

CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'accepted', 'mention', 'announcement',
                                       'report', 'post_hidden')),
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    emailed_at INTEGER,
    note TEXT
);
INSERT INTO notifications_new (id, user_id, kind, thread_id, post_id, actor_id, created_at,
                               read_at, emailed_at)
    SELECT id, user_id, kind, thread_id, post_id, actor_id, created_at, read_at, emailed_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_mail ON notifications(emailed_at, read_at);
