-- The complaint's life (issue 8): its status now, and every step that led there.
-- complaint_workflow holds one row per complaint recorded through POST /api/complaints (complaints
-- imported in bulk as history have none: they are not tracked); complaint_history one row per step.

CREATE TABLE complaint_workflow (
  complaint_id   text PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
  status         text NOT NULL,     -- received diagnosed answered dispatched field_tested called_back closed reopened
  ticket         text,              -- the operator's own ticket number (embed / API), when given
  repeat_of      text,              -- 重复投诉: the first complaint of the chain this one repeats
  received_at    timestamptz NOT NULL,  -- 受理: the complaint's reported time; every time limit runs from here
  responded_at   timestamptz,       -- first diagnosis (response)
  answered_at    timestamptz,       -- first answer to the customer (初步反馈)
  closed_at      timestamptz,       -- the last close; NULL while not closed
  dispatched     boolean NOT NULL DEFAULT false,  -- ever dispatched (一次性解决率, dispatch rate)
  field_tested   boolean NOT NULL DEFAULT false,  -- ever field-tested
  reopened       boolean NOT NULL DEFAULT false,  -- ever reopened
  team           text,              -- the team it was last dispatched to (专业中心 / 分公司)
  team_specialty text,              -- the 专业 it was dispatched by
  satisfied      boolean,           -- the last call-back's answer
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_workflow_open ON complaint_workflow (status, received_at);
CREATE INDEX complaint_workflow_ticket ON complaint_workflow (ticket) WHERE ticket IS NOT NULL;

CREATE TABLE complaint_history (
  complaint_id text NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
  seq          integer NOT NULL,    -- 1, 2, … per complaint
  action       text NOT NULL,
  from_status  text,                -- NULL for the first step
  to_status    text NOT NULL,
  by_user      text,                -- the username; NULL for the system
  at           timestamptz NOT NULL,
  note         text,
  data         jsonb,               -- the step's fields: team, specialty, cause, satisfied
  PRIMARY KEY (complaint_id, seq)
);

-- Repeat complaints are found by the customer's number.
CREATE INDEX complaints_number ON complaints (number) WHERE number IS NOT NULL;

-- 千人投诉率: how many users a district (a feature of type district) has, when known.
ALTER TABLE features ADD COLUMN users integer;
