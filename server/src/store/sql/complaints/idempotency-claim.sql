-- Claims an idempotency key for a complaint about to be stored. Returns the row when this request is
-- the first with the key; returns nothing when the key is already taken (by a committed request, or
-- by one still in flight: PostgreSQL makes this insert wait for that transaction, then skip).
INSERT INTO complaint_idempotency (username, key, body_hash, complaint_id)
VALUES (${username}, ${key}, ${bodyHash}, ${complaintId})
ON CONFLICT (username, key) DO NOTHING
RETURNING complaint_id
