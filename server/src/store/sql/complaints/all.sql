-- Every complaint, oldest first (the index of earlier complaints is loaded from this at start).
SELECT * FROM complaints ORDER BY occurred_at, id
