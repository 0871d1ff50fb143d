-- 017 (PostgreSQL): the journal of `ipex import` (issue 15; docs/importing.md "The journal").
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- One row per document an import has started to deposit, keyed by the row's identity in the
-- archive (row_key: SHA-256 of kind, normalised application number, filing date and the part
-- paths). 'started' is written, durably, before the first part is stored; the deposit's own
-- commit marks its draft committed in the deposits table, atomically with the document, so a
-- killed run can tell a finished deposit from an unfinished one. 'done' is written once the
-- document's access code and applicant key are in the run's secrets file (or it has none).
CREATE TABLE import_journal (
  row_key     TEXT PRIMARY KEY CHECK (length(row_key) = 64),
  row_digest  TEXT NOT NULL CHECK (length(row_digest) = 64), -- SHA-256 of the whole row, normalised
  deposit_id  TEXT NOT NULL,
  document_id TEXT,
  state       TEXT NOT NULL CHECK (state IN ('started', 'done')),
  archive     TEXT NOT NULL,                                 -- the archive folder, as given, for people
  line        BIGINT NOT NULL,                              -- the row's line in index.csv
  updated_at  TEXT NOT NULL
);
