-- Objects whose bbox meets the given one, of the given statuses (and type, when named), newest first.
-- ${live}: only those valid at ${at}.
SELECT * FROM publish_objects
WHERE max_lon >= ${minLon} AND min_lon <= ${maxLon} AND max_lat >= ${minLat} AND min_lat <= ${maxLat}
  AND status IN (${statuses:csv})
  AND (${typeId} IS NULL OR type_id = ${typeId})
  AND (NOT ${live} OR (valid_from <= ${at} AND (valid_to IS NULL OR valid_to > ${at})))
ORDER BY updated_at DESC, id
LIMIT ${limit}
