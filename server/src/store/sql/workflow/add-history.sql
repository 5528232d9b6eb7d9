-- Appends one step to a complaint's history (the caller holds the workflow row's lock).
INSERT INTO complaint_history (complaint_id, seq, action, from_status, to_status, by_user, at, note, data)
SELECT ${complaintId}, coalesce(max(seq), 0) + 1, ${action}, ${from}, ${to}, ${by}, ${at}, ${note}, ${data}::jsonb
FROM complaint_history WHERE complaint_id = ${complaintId}
RETURNING seq
