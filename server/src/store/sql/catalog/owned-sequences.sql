-- Each column of the current schema with the sequence that feeds it (seq NULL: none).
SELECT table_name, column_name, pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS seq
FROM information_schema.columns
WHERE table_schema = current_schema()
