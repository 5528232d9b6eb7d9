-- Rows of a repository's table by id (the table name is the repository's own, never request text).
DELETE FROM ${table:name} WHERE id IN (${ids:csv})
