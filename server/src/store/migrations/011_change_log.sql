-- The change feed between instances on one PostgreSQL (service/change-feed.ts): every committed
-- change that an instance mirrors in memory (rows of an import kind, complaints, answer templates,
-- revoked access) is one row here, written in the change's own transaction. The writers serialise
-- on an advisory lock before taking their sequence number, so seq order is commit order: a reader
-- that has applied up to seq N has seen every change committed before N+1 was. Seq numbers may skip
-- (a rolled-back transaction took one); only rows older than the retention are ever deleted, and
-- change_log_meta.pruned_through says up to where — an instance behind it reloads in full.
CREATE TABLE IF NOT EXISTS change_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  origin text NOT NULL,
  topic text NOT NULL,
  kind text,
  ids text[] NOT NULL DEFAULT '{}',
  event text
);
CREATE INDEX IF NOT EXISTS change_log_at ON change_log (at);
CREATE TABLE IF NOT EXISTS change_log_meta (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO change_log_meta (one) VALUES (true) ON CONFLICT DO NOTHING;
