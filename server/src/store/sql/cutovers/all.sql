SELECT * FROM cutovers ORDER BY id
