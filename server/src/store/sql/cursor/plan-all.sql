-- The whole result is read: plan for all of it, not for the first 10% (a cursor's default).
SET LOCAL cursor_tuple_fraction = 1
