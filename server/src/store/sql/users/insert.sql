-- A new user; nothing when the name is taken.
INSERT INTO users (username, role, password_hash, display_name)
VALUES (${username}, ${role}, ${passwordHash}, ${displayName})
ON CONFLICT DO NOTHING
RETURNING *
