SELECT * FROM complaint_history WHERE complaint_id = ${id} ORDER BY seq
