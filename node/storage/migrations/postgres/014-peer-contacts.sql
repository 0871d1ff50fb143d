-- 014 (PostgreSQL): when this node last had contact with each peer office (issue 11, the administrator's
-- peers page; docs/portal.md "Administrator"). One row per office, written at most once a minute
-- per office and direction (node/services/peers/peer-contacts.ts), so a busy exchange costs no
-- more than one small write a minute. Times are ISO 8601 UTC text.
CREATE TABLE peer_contacts (
  office               TEXT PRIMARY KEY NOT NULL CHECK (length(office) = 2),
  last_inbound_at      TEXT,     -- a request from the office passed authentication
  last_outbound_at     TEXT,     -- the office answered a request of this node (any HTTP status)
  last_outbound_status BIGINT,  -- that answer's status
  last_failure_at      TEXT,     -- a request of this node got no answer (unreachable, timeout)
  last_failure_code    TEXT      -- its error code
);
