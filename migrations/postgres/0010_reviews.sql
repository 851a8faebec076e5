-- Fresh content (#16): who last marked a document reviewed, and when (documents.reviewed_at,
-- reviewed_by), and the review reminders: one row per document, recipient, review-by date
-- and stage ('soon': 14 days before, 'due': on the day or after). The unique key makes the
-- reminder task idempotent across restarts and nodes (INSERT … ON CONFLICT DO NOTHING).

ALTER TABLE documents ADD COLUMN reviewed_at BIGINT;
ALTER TABLE documents ADD COLUMN reviewed_by BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE TABLE review_reminders (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    review_by TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('soon', 'due')),
    created_at BIGINT NOT NULL,
    UNIQUE (document_id, user_id, review_by, stage)
);
CREATE INDEX review_reminders_user ON review_reminders(user_id, id);
