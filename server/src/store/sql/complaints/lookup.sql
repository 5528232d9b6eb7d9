-- Complaints a call-back agent looks up by what the customer or the ticket system tells them: the
-- complaint id (exact, or a prefix of at least 9 characters), the operator's ticket (exact or prefix),
-- the customer's number (the whole number in digits, or its last four digits) or a part of the address.
-- Parameters the caller leaves empty ('' / an empty array) match nothing. Ids and tickets are compared
-- upper-cased without spaces and hyphens; numbers as digits only; addresses case-insensitively.
-- Matches by id or ticket come first, then the newest.
SELECT c.*, m.match
FROM complaints c
LEFT JOIN complaint_workflow w ON w.complaint_id = c.id
CROSS JOIN LATERAL (
  SELECT upper(regexp_replace(c.id, '[[:space:]-]', '', 'g')) AS id_key,
         upper(regexp_replace(coalesce(w.ticket, ''), '[[:space:]-]', '', 'g')) AS ticket_key,
         regexp_replace(coalesce(c.number, ''), '[^0-9]', '', 'g') AS digits
) k
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN ${key} <> '' AND (k.id_key = ${key} OR (${idPrefix} AND left(k.id_key, length(${key})) = ${key})) THEN 'id'
    WHEN ${key} <> '' AND k.ticket_key <> '' AND (k.ticket_key = ${key} OR (${ticketPrefix} AND left(k.ticket_key, length(${key})) = ${key})) THEN 'ticket'
    WHEN k.digits <> '' AND k.digits = ANY(${numbers}::text[]) THEN 'number'
    WHEN ${tail} <> '' AND length(k.digits) >= 4 AND right(k.digits, 4) = ${tail} THEN 'number_tail'
    WHEN ${address} <> '' AND strpos(lower(c.address), lower(${address})) > 0 THEN 'address'
  END AS match
) m
WHERE m.match IS NOT NULL
ORDER BY (m.match IN ('id', 'ticket')) DESC, coalesce(c.reported_at, c.created_at) DESC, c.id
LIMIT ${limit}
