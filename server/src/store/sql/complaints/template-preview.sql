-- Recent complaints to preview a template of one cause on: those answered with a template of that
-- cause first, then the newest.
SELECT id, occurred_at, address, phenomenon, coalesce(cause, suggested_cause) AS cause, diagnosis->'template' AS template
FROM complaints
ORDER BY (split_part(coalesce(diagnosis->'template'->>'code', ''), '.', 1) = ${cause}) DESC, created_at DESC, id
LIMIT ${limit}
