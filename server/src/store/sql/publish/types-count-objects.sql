-- How many objects a type has (any status): its geometry cannot change once it has some.
SELECT count(*)::int AS n FROM publish_objects WHERE type_id = ${id}
