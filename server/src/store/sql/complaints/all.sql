-- Every complaint, oldest first (the index of earlier complaints is loaded from this at start): the
-- mapped columns only (not the PostGIS geom nor updated_at), with whether the cause is settled. Times
-- as epoch milliseconds (float8, rounded after date_trunc to the millisecond: the whole milliseconds a
-- timestamptz → Date mapping gives) so the driver makes no Date per time (repos ms() takes both).
SELECT id,
       round(date_part('epoch', date_trunc('milliseconds', occurred_at)) * 1000) AS occurred_at,
       round(date_part('epoch', date_trunc('milliseconds', reported_at)) * 1000) AS reported_at,
       address, service, phenomenon, description, vip, lon, lat, number,
       suggested_cause, cause, answer, disposition, specialty, linked_sites, diagnosis,
       round(date_part('epoch', date_trunc('milliseconds', created_at)) * 1000) AS created_at,
       settled
FROM complaints
ORDER BY complaints.occurred_at, complaints.id
