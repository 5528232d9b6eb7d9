-- Every information type: the built-in ones first, then the operator's in the order they were made.
SELECT * FROM publish_types ORDER BY builtin DESC, created_at, id
