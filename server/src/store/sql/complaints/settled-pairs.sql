-- (suggested cause, final cause) pairs of the complaints settled in a window, counted: rule precision.
SELECT suggested_cause AS suggested, cause AS final, count(*)::int AS n
FROM complaints
WHERE cause IS NOT NULL AND suggested_cause IS NOT NULL
  AND occurred_at >= ${from} AND occurred_at < ${to}
GROUP BY suggested_cause, cause
