-- Who a session belongs to, when it is unexpired and its user is enabled.
SELECT u.username, u.role, s.csrf FROM sessions s JOIN users u USING (username)
WHERE s.id_hash = ${idHash} AND s.expires_at > now() AND NOT u.disabled
