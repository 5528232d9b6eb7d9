-- Admins who can still log in (there must stay at least one).
SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled
