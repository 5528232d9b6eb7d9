-- Removes a user (their tokens and sessions go with them: ON DELETE CASCADE).
DELETE FROM users WHERE username = ${username}
