-- A step that settles the complaint's final cause (field test, answer) or the answer given.
UPDATE complaints SET cause = coalesce(${cause}, cause), answer = coalesce(${answer}, answer), updated_at = now()
WHERE id = ${id}
