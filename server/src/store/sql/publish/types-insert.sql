-- A new type; a taken id inserts nothing (the caller answers 409). ${builtin}: the service's own, at start.
INSERT INTO publish_types (id, name, geometry, fields, symbol, diagnosis_as, builtin, created_by, created_at, updated_by, updated_at)
VALUES (${id}, ${name}, ${geometry}, ${fields:json}, ${symbol:json}, ${diagnosisAs}, ${builtin}, ${by}, ${at}, ${by}, ${at})
ON CONFLICT (id) DO NOTHING
RETURNING *
