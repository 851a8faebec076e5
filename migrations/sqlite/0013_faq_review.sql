-- FAQ entries get a review date too (#16): threads.faq_review_by is the day (YYYY-MM-DD, as
-- documents.review_by) by which a moderator looks at the entry again; faq_reviewed_at and
-- faq_reviewed_by record who last marked it reviewed, and when. All three are NULL while a
-- thread is not in the FAQ. The index serves "Att granska" (entries due within n days).

ALTER TABLE threads ADD COLUMN faq_review_by TEXT;
ALTER TABLE threads ADD COLUMN faq_reviewed_at INTEGER;
ALTER TABLE threads ADD COLUMN faq_reviewed_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX threads_faq_review ON threads(faq_review_by);
