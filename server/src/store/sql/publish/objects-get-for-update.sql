-- One object, locked until the transaction ends (two edits of it are applied one after the other).
SELECT * FROM publish_objects WHERE id = ${id} FOR UPDATE
