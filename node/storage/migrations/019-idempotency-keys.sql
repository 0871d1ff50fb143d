-- 019: idempotency keys of the office API's deposit operations (issue 15; docs/e-filing.md
-- "Idempotency keys"). An office's system that retries `POST /deposits` or
-- `POST /deposits/{id}/commit` with the same `Idempotency-Key` gets the first answer again and
-- deposits nothing more. Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- One row per key of this office: reserved ('pending') while the first request runs, 'done' with
-- its answer once that request succeeded (a refused request frees its key). The key itself is not
-- stored, only its SHA-256; the answer (it may hold an access code and an applicant key) is
-- AES-256-GCM encrypted under a key derived from the node secret and the idempotency key, so the
-- database alone never reveals it. Rows are deleted once expired (24 h after they were made).
CREATE TABLE idempotency_keys (
  office         TEXT NOT NULL CHECK (length(office) = 2),
  key_sha256     TEXT NOT NULL CHECK (length(key_sha256) = 64),
  request_sha256 TEXT NOT NULL CHECK (length(request_sha256) = 64), -- method, path and body of the first request
  state          TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  response       BLOB,                                              -- sealed {status, location, body}; set when done
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  PRIMARY KEY (office, key_sha256),
  CHECK ((state = 'done') = (response IS NOT NULL))
) STRICT;
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
