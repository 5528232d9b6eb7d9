-- The newest version of one template (none: the store holds no version of it).
SELECT * FROM answer_templates WHERE code = ${code} ORDER BY version DESC LIMIT 1
