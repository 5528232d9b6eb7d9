-- For this transaction only: no statement is cancelled for taking long.
SET LOCAL statement_timeout = 0
