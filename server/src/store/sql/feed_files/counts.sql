-- Files per outcome, and rows imported, since the first.
SELECT
  count(*) FILTER (WHERE status = 'imported') AS imported,
  count(*) FILTER (WHERE status = 'duplicate') AS duplicate,
  count(*) FILTER (WHERE status = 'failed') AS failed,
  count(*) FILTER (WHERE status = 'importing') AS importing,
  coalesce(sum(rows) FILTER (WHERE status = 'imported'), 0)::bigint AS rows
FROM feed_files
