-- 006: the depositing office's side of the exchange (docs/design.md §4, §6; docs/exchange.md).
-- Retrieval grants (what a peer office may download, and for how long), the parts already
-- served under a grant (so 'part.served' is logged once per part, not per Range request),
-- receipts from accessing offices, and applicant alerts. Failure counters and locks live in
-- access_failures / access_locks of 004-documents.sql.

-- A grant, made by a successful (or pending) priority-document retrieval or a dossier request.
-- request_id is the requester's idempotency key: one grant per (office, request_id).
CREATE TABLE retrieval_grants (
  retrieval_id TEXT PRIMARY KEY NOT NULL CHECK (length(retrieval_id) BETWEEN 8 AND 64),
  office       TEXT NOT NULL CHECK (length(office) = 2),
  request_id   TEXT,
  request_hash TEXT,
  kind         TEXT NOT NULL CHECK (kind IN ('priority', 'dossier')),
  state        TEXT NOT NULL CHECK (state IN ('pending', 'granted')),
  document_id  TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  log_index    INTEGER NOT NULL CHECK (log_index >= 0),
  UNIQUE (office, request_id)
) STRICT;
CREATE INDEX retrieval_grants_document ON retrieval_grants (document_id, version);

CREATE TABLE served_parts (
  retrieval_id TEXT NOT NULL REFERENCES retrieval_grants (retrieval_id),
  name         TEXT NOT NULL,
  served_at    TEXT NOT NULL,
  log_index    INTEGER NOT NULL CHECK (log_index >= 0),
  PRIMARY KEY (retrieval_id, name)
) STRICT;

-- One receipt per grant; a repeated receipt returns the first one's log entry.
CREATE TABLE receipts (
  retrieval_id   TEXT PRIMARY KEY NOT NULL REFERENCES retrieval_grants (retrieval_id),
  office         TEXT NOT NULL,
  document_id    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  receipt_jws    TEXT NOT NULL,
  signer_sha256  TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  logged_at      TEXT NOT NULL,
  log_index      INTEGER NOT NULL CHECK (log_index >= 0)
) STRICT;
CREATE INDEX receipts_document ON receipts (document_id, version);

-- What the applicant is told (office API history): for now, locks after repeated failures.
CREATE TABLE applicant_alerts (
  id           INTEGER PRIMARY KEY,
  document_id  TEXT NOT NULL,
  office       TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('access-locked')),
  created_at   TEXT NOT NULL,
  locked_until TEXT NOT NULL,
  log_index    INTEGER NOT NULL CHECK (log_index >= 0)
) STRICT;
CREATE INDEX applicant_alerts_document ON applicant_alerts (document_id, created_at);

-- Receipts and alerts are evidence: never rewritten.
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER applicant_alerts_no_update BEFORE UPDATE ON applicant_alerts BEGIN SELECT RAISE(ABORT, 'alerts are append-only'); END;
CREATE TRIGGER applicant_alerts_no_delete BEFORE DELETE ON applicant_alerts BEGIN SELECT RAISE(ABORT, 'alerts are append-only'); END;
