-- A new version; a version number taken meanwhile fails on the primary key (23505).
INSERT INTO answer_templates (code, version, text, author, note) VALUES (${code}, ${version}, ${text}, ${author}, ${note})
RETURNING *
