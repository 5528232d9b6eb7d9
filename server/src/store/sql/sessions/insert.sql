INSERT INTO sessions (id_hash, username, csrf, expires_at) VALUES (${idHash}, ${username}, ${csrf}, ${expiresAt})
