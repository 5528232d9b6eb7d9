-- The rows of one batch of alarms/batch.sql as rows (columns as all.sql), for a batch whose joined
-- columns could not be split (a value holding U+001F).
SELECT id, site_id, element_type, element_id, kind, severity,
       (extract(epoch FROM date_trunc('milliseconds', raised_at)) * 1000)::float8 AS raised_ms,
       (extract(epoch FROM date_trunc('milliseconds', cleared_at)) * 1000)::float8 AS cleared_ms
FROM alarms
WHERE ctid >= format('(%s,0)', ${from})::tid AND ctid < format('(%s,0)', ${to})::tid
