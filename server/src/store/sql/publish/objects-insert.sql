INSERT INTO publish_objects (id, type_id, geometry, min_lon, min_lat, max_lon, max_lat, fields, valid_from, valid_to, status,
  materialised_kind, created_by, created_at, updated_by, updated_at)
VALUES (${id}, ${typeId}, ${geometry:json}, ${minLon}, ${minLat}, ${maxLon}, ${maxLat}, ${fields:json}, ${validFrom}, ${validTo}, ${status},
  ${materialisedKind}, ${by}, ${at}, ${by}, ${at})
RETURNING *
