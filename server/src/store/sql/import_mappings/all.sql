-- Every saved mapping, by name.
SELECT * FROM import_mappings ORDER BY name
