SELECT * FROM complaints WHERE id = ANY(${ids}::text[])
