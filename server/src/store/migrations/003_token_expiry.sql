-- Short-lived tokens (e.g. an embedded page's, issue 8): a token past its expiry is refused.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
