-- 015 (PostgreSQL): the same tables as ../015-peer-outages.sql.
-- Peers that this node cannot reach (issue 12, `peer.unreachable`; docs/operations.md
-- "Staff alerts"). A row exists only while every contact with that office has failed since
-- `failing_since` — a retrieval job's request, a family search's question, a witnessing round
-- that got no answer (refused connection, timeout) — and is deleted by the first contact that
-- gets one. Kept in the database so that a restart does not forget how long a peer has been down.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).
CREATE TABLE peer_outages (
  office          TEXT PRIMARY KEY NOT NULL CHECK (length(office) = 2),
  failing_since   TEXT NOT NULL,                 -- the first failed contact after the last answer
  last_failure_at TEXT NOT NULL,
  last_code       TEXT NOT NULL,                 -- PEER_UNREACHABLE, PEER_TIMEOUT
  failures        BIGINT NOT NULL CHECK (failures >= 1),
  alerted_at      TEXT                           -- when its peer.unreachable alert was raised
);
