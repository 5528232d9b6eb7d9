-- Complaints inside a polygon and a window, newest first, bounded: the GiST index on geom does the work.
SELECT * FROM complaints
WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON(${area}), 4326))
  AND occurred_at >= ${from} AND occurred_at < ${to}
ORDER BY occurred_at DESC, id
LIMIT ${limit}
