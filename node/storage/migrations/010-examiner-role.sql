-- Staff tokens get a fourth role, `examiner` (issue 11, docs/portal.md "Roles"): retrieving staff,
-- with least privilege — retrievals, certified copies and dossiers; no deposits, no audit log.
-- SQLite cannot widen a CHECK constraint in place, so staff_tokens is rebuilt. Portal sessions
-- refer to it and are ended first (people sign in again after the upgrade): a table that rows
-- still refer to cannot be dropped while foreign keys are enforced, and migrations run with them on.
DELETE FROM portal_session_documents;
DELETE FROM portal_sessions;

CREATE TABLE staff_tokens_widened (
  id           INTEGER PRIMARY KEY,
  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  role         TEXT NOT NULL CHECK (role IN ('clerk', 'examiner', 'auditor', 'admin')),
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;
INSERT INTO staff_tokens_widened (id, token_sha256, role, label, created_at, revoked_at)
  SELECT id, token_sha256, role, label, created_at, revoked_at FROM staff_tokens;
DROP TABLE staff_tokens;
ALTER TABLE staff_tokens_widened RENAME TO staff_tokens;
