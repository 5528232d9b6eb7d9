-- Idempotent recording of complaints: a client (a double-clicked button, a retried request) sends an
-- Idempotency-Key with POST /api/complaints; the first request with a key stores the complaint, every
-- later one with the same key and user gets that complaint back instead of a second one. The primary
-- key is what makes two requests arriving at the same moment store exactly one complaint: the second
-- insert of (username, key) waits for the first transaction and then finds the row.
CREATE TABLE complaint_idempotency (
  username     text NOT NULL,          -- who sent the key ('' for an anonymous caller); keys are per user
  key          text NOT NULL,          -- the Idempotency-Key header, 8–128 of [A-Za-z0-9_-]
  body_hash    text NOT NULL,          -- SHA-256 of the request body in canonical JSON: same key, other body → 409
  -- Deferred: the key row is written first in the transaction (it is the lock), the complaint after it.
  complaint_id text NOT NULL REFERENCES complaints (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, key)
);
CREATE INDEX complaint_idempotency_complaint ON complaint_idempotency (complaint_id);
