-- Changes the fields given (a NULL parameter keeps the column); nothing when there is no such user.
UPDATE users SET role = coalesce(${role}, role), password_hash = coalesce(${passwordHash}, password_hash),
  display_name = coalesce(${displayName}, display_name), disabled = coalesce(${disabled}, disabled), updated_at = now()
WHERE username = ${username}
RETURNING *
