-- A type's new definition, as the next version.
UPDATE publish_types
SET name = ${name}, geometry = ${geometry}, fields = ${fields:json}, symbol = ${symbol:json}, diagnosis_as = ${diagnosisAs},
    version = version + 1, updated_by = ${by}, updated_at = ${at}
WHERE id = ${id}
RETURNING *
