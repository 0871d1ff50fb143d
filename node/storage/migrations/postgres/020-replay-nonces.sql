-- 020 (PostgreSQL): the same table as ../020-replay-nonces.sql.
-- The nonces of verified exchange-request signatures, shared by every node process of the
-- office (issue 13, docs/operations.md "Several node processes"; docs/design.md §4): a request
-- replayed to another process behind the load balancer is refused as it is by the process that
-- took it first. The first use of a (key id, nonce) pair wins: one INSERT … ON CONFLICT, which
-- adds a row only when there is none, or when the row there has expired. `expires_at` is when
-- the signature's `created` time leaves the acceptance window, in milliseconds since 1970;
-- rows past it are deleted now and then by the node (node/trust/replay-nonces.ts).
CREATE TABLE replay_nonces (
  key_id     TEXT NOT NULL,
  nonce      TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX replay_nonces_expiry ON replay_nonces (expires_at);
