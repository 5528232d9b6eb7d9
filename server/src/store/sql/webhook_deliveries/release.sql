UPDATE webhook_deliveries SET locked_until = NULL WHERE id = ${id}
