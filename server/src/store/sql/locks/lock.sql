-- A session-level advisory lock: held until unlock.sql on the same connection.
SELECT pg_advisory_lock(${key})
