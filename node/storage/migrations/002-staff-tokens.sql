-- 002: bearer tokens of office staff (clerk, auditor, admin), made by `ipex token create`.
-- Only the SHA-256 of a token is kept; the token itself is shown once, when it is made.
CREATE TABLE staff_tokens (
  id           INTEGER PRIMARY KEY,
  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  role         TEXT NOT NULL CHECK (role IN ('clerk', 'auditor', 'admin')),
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;
