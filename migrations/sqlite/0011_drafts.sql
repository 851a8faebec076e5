-- Drafts (#16): a reply or a new question being written, saved on the server per user and
-- thread (a reply) or network (a new question), so it comes back on any device. Private to
-- its user, never in the change log (so never searchable), deleted when posted.

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id INTEGER REFERENCES threads(id) ON DELETE CASCADE,
    network_id INTEGER REFERENCES networks(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((thread_id IS NULL) <> (network_id IS NULL))
);
CREATE UNIQUE INDEX drafts_thread ON drafts(user_id, thread_id) WHERE thread_id IS NOT NULL;
CREATE UNIQUE INDEX drafts_network ON drafts(user_id, network_id) WHERE network_id IS NOT NULL;
