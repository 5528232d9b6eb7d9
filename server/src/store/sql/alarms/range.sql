-- The alarms of one batch of alarms/batch.sql (heap pages [${from}, ${to})) row by row, for a batch
-- whose joined columns could not be split (a value holding U+001F): the same columns and times.
SELECT id, site_id, element_type, element_id, kind, severity,
       round(date_part('epoch', date_trunc('milliseconds', raised_at)) * 1000) AS raised_ms,
       round(date_part('epoch', date_trunc('milliseconds', cleared_at)) * 1000) AS cleared_ms
FROM alarms
WHERE ctid >= format('(%s,0)', ${from})::tid AND ctid < format('(%s,0)', ${to})::tid
