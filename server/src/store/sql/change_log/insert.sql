-- One change; its seq is taken after the writers' lock (locks/xact-lock.sql), so seq order is commit order.
INSERT INTO change_log (origin, topic, kind, ids, event) VALUES (${origin}, ${topic}, ${kind}, ${ids}::text[], ${event})
RETURNING seq
