-- The import (running or done) of a content.
SELECT id, status, name, finished_at FROM feed_files
WHERE sha256 = ${sha256} AND status IN ('importing', 'imported')
LIMIT 1
