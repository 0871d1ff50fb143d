-- 018: search copies (issue 15; docs/depositing.md "Search copies"). A `searchCopy` is deposited
-- by a receiving office for one named searching authority, the only office that may retrieve it.
-- SQLite cannot change a CHECK constraint in place, so `deposits` and `documents` are rebuilt
-- with the new kind (and `documents` with the addressee), keeping every row, index and trigger.
-- Foreign keys stay on: they are deferred to the end of this migration's transaction, while the
-- parent rows are briefly gone; every row is back before it commits.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE deposits_before_search_copies AS SELECT * FROM deposits;
DROP TABLE deposits;
CREATE TABLE deposits (
  id             TEXT PRIMARY KEY NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction', 'searchCopy')),
  bibliographic  TEXT NOT NULL,            -- JSON of BibliographicData (normalised)
  available_from TEXT,
  supersedes     TEXT,                     -- document_id whose next version this is
  created_by     TEXT NOT NULL,            -- 'staff:<tokenId>' or 'cli'
  state          TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'committed', 'abandoned')),
  created_at     TEXT NOT NULL,
  document_id    TEXT,                     -- set on commit
  version        INTEGER                   -- set on commit
) STRICT;
INSERT INTO deposits SELECT * FROM deposits_before_search_copies;
DROP TABLE deposits_before_search_copies;

CREATE TEMP TABLE documents_before_search_copies AS SELECT * FROM documents;
DROP TRIGGER documents_no_delete;
DROP TABLE documents;
CREATE TABLE documents (
  document_id         TEXT PRIMARY KEY NOT NULL,
  office              TEXT NOT NULL CHECK (length(office) = 2),
  application_number  TEXT NOT NULL,        -- normalised ST.13 applicationNumberText
  filing_date         TEXT NOT NULL,        -- YYYY-MM-DD
  ip_right_type       TEXT NOT NULL CHECK (ip_right_type IN ('patent', 'utilityModel', 'industrialDesign', 'trademark')),
  kind                TEXT NOT NULL CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction', 'searchCopy')),
  patent_family_id    TEXT,
  current_version     INTEGER NOT NULL CHECK (current_version >= 1),
  available_from      TEXT,
  created_at          TEXT NOT NULL,
  withdrawn_at        TEXT,
  withdraw_reason     TEXT,
  -- The searching authority a search copy is for (ST.3); set for search copies only.
  searching_authority TEXT CHECK (searching_authority IS NULL OR length(searching_authority) = 2),
  CHECK ((kind = 'searchCopy') = (searching_authority IS NOT NULL))
) STRICT;
INSERT INTO documents (document_id, office, application_number, filing_date, ip_right_type, kind, patent_family_id, current_version,
                       available_from, created_at, withdrawn_at, withdraw_reason)
SELECT document_id, office, application_number, filing_date, ip_right_type, kind, patent_family_id, current_version,
       available_from, created_at, withdrawn_at, withdraw_reason FROM documents_before_search_copies;
DROP TABLE documents_before_search_copies;

CREATE INDEX documents_lookup ON documents (office, application_number, kind);
CREATE INDEX documents_family ON documents (patent_family_id) WHERE patent_family_id IS NOT NULL;
CREATE UNIQUE INDEX documents_live_priority ON documents (office, application_number, filing_date, ip_right_type)
  WHERE kind = 'priorityDocument' AND withdrawn_at IS NULL;
-- What a searching authority's listing reads: its search copies, newest first.
CREATE INDEX documents_search_copies ON documents (searching_authority, created_at) WHERE searching_authority IS NOT NULL;

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; withdraw them'); END;
CREATE TRIGGER documents_key_immutable
BEFORE UPDATE OF document_id, office, application_number, filing_date, ip_right_type, kind, created_at, searching_authority ON documents
BEGIN SELECT RAISE(ABORT, 'the identity of a document is immutable'); END;
CREATE TRIGGER documents_withdrawal_final BEFORE UPDATE OF withdrawn_at ON documents
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END;
CREATE TRIGGER documents_version_forward BEFORE UPDATE OF current_version ON documents
WHEN NEW.current_version < OLD.current_version
BEGIN SELECT RAISE(ABORT, 'the current version only moves forward'); END;
