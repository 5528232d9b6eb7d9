-- Who may do what (issue 7): users with a role, programs' API tokens, browser sessions, and the audit log.
CREATE TABLE users (
  username text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9_.-]{2,32}$'),
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('agent', 'engineer', 'admin')),
  -- scrypt$N$r$p$salt$hash; NULL = no password login (a program with tokens only)
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A token is shown once; only its SHA-256 is kept.
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  username text NOT NULL REFERENCES users ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- A browser session: the cookie holds a random id, the table its SHA-256 and the CSRF token bound to it.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES users ON DELETE CASCADE,
  csrf text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Who did what, when: imports, overrides, exports, logins, user and token changes.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text,
  role text,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);
