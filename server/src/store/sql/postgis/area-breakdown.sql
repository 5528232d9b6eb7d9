-- How many complaints lie in a polygon and window, by final (else suggested) cause and by phenomenon,
-- computed in the database so that millions of complaints never travel to the service.
WITH hits AS (
  SELECT coalesce(cause, suggested_cause, 'open') AS cause, phenomenon
  FROM complaints
  WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON(${area}), 4326))
    AND occurred_at >= ${from} AND occurred_at < ${to}
)
SELECT 'cause' AS dim, cause AS key, count(*) AS n FROM hits GROUP BY cause
UNION ALL
SELECT 'phenomenon', phenomenon, count(*) FROM hits GROUP BY phenomenon
