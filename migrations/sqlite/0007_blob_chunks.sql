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
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
);

WITH RECURSIVE pieces(sha256, seq) AS (
    SELECT sha256, 0 FROM blobs WHERE length(content) > 0
    UNION ALL
    SELECT p.sha256, p.seq + 1 FROM pieces p JOIN blobs b ON b.sha256 = p.sha256
    WHERE (p.seq + 1) * 1048576 < length(b.content)
)
INSERT INTO blob_chunks (sha256, seq, data)
SELECT p.sha256, p.seq, substr(b.content, p.seq * 1048576 + 1, 1048576)
FROM pieces p JOIN blobs b ON b.sha256 = p.sha256;

ALTER TABLE blobs DROP COLUMN content;
ALTER TABLE blobs ADD COLUMN unreferenced_at INTEGER;
