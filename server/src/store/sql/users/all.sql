-- Every user, by name.
SELECT * FROM users ORDER BY username
