SELECT * FROM publish_objects WHERE id = ${id}
