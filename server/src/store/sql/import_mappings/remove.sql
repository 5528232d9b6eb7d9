DELETE FROM import_mappings WHERE name = ${name}
