-- Deletes the changes older than keepMs and records the newest seq deleted in change_log_meta, in one
-- statement: a reader never sees rows gone without pruned_through saying so. n: how many went.
WITH gone AS (DELETE FROM change_log WHERE at < now() - ${keepMs} * interval '1 millisecond' RETURNING seq),
     meta AS (UPDATE change_log_meta SET pruned_through = GREATEST(pruned_through, (SELECT coalesce(max(seq), 0) FROM gone)) RETURNING 1)
SELECT (SELECT count(*) FROM gone) AS n, (SELECT count(*) FROM meta) AS m
