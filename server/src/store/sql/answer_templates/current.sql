-- The newest version of every template.
SELECT DISTINCT ON (code) code, version, text, author, note, created_at
FROM answer_templates
ORDER BY code, version DESC
