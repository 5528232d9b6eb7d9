-- Every column of the current schema's tables, in table order.
SELECT table_name, column_name, is_generated, identity_generation, udt_name FROM information_schema.columns
WHERE table_schema = current_schema()
ORDER BY table_name, ordinal_position
