-- One complaint's workflow, locked until the transaction ends (two steps at once on it wait in turn).
SELECT * FROM complaint_workflow WHERE complaint_id = ${id} FOR UPDATE
