-- Settles a claimed import: imported (rows, skipped) or failed (reason).
UPDATE feed_files
SET status = ${status}, rows = ${rows}, skipped = ${skipped}, reason = ${reason}, moved_to = ${movedTo}, lease_until = NULL, finished_at = ${now}
WHERE id = ${id}
