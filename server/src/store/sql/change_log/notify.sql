-- Tells the listening instances the newest seq at commit (a hint: they read the table).
SELECT pg_notify(${channel}::text, ${seq}::text)
