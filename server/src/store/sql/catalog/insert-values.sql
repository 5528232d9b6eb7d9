-- Rows into a table; values is pg-promise's helpers.values() of the rows over these columns (escaped).
INSERT INTO ${table:name} (${columns:name}) VALUES ${values:raw}
