-- Every alarm, for the network index (repos/index.ts AlarmsRepo.all reads it through a cursor, rows as
-- arrays, straight into typed columns). Times as epoch milliseconds (float8: parsed as a number, no Date
-- per row); date_trunc to the millisecond is what the timestamptz → Date mapping gives (the store only
-- ever writes whole milliseconds). Ordered by id as before: ties in raised_at keep this order per site.
SELECT id, site_id, element_type, element_id, kind, severity,
       (extract(epoch FROM date_trunc('milliseconds', raised_at)) * 1000)::float8 AS raised_ms,
       (extract(epoch FROM date_trunc('milliseconds', cleared_at)) * 1000)::float8 AS cleared_ms
FROM alarms
ORDER BY id
