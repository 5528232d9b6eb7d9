-- A file that was never imported: a duplicate of an earlier import, or refused before its import began.
INSERT INTO feed_files (source, name, kind, sha256, bytes, status, reason, moved_to, received_at, finished_at)
VALUES (${source}, ${name}, ${kind}, ${sha256}, ${bytes}, ${status}, ${reason}, ${movedTo}, ${now}, ${now})
RETURNING id
