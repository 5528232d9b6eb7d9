-- Answer-script templates (解释口径, issue 8 item 5): every edit is a new version, none is ever
-- changed or deleted. The service serves the highest version of each code; data/answers/*.txt seed
-- version 1 of every code the store does not hold yet. A diagnosis records {code, version} of the
-- template its answer came from (complaints.diagnosis->'template').
CREATE TABLE answer_templates (
  code       text NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  text       text NOT NULL CHECK (length(text) > 0),
  author     text NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);
