-- Claims a content for import; nothing when it is being imported or was imported already.
INSERT INTO feed_files (source, name, kind, sha256, bytes, status, lease_until, received_at)
VALUES (${source}, ${name}, ${kind}, ${sha256}, ${bytes}, 'importing', ${leaseUntil}, ${now})
ON CONFLICT (sha256) WHERE status IN ('importing', 'imported') DO NOTHING
RETURNING id
