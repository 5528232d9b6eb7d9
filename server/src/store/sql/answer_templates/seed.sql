-- Version 1 of a template (seeded from data/answers); nothing when another process seeded it first.
INSERT INTO answer_templates (code, version, text, author, note) VALUES (${code}, 1, ${text}, ${author}, ${note})
ON CONFLICT DO NOTHING
