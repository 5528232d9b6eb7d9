-- Rows where the column is not null.
SELECT count(${column:name}) AS n FROM ${table:name}
