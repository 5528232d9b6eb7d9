-- Takes over a claim whose process died mid-file (its lease lapsed).
UPDATE feed_files
SET source = ${source}, name = ${name}, kind = ${kind}, bytes = ${bytes}, lease_until = ${leaseUntil}, received_at = ${now}
WHERE sha256 = ${sha256} AND status = 'importing' AND lease_until <= ${now}
RETURNING id
