-- Audit entries, newest first; each filter applies only when given.
SELECT * FROM audit_log
WHERE (${from}::timestamptz IS NULL OR at >= ${from}) AND (${to}::timestamptz IS NULL OR at < ${to})
  AND (${action}::text IS NULL OR action = ${action}) AND (${username}::text IS NULL OR username = ${username})
ORDER BY id DESC
LIMIT ${limit}
