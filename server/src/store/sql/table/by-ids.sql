-- Rows of a repository's table by id, any order.
SELECT * FROM ${table:name} WHERE id IN (${ids:csv})
