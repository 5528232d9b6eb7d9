-- Every subscription, oldest first.
SELECT * FROM webhooks ORDER BY created_at, id
