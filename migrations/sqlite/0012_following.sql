-- Following and reaching people (#16):
-- * tag_follows: a user follows a tillsynsområde across every network they can read; a new
--   thread with that tag notifies them (notification kind 'followed_tag', the tag's name in
--   notifications.note).
-- * notification_settings.digest gains 'immediate' (direkt) and 'weekly' (veckovis).
-- * review_reminders are also e-mailed (the e-mail columns of mail::outbox's DeliveryLog;
--   'none' when no SMTP server was configured as the reminder was made).
-- * networks.join_by_default: the networks an admin's new user is offered, ticked.
-- * invitations.network_ids: the networks the invitee joins on accepting (comma-separated
--   ids; a network removed meanwhile is skipped).
--
-- SQLite cannot change a CHECK constraint in place, so notifications and
-- notification_settings are rebuilt as 0009 did: a new table, every row copied with its
-- key, the old one dropped, the new one renamed, its indexes made again. No table
-- references either, so the drops break no foreign key.

CREATE TABLE tag_follows (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, tag_id)
);
CREATE INDEX tag_follows_tag ON tag_follows(tag_id);

CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'accepted', 'mention', 'announcement',
                                       'report', 'post_hidden', 'followed_tag')),
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    emailed_at INTEGER,
    note TEXT
);
INSERT INTO notifications_new (id, user_id, kind, thread_id, post_id, actor_id, created_at,
                               read_at, emailed_at, note)
    SELECT id, user_id, kind, thread_id, post_id, actor_id, created_at, read_at, emailed_at,
           note
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_mail ON notifications(emailed_at, read_at);

CREATE TABLE notification_settings_new (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    digest TEXT NOT NULL DEFAULT 'daily'
        CHECK (digest IN ('never', 'immediate', 'hourly', 'daily', 'weekly')),
    last_digest_at INTEGER,
    updated_at INTEGER NOT NULL
);
INSERT INTO notification_settings_new (user_id, digest, last_digest_at, updated_at)
    SELECT user_id, digest, last_digest_at, updated_at FROM notification_settings;
DROP TABLE notification_settings;
ALTER TABLE notification_settings_new RENAME TO notification_settings;

ALTER TABLE review_reminders ADD COLUMN email_status TEXT NOT NULL DEFAULT 'none'
    CHECK (email_status IN ('none', 'queued', 'sent', 'failed'));
ALTER TABLE review_reminders ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_reminders ADD COLUMN email_last_error TEXT;
ALTER TABLE review_reminders ADD COLUMN email_next_attempt_at INTEGER;
ALTER TABLE review_reminders ADD COLUMN email_sent_at INTEGER;
CREATE INDEX review_reminders_due ON review_reminders(email_next_attempt_at);

ALTER TABLE networks ADD COLUMN join_by_default INTEGER NOT NULL DEFAULT 0;

ALTER TABLE invitations ADD COLUMN network_ids TEXT NOT NULL DEFAULT '';
