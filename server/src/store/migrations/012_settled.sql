-- Whether a complaint's cause is settled (only settled causes are reused by later diagnoses): true
-- for complaints imported as history (no workflow row), and for recorded ones once a field test found
-- the cause or the complaint was closed; false while the cause is only the recorded suggestion, and
-- again after a reopen. Inserts through the import repository take the default (settled); recording
-- through the workflow sets it false in the same transaction.
ALTER TABLE complaints ADD COLUMN settled boolean NOT NULL DEFAULT true;

-- Recorded complaints: settled when the last of their field test / close / reopen steps is not a reopen.
UPDATE complaints c
SET settled = coalesce((
  SELECT h.action <> 'reopen'
  FROM complaint_history h
  WHERE h.complaint_id = c.id AND h.action IN ('field_test', 'close', 'reopen')
  ORDER BY h.seq DESC
  LIMIT 1
), false)
WHERE EXISTS (SELECT 1 FROM complaint_workflow w WHERE w.complaint_id = c.id);
