-- Earlier complaints a new one may repeat: the same number within the number window, or near it (a
-- bbox; the service checks the distance and the phenomenon) within the place window.
SELECT c.id, c.number, c.lon, c.lat, c.phenomenon, coalesce(c.reported_at, c.occurred_at) AS reported_at, w.repeat_of
FROM complaints c LEFT JOIN complaint_workflow w ON w.complaint_id = c.id
WHERE c.id <> ${id}
  AND coalesce(c.reported_at, c.occurred_at) <= ${to}
  AND ((${number}::text IS NOT NULL AND c.number = ${number} AND coalesce(c.reported_at, c.occurred_at) >= ${numberFrom})
    OR (c.lon BETWEEN ${minLon} AND ${maxLon} AND c.lat BETWEEN ${minLat} AND ${maxLat} AND coalesce(c.reported_at, c.occurred_at) >= ${placeFrom}))
ORDER BY reported_at, c.id
LIMIT 1000
