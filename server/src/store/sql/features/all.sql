SELECT * FROM features ORDER BY id
