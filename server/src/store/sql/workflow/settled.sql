-- Sets whether the complaint's cause is settled (NULL keeps it); returns the value it now has.
UPDATE complaints SET settled = coalesce(${settled}, settled), updated_at = now()
WHERE id = ${id}
RETURNING settled
