-- The newest version of every template, with how many versions it has (n).
SELECT DISTINCT ON (code) code, version, text, author, note, created_at, count(*) OVER (PARTITION BY code) AS n
FROM answer_templates
ORDER BY code, version DESC
