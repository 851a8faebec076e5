-- Meetings (träffar) with registrations and waiting list, links to minutes, notices to
-- participants, calendar feed tokens, and the newsletter (nyhetsbrev) with its delivery log.
-- Times are UTC milliseconds; they are entered and shown in Europe/Stockholm.

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    -- NULL: a meeting for the whole collaboration.
    network_id INTEGER REFERENCES networks(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    place TEXT,
    online_link TEXT,
    organiser_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    registration_deadline INTEGER,
    max_participants INTEGER,
    cancelled INTEGER NOT NULL DEFAULT 0,
    -- iCalendar SEQUENCE: bumped on every change so subscribed calendars take it.
    sequence INTEGER NOT NULL DEFAULT 0,
    -- Bumped by every registration change; the UPDATE also serialises them per meeting.
    registration_version INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_starts ON meetings(starts_at, id);
CREATE INDEX meetings_network ON meetings(network_id, starts_at);

CREATE TABLE meeting_registrations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting')),
    created_at INTEGER NOT NULL,
    promoted_at INTEGER,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX meeting_registrations_user ON meeting_registrations(user_id);

-- Minutes and presentations (handläggarstöd documents). No foreign key to documents yet:
-- that table arrives in another migration.
CREATE TABLE meeting_documents (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL,
    linked_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, document_id)
);

-- What participants were told about a meeting (changed, cancelled, got a place), and the
-- e-mail that carries it: none (no SMTP) | queued | sent | failed.
CREATE TABLE meeting_notices (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('updated', 'cancelled', 'promoted')),
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    email_status TEXT NOT NULL CHECK (email_status IN ('none', 'queued', 'sent', 'failed')),
    email_attempts INTEGER NOT NULL DEFAULT 0,
    email_last_error TEXT,
    email_next_attempt_at INTEGER,
    email_sent_at INTEGER
);
CREATE INDEX meeting_notices_user ON meeting_notices(user_id, created_at);
CREATE INDEX meeting_notices_due ON meeting_notices(email_next_attempt_at);

-- Secret calendar feed addresses: a user's own feed (network_id NULL) or one network's.
CREATE TABLE calendar_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    network_id INTEGER REFERENCES networks(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX calendar_tokens_user ON calendar_tokens(user_id);

CREATE TABLE newsletters (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sent')),
    -- all | networks (see newsletter_networks)
    audience TEXT NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'networks')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    sent_at INTEGER
);
CREATE INDEX newsletters_status_sent ON newsletters(status, sent_at);

CREATE TABLE newsletter_networks (
    newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    PRIMARY KEY (newsletter_id, network_id)
);

-- The delivery log: one row per recipient of a sent newsletter.
CREATE TABLE newsletter_deliveries (
    id INTEGER PRIMARY KEY,
    newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    -- SHA-256 of the unsubscribe secret in the e-mail that was (last) composed.
    unsubscribe_hash TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- When the sender should (re)try; NULL once sent or given up.
    next_attempt_at INTEGER,
    sent_at INTEGER,
    UNIQUE (newsletter_id, user_id)
);
CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries(next_attempt_at);

-- Whether a user gets the newsletter by e-mail; no row = yes.
CREATE TABLE newsletter_subscriptions (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_enabled INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
