-- How many heap pages the alarms table has now (alarms/batch.sql reads them in ranges). Rows a later
-- transaction adds past the end are not read: the change feed applies them after the load.
SELECT (pg_relation_size('alarms') / current_setting('block_size')::int)::int AS pages
