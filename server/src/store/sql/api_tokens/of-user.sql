-- A user's tokens, oldest first (never their hashes).
SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE username = ${username} ORDER BY created_at
