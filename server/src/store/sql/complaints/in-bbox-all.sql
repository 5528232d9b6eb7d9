-- Every complaint in a bbox and window (the embedded store filters polygons in the service after this).
SELECT * FROM complaints
WHERE lon BETWEEN ${minLon} AND ${maxLon}
  AND lat BETWEEN ${minLat} AND ${maxLat}
  AND occurred_at >= ${from} AND occurred_at < ${to}
ORDER BY occurred_at DESC, id
