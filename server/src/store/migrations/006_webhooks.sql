-- Outgoing webhooks (issue 8): the ticketing system's subscriptions, and an outbox of deliveries so
-- that a crash or a restart loses none — a row is written when the event happens and stays pending
-- until the receiver answers 2xx or the attempts run out.
CREATE TABLE webhooks (
  id text PRIMARY KEY,
  url text NOT NULL,
  -- Kept as given: signing needs the secret itself (it is shown once, at creation, and never listed).
  secret text NOT NULL,
  -- 'complaint.status' (every change) or 'complaint.status:<status>' (changes into that status only)
  events text[] NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  -- Sent as X-Tousu-Delivery: the same on every attempt, so receivers can drop duplicates.
  id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhooks ON DELETE CASCADE,
  event text NOT NULL,
  -- The exact JSON sent (and signed) on every attempt.
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL,
  -- A worker's claim on the row while it sends it (another process, or this one after a crash, waits until it lapses).
  locked_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, created_at);
