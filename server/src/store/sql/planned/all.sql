SELECT * FROM planned_sites ORDER BY id
