UPDATE webhook_deliveries SET status = 'delivered', attempts = ${attempts}, last_status = ${status}, last_error = NULL, delivered_at = ${now}, locked_until = NULL
WHERE id = ${id}
