-- Complaints not closed whose first limit has run out (received before ${before}): the overdue candidates.
SELECT complaint_id FROM complaint_workflow
WHERE status <> 'closed' AND received_at < ${before}
ORDER BY received_at
LIMIT ${limit}
