-- Who a token belongs to, when it is unrevoked, unexpired and its user is enabled.
SELECT u.username, u.role, t.id FROM api_tokens t JOIN users u USING (username)
WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled
