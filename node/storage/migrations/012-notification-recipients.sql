-- 011: who the outbox's notifications go to (issue 12; docs/notifications.md). Beside migration
-- 010's outbox, which holds the messages themselves.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- The applicant's e-mail address and language, for the e-mails about their priority document.
-- Deliberately NOT part of the certified manifest (privacy): kept beside the document, set at
-- deposit or later by the applicant, replaced or removed at will; never written to a log.
CREATE TABLE applicant_contacts (
  document_id TEXT PRIMARY KEY NOT NULL REFERENCES documents(document_id),
  email       TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  language    TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es', 'ar', 'zh', 'ru')),
  updated_at  TEXT NOT NULL
) STRICT;

-- URLs of the office's own systems (IPAS, e-filing) that receive signed JSON events (Standard
-- Webhooks). The secret signs every delivery (HMAC-SHA256); it is shown once, at registration.
CREATE TABLE webhook_endpoints (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
  events      TEXT NOT NULL,                 -- JSON array of event types
  secret      TEXT NOT NULL,                 -- whsec_<base64 of 32 random bytes>
  description TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,                 -- 'staff:<tokenId>' or 'cli'
  removed_at  TEXT,                          -- removed by staff, or disabled by a 410 Gone
  removed_why TEXT
) STRICT;
