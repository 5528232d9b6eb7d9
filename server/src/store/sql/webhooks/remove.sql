-- Removes a subscription; its deliveries go with it (ON DELETE CASCADE).
DELETE FROM webhooks WHERE id = ${id}
