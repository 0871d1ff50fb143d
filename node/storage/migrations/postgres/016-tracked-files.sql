-- 016 (PostgreSQL): tracked files (issue 12; docs/tracked-files.md). An office tracks an application at a
-- peer; the peer's node tells it, by a signed notification sent through the outbox (channel
-- `peer`), when it deposits a new search or examination document, or a new version, for it.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- The publisher's side: the peers that track this office's applications. One live subscription
-- per (office, application); subscribing again returns it. The id is made here and is the one
-- both nodes show.
CREATE TABLE file_subscribers (
  subscription_id    TEXT PRIMARY KEY CHECK (length(subscription_id) BETWEEN 8 AND 64),
  office             TEXT NOT NULL CHECK (length(office) = 2),   -- the tracking office
  application_number TEXT NOT NULL,                              -- this office's, normalised (ST.13)
  state              TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  created_at         TEXT NOT NULL,
  cancelled_at       TEXT,
  cancelled_by       TEXT CHECK (cancelled_by IN ('subscriber', 'publisher'))
);
CREATE UNIQUE INDEX file_subscribers_live ON file_subscribers (office, application_number) WHERE state = 'active';
CREATE INDEX file_subscribers_application ON file_subscribers (application_number) WHERE state = 'active';

-- The subscriber's side: the applications this office tracks at peers, under the peer's id.
CREATE TABLE tracked_files (
  subscription_id    TEXT NOT NULL CHECK (length(subscription_id) BETWEEN 8 AND 64),
  office             TEXT NOT NULL CHECK (length(office) = 2),   -- the peer that holds the application
  application_number TEXT NOT NULL,
  state              TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL,                              -- 'staff:<tokenId>' or 'cli'
  cancelled_at       TEXT,
  cancelled_by       TEXT CHECK (cancelled_by IN ('subscriber', 'publisher')),
  PRIMARY KEY (office, subscription_id)
);
CREATE UNIQUE INDEX tracked_files_live ON tracked_files (office, application_number) WHERE state = 'active';

-- Notifications received: the receiver's idempotency key is (sending office, notification id);
-- a repeat finds its row and changes nothing. `job_id` is the retrieval job that fetches it.
CREATE TABLE tracked_file_notifications (
  office          TEXT NOT NULL CHECK (length(office) = 2),
  notification_id TEXT NOT NULL CHECK (length(notification_id) BETWEEN 1 AND 128),
  subscription_id TEXT NOT NULL,
  document_id     TEXT NOT NULL,
  version         BIGINT NOT NULL CHECK (version >= 1),
  job_id          TEXT,
  received_at     TEXT NOT NULL,
  log_index       BIGINT NOT NULL,
  PRIMARY KEY (office, notification_id)
);
