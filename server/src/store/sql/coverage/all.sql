SELECT * FROM coverage_areas ORDER BY id
