-- Complaints in a bbox and a time window, newest first, bounded by a limit.
SELECT * FROM complaints
WHERE lon BETWEEN ${minLon} AND ${maxLon}
  AND lat BETWEEN ${minLat} AND ${maxLat}
  AND occurred_at >= ${from} AND occurred_at < ${to}
ORDER BY occurred_at DESC, id
LIMIT ${limit}
