-- Complaints per district (features of type district) in a window, most first.
SELECT d.id, d.name, count(c.id) AS complaints
FROM features d
LEFT JOIN complaints c
  ON ST_Contains(d.geom, c.geom) AND c.occurred_at >= ${from} AND c.occurred_at < ${to}
WHERE d.type = 'district'
GROUP BY d.id, d.name
ORDER BY complaints DESC, d.id
