-- Claims up to limit due deliveries until leaseUntil: rows another worker holds are skipped
-- (SKIP LOCKED), a row whose claim lapsed is taken again. Each with where it goes and how to sign it.
UPDATE webhook_deliveries d SET locked_until = ${leaseUntil}
FROM webhooks w
WHERE w.id = d.webhook_id AND d.id IN (
  SELECT id FROM webhook_deliveries
  WHERE status = 'pending' AND next_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
  ORDER BY next_at, created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.event, d.body, d.attempts, w.url, w.secret
