SELECT * FROM features WHERE id = ${id}
