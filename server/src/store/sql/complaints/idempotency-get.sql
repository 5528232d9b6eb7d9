-- The complaint an idempotency key of a user was first used for, and the hash of that request's body.
SELECT complaint_id, body_hash FROM complaint_idempotency WHERE username = ${username} AND key = ${key}
