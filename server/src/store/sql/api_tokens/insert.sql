-- A token of an existing user (no row when there is no such user); only the token's hash is stored.
INSERT INTO api_tokens (id, username, token_hash, name, expires_at)
SELECT ${id}, username, ${tokenHash}, ${name}, ${expiresAt} FROM users WHERE username = ${username}
