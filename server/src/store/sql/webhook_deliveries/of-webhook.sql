-- A subscription's deliveries, newest first; only those of one status when given.
SELECT * FROM webhook_deliveries WHERE webhook_id = ${webhookId} AND (${status}::text IS NULL OR status = ${status})
ORDER BY created_at DESC, id
LIMIT ${limit}
