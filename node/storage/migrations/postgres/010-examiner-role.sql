-- 010 (PostgreSQL): staff tokens get a fourth role, `examiner` (issue 11, docs/portal.md "Roles").
-- PostgreSQL widens the CHECK constraint in place; the SQLite migration rebuilds the table and
-- so ends portal sessions first, which is done here too, so that both engines upgrade alike.
DELETE FROM portal_session_documents;
DELETE FROM portal_sessions;
ALTER TABLE staff_tokens DROP CONSTRAINT staff_tokens_role_check;
ALTER TABLE staff_tokens ADD CONSTRAINT staff_tokens_role_check CHECK (role IN ('clerk', 'examiner', 'auditor', 'admin'));
