-- Writes a complaint's workflow row (the status and what the figures and limits need).
INSERT INTO complaint_workflow (complaint_id, status, ticket, repeat_of, received_at, responded_at, answered_at, closed_at,
  dispatched, field_tested, reopened, team, team_specialty, satisfied)
VALUES (${complaintId}, ${status}, ${ticket}, ${repeatOf}, ${receivedAt}, ${respondedAt}, ${answeredAt}, ${closedAt},
  ${dispatched}, ${fieldTested}, ${reopened}, ${team}, ${teamSpecialty}, ${satisfied})
ON CONFLICT (complaint_id) DO UPDATE SET
  status = EXCLUDED.status, ticket = EXCLUDED.ticket, repeat_of = EXCLUDED.repeat_of, received_at = EXCLUDED.received_at,
  responded_at = EXCLUDED.responded_at, answered_at = EXCLUDED.answered_at, closed_at = EXCLUDED.closed_at,
  dispatched = EXCLUDED.dispatched, field_tested = EXCLUDED.field_tested, reopened = EXCLUDED.reopened,
  team = EXCLUDED.team, team_specialty = EXCLUDED.team_specialty, satisfied = EXCLUDED.satisfied, updated_at = now()
