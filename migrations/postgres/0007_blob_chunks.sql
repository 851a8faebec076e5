-- File content in chunks of 1 MiB (1048576 bytes), so that storing, downloading and
-- extracting a file never holds all of it in memory. Chunk `seq` (0, 1, 2, …) holds bytes
-- seq * 1048576 up to the next chunk; every chunk but the last is full.
--
-- Existing content is moved into chunks here, and `blobs.content` is dropped: one place
-- for a file's bytes, and one read path, rather than a legacy column read forever.
--
-- `unreferenced_at` is when the blob collector first found no attachment row pointing at
-- the blob; it removes the blob (its chunks go with it) once that is the grace period ago.

CREATE TABLE blob_chunks (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (sha256, seq)
);

INSERT INTO blob_chunks (sha256, seq, data)
SELECT b.sha256, p.seq, substring(b.content FROM p.seq * 1048576 + 1 FOR 1048576)
FROM blobs b
CROSS JOIN LATERAL generate_series(0, (length(b.content) - 1) / 1048576) AS p(seq)
WHERE length(b.content) > 0;

ALTER TABLE blobs DROP COLUMN content;
ALTER TABLE blobs ADD COLUMN unreferenced_at BIGINT;
