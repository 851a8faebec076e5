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
-- (SQLite rebuilds the two tables for the wider CHECKs; PostgreSQL swaps the constraints.)

CREATE TABLE tag_follows (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, tag_id)
);
CREATE INDEX tag_follows_tag ON tag_follows(tag_id);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('reply', 'accepted', 'mention', 'announcement', 'report', 'post_hidden',
                    'followed_tag'));

ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_digest_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_digest_check
    CHECK (digest IN ('never', 'immediate', 'hourly', 'daily', 'weekly'));

ALTER TABLE review_reminders ADD COLUMN email_status TEXT NOT NULL DEFAULT 'none'
    CHECK (email_status IN ('none', 'queued', 'sent', 'failed'));
ALTER TABLE review_reminders ADD COLUMN email_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE review_reminders ADD COLUMN email_last_error TEXT;
ALTER TABLE review_reminders ADD COLUMN email_next_attempt_at BIGINT;
ALTER TABLE review_reminders ADD COLUMN email_sent_at BIGINT;
CREATE INDEX review_reminders_due ON review_reminders(email_next_attempt_at);

ALTER TABLE networks ADD COLUMN join_by_default BIGINT NOT NULL DEFAULT 0;

ALTER TABLE invitations ADD COLUMN network_ids TEXT NOT NULL DEFAULT '';
