-- Earlier complaints a new one may repeat, oldest first: the same number within the number window, or
-- within the radius (a planar approximation, the service checks the exact distance) with a phenomenon of
-- the same group within the place window. Only the earliest few are needed: the service links the new
-- complaint to the first of the chain.
SELECT c.id, c.number, c.lon, c.lat, c.phenomenon, coalesce(c.reported_at, c.occurred_at) AS reported_at, w.repeat_of
FROM complaints c LEFT JOIN complaint_workflow w ON w.complaint_id = c.id
WHERE c.id <> ${id}
  AND coalesce(c.reported_at, c.occurred_at) <= ${to}
  AND ((${number}::text IS NOT NULL AND c.number = ${number} AND coalesce(c.reported_at, c.occurred_at) >= ${numberFrom})
    OR (c.lon BETWEEN ${minLon} AND ${maxLon} AND c.lat BETWEEN ${minLat} AND ${maxLat}
        AND coalesce(c.reported_at, c.occurred_at) >= ${placeFrom}
        AND c.phenomenon = ANY(${phenomena}::text[])
        AND ((c.lon - ${lon}) * ${kx}) ^ 2 + ((c.lat - ${lat}) * ${ky}) ^ 2 <= ${r2}))
ORDER BY reported_at, c.id
LIMIT 50
