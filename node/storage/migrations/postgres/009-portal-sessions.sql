-- 009 (PostgreSQL): sessions of the office API (docs/portal.md "Sessions"), for the portal's pages and its
-- browser scripts. A session is made by signing in once with a staff token or an applicant key;
-- the browser then holds only the session id in an HttpOnly cookie. Only the SHA-256 of the
-- session id is kept, so a copy of the database signs nobody in.
CREATE TABLE portal_sessions (
  id_sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(id_sha256) = 64),
  kind           TEXT NOT NULL CHECK (kind IN ('staff', 'applicant')),
  staff_token_id BIGINT REFERENCES staff_tokens(id),   -- set for staff sessions only
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,                          -- the absolute limit; idle time is from last_seen_at
  ended_at       TEXT,
  CHECK ((kind = 'staff') = (staff_token_id IS NOT NULL))
);

-- The documents an applicant session may act on: each added by presenting that document's
-- applicant key, which must still be live whenever the session is used.
CREATE TABLE portal_session_documents (
  session_sha256   TEXT NOT NULL REFERENCES portal_sessions(id_sha256),
  applicant_key_id BIGINT NOT NULL REFERENCES applicant_keys(id),
  document_id      TEXT NOT NULL,
  added_at         TEXT NOT NULL,
  PRIMARY KEY (session_sha256, document_id)
);
