-- 010: the outbox (issue 12; docs/notifications.md): every message that leaves the node for a
-- person or another system (an e-mail, a webhook, a peer notification) is first a row here,
-- written in the SAME transaction as the event it reports, then sent by the running node's
-- outbox worker. One row per (channel, recipient, event): the unique key makes queuing the same
-- event twice for one recipient a no-op, and the event id is the idempotency id the receiver sees.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL CHECK (channel GLOB '[a-z]*' AND length(channel) <= 32),  -- 'email', 'webhook', 'peer', …
  recipient       TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),  -- a channel's name for whom: 'applicant:<documentId>', 'staff:<address>', 'webhook:<id>', an office code
  event_id        TEXT NOT NULL CHECK (length(event_id) BETWEEN 1 AND 128),   -- stable id of the event: the same event always has the same id
  event_type      TEXT NOT NULL CHECK (length(event_type) BETWEEN 1 AND 64),
  payload         TEXT NOT NULL,                      -- JSON: what the channel needs to render and send the message
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'dead', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,                      -- when it is due (a lease time while a worker sends it)
  lease_until     TEXT,                               -- = next_attempt_at while leased
  lease_holder    TEXT,                               -- the process sending it (node/runtime/process-holder.ts)
  last_error      TEXT,                               -- why the last attempt failed (no secret, no address)
  created_at      TEXT NOT NULL,
  sent_at         TEXT,                               -- when it was sent, dead-lettered or cancelled
  UNIQUE (channel, recipient, event_id)
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX outbox_state ON outbox (state, id);
