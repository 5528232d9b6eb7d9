-- Saved column mappings of operators' own files, one per source (e.g. "规划工参", "网管告警导出"):
-- the renames, defaults, CRS, encoding and sheet an import of that source needs, reused by name.
CREATE TABLE import_mappings (
  name text PRIMARY KEY,
  kind text NOT NULL,
  columns jsonb NOT NULL DEFAULT '{}',
  defaults jsonb NOT NULL DEFAULT '{}',
  crs text,
  encoding text,
  sheet text,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
