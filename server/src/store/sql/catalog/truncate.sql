-- Empties the tables (and those referencing them) and restarts their sequences.
TRUNCATE ${tables:name} RESTART IDENTITY CASCADE
