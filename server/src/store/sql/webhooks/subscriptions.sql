-- What each subscription wants, to fan an event out.
SELECT id, events FROM webhooks ORDER BY id
