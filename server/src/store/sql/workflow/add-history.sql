-- Appends one or more steps to a complaint's history in one statement (the caller holds the workflow row's
-- lock): ${steps} is a JSON array of {i, action, from, to, by, at, note, data}, i = 1, 2, … in order.
INSERT INTO complaint_history (complaint_id, seq, action, from_status, to_status, by_user, at, note, data)
SELECT ${complaintId}, b.base + s.i, s.action, s."from", s."to", s."by", s.at, s.note, s.data
FROM (SELECT coalesce(max(seq), 0) AS base FROM complaint_history WHERE complaint_id = ${complaintId}) b,
     jsonb_to_recordset(${steps}::jsonb) AS s(i int, action text, "from" text, "to" text, "by" text, at timestamptz, note text, data jsonb)
ORDER BY s.i
RETURNING seq
