-- Feeds from the network management system (issue 9): every file taken from the inbox (or body
-- fetched from the polled URL), by the SHA-256 of its bytes, so the same export dropped twice — or
-- re-sent by the NMS — is imported once. Failures are kept with their reason; nothing of their rows is.
CREATE TABLE feed_files (
  id bigserial PRIMARY KEY,
  -- 'inbox' or 'url'
  source text NOT NULL,
  -- the file's path inside the inbox (alarms/x.csv), or the URL without its query
  name text NOT NULL,
  -- the import kind (alarms, cutovers, …); null when it could not be told from the name
  kind text,
  sha256 text NOT NULL,
  bytes bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('importing', 'imported', 'duplicate', 'failed')),
  rows integer,
  skipped integer,
  -- why it failed (the import's message: row and field), or which import it duplicates
  reason text,
  -- where the file went (done/2026-11-23/alarms-1.csv, failed/…)
  moved_to text,
  -- while 'importing': the claim lapses at this time (the process died mid-file), then another may take it
  lease_until timestamptz,
  received_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- At most one import (running or done) per content: the de-duplication itself.
CREATE UNIQUE INDEX feed_files_once ON feed_files (sha256) WHERE status IN ('importing', 'imported');
CREATE INDEX feed_files_recent ON feed_files (received_at DESC, id DESC);
CREATE INDEX feed_files_failed ON feed_files (received_at DESC) WHERE status = 'failed';
