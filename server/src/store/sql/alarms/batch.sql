-- Every alarm for the network index, one batch per statement: the rows stored in heap pages
-- [${from}, ${to}) (a TID range scan: each batch reads its pages once, in storage order, with no sort and
-- no index). Each column of the batch comes back as ONE value — texts joined by the unit separator
-- U+001F (NULL as ''), times as the concatenated 8-byte float8send() of epoch milliseconds (NULL
-- clearance as NaN) — so the driver parses 9 values per batch instead of 8 per row.
-- repos/alarms-read.ts splits them and checks every column has `n` items (a value that itself holds
-- U+001F makes the batch be read again row by row, range.sql). Times: date_trunc to the millisecond
-- (what the timestamptz → Date mapping gives), then epoch seconds as float8 × 1000 rounded — whole
-- milliseconds without numeric arithmetic per row.
SELECT count(*)::int AS n,
       string_agg(id, E'\x1f') AS ids,
       string_agg(coalesce(site_id, ''), E'\x1f') AS site_ids,
       string_agg(coalesce(element_type, ''), E'\x1f') AS element_types,
       string_agg(coalesce(element_id, ''), E'\x1f') AS element_ids,
       string_agg(kind, E'\x1f') AS kinds,
       string_agg(severity, E'\x1f') AS severities,
       string_agg(float8send(round(date_part('epoch', date_trunc('milliseconds', raised_at)) * 1000)), ''::bytea) AS raised,
       string_agg(float8send(coalesce(round(date_part('epoch', date_trunc('milliseconds', cleared_at)) * 1000), 'NaN'::float8)), ''::bytea) AS cleared
FROM alarms
WHERE ctid >= format('(%s,0)', ${from})::tid AND ctid < format('(%s,0)', ${to})::tid
