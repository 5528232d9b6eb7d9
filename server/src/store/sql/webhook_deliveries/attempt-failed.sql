-- A failed attempt: pending again at nextAt, or failed for good when nextAt is NULL.
UPDATE webhook_deliveries SET attempts = ${attempts}, last_status = ${status}, last_error = ${error}, locked_until = NULL,
  status = CASE WHEN ${nextAt}::timestamptz IS NULL THEN 'failed' ELSE 'pending' END, next_at = coalesce(${nextAt}, next_at)
WHERE id = ${id}
