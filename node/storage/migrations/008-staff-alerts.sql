-- 007: alerts to the office's staff (issue 10): faults that need a person, such as a full disk
-- or a stored part that no longer matches its digest. Written where the fault happens, read with
-- `GET /api/v1/alerts` or `ipex alerts list`, acknowledged by an admin. A fault that repeats
-- raises the count of its open alert instead of adding rows: one open alert per kind and subject.
-- Later notification work (e-mail, webhooks) sends from this table.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).
CREATE TABLE staff_alerts (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),  -- 'storage.full', 'part.damaged'
  subject         TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 1024),  -- what it is about: a folder, a blob digest
  detail          TEXT NOT NULL,                      -- what happened and what to do, for people
  created_at      TEXT NOT NULL,                      -- first occurrence
  last_seen_at    TEXT NOT NULL,                      -- latest occurrence
  occurrences     INTEGER NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
  acknowledged_at TEXT,
  acknowledged_by TEXT                                -- 'staff:<tokenId>' or 'cli'
) STRICT;
CREATE UNIQUE INDEX staff_alerts_open ON staff_alerts (kind, subject) WHERE acknowledged_at IS NULL;
