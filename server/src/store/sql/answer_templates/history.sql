-- Every version of one template, newest first.
SELECT * FROM answer_templates WHERE code = ${code} ORDER BY version DESC
