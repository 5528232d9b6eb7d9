-- Gives a claim back without an outcome (the store failed mid-import: the file is tried again).
DELETE FROM feed_files WHERE id = ${id} AND status = 'importing'
