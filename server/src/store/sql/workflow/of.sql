-- The workflow rows of a list of complaints.
SELECT * FROM complaint_workflow WHERE complaint_id = ANY(${ids}::text[])
