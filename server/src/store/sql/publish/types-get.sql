SELECT * FROM publish_types WHERE id = ${id}
