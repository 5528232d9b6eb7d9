-- As insert-values.sql, for a table with a GENERATED ALWAYS identity column: the copied ids are kept.
INSERT INTO ${table:name} (${columns:name}) OVERRIDING SYSTEM VALUE VALUES ${values:raw}
