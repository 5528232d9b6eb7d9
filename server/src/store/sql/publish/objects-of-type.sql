-- The active objects of a type (re-materialised when the type's diagnosisAs changes).
SELECT id FROM publish_objects WHERE type_id = ${id} AND status = 'active' ORDER BY id
