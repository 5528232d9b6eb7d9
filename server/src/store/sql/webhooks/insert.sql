INSERT INTO webhooks (id, url, secret, events, description, created_by)
VALUES (${id}, ${url}, ${secret}, ${events}, ${description}, ${createdBy})
RETURNING *
