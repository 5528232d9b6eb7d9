-- The latest files, newest first; only those of one status when ${status} is given.
SELECT * FROM feed_files
WHERE ${status}::text IS NULL OR status = ${status}
ORDER BY received_at DESC, id DESC
LIMIT ${limit}
