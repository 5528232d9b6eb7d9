-- A trivial query: its round trip is the database's health.
SELECT 1 AS ok
