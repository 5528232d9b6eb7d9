SELECT * FROM complaints WHERE id = ${id}
