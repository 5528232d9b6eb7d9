-- Saves a mapping under its name, replacing one saved before.
INSERT INTO import_mappings (name, kind, columns, defaults, crs, encoding, sheet, updated_by, updated_at)
VALUES (${name}, ${kind}, ${columns:json}, ${defaults:json}, ${crs}, ${encoding}, ${sheet}, ${updatedBy}, now())
ON CONFLICT (name) DO UPDATE SET
  kind = EXCLUDED.kind, columns = EXCLUDED.columns, defaults = EXCLUDED.defaults, crs = EXCLUDED.crs,
  encoding = EXCLUDED.encoding, sheet = EXCLUDED.sheet, updated_by = EXCLUDED.updated_by, updated_at = now()
RETURNING *
