-- Revokes an active token of a user; nothing when it is unknown or revoked already.
UPDATE api_tokens SET revoked_at = now() WHERE username = ${username} AND id = ${id} AND revoked_at IS NULL
