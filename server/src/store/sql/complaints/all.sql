-- Every complaint, oldest first (the index of earlier complaints is loaded from this at start): the
-- mapped columns only (not the PostGIS geom nor updated_at), with whether the cause is settled.
SELECT id, occurred_at, reported_at, address, service, phenomenon, description, vip, lon, lat, number,
       suggested_cause, cause, answer, disposition, specialty, linked_sites, diagnosis, created_at, settled
FROM complaints
ORDER BY occurred_at, id
