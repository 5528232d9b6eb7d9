-- Row counts of every table (for /health and tests).
SELECT
  (SELECT count(*) FROM sites)          AS sites,
  (SELECT count(*) FROM cells)          AS cells,
  (SELECT count(*) FROM alarms)         AS alarms,
  (SELECT count(*) FROM cutovers)       AS cutovers,
  (SELECT count(*) FROM coverage_areas) AS "blind-spots",
  (SELECT count(*) FROM planned_sites)  AS "planned-sites",
  (SELECT count(*) FROM features)       AS features,
  (SELECT count(*) FROM complaints)     AS complaints
