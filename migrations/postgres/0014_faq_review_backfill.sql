-- FAQ entries promoted before 0013 have no review date, so they would never come up under
-- "Att granska": give each one a year from the day it was promoted (as promoteToFaq now
-- does). Runs once; touches only entries still without a date.

UPDATE threads
SET faq_review_by = to_char(to_timestamp(faq_at / 1000) + interval '12 months', 'YYYY-MM-DD')
WHERE faq_at IS NOT NULL AND faq_review_by IS NULL;
