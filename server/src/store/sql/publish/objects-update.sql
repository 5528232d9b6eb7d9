-- An object's new state, as the next version (an edit, a withdrawal, an expiry, a change of what the diagnosis holds of it).
UPDATE publish_objects
SET geometry = ${geometry:json}, min_lon = ${minLon}, min_lat = ${minLat}, max_lon = ${maxLon}, max_lat = ${maxLat},
    fields = ${fields:json}, valid_from = ${validFrom}, valid_to = ${validTo}, status = ${status},
    materialised_kind = ${materialisedKind}, version = version + 1, updated_by = ${by}, updated_at = ${at}
WHERE id = ${id}
RETURNING *
