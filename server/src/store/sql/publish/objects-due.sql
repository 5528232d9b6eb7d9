-- Active objects whose state for the diagnosis is due to change at ${at}: validity ended, or started
-- (a type read by the diagnosis, and no row yet), or not started while a row exists.
SELECT o.id FROM publish_objects o JOIN publish_types t ON t.id = o.type_id
WHERE o.status = 'active'
  AND ((o.valid_to IS NOT NULL AND o.valid_to <= ${at})
    OR (o.materialised_kind IS NULL AND t.diagnosis_as <> 'none' AND o.valid_from <= ${at})
    OR (o.materialised_kind IS NOT NULL AND o.valid_from > ${at}))
ORDER BY o.valid_to NULLS LAST, o.id
LIMIT ${limit}
