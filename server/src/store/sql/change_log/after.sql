-- The changes after a seq, in seq order, at most limit.
SELECT seq, at, origin, topic, kind, ids, event FROM change_log WHERE seq > ${after} ORDER BY seq LIMIT ${limit}
