-- Tokens a day past their expiry (short-lived ones pile up otherwise).
DELETE FROM api_tokens WHERE expires_at < now() - interval '1 day'
