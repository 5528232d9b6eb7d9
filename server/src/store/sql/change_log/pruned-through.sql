-- Up to where the log has been pruned: changes at or before it are gone.
SELECT pruned_through FROM change_log_meta
