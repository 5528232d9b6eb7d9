-- The newest seq (NULL when the log is empty).
SELECT max(seq) AS seq FROM change_log
