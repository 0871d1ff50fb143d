-- 004: deposited documents (docs/design.md §5–6): drafts, certified versions, access codes,
-- applicant keys, access policies and the lock-out state the retrieval side keeps.
--
-- Document ids are readable, unique and URL-safe (the `Identifier` schema of openapi/):
--   <office>-<kind>-<applicationNumberText>-<8 random Crockford base32 characters>
--   kind: PD priorityDocument, SR searchReport, ER examinationReport, WO writtenOpinion, OA officeAction
--   e.g. EP-PD-23123456-7K3M9Q2X
-- A correction is version n+1 of the same document id; versions are never updated or deleted.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- Drafts: opened by POST /deposits, parts uploaded into the blob store, then committed.
CREATE TABLE deposits (
  id             TEXT PRIMARY KEY NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction')),
  bibliographic  TEXT NOT NULL,            -- JSON of BibliographicData (normalised)
  available_from TEXT,
  supersedes     TEXT,                     -- document_id whose next version this is
  created_by     TEXT NOT NULL,            -- 'staff:<tokenId>' or 'cli'
  state          TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'committed', 'abandoned')),
  created_at     TEXT NOT NULL,
  document_id    TEXT,                     -- set on commit
  version        INTEGER                   -- set on commit
) STRICT;

CREATE TABLE deposit_parts (
  deposit_id  TEXT NOT NULL REFERENCES deposits(id),
  name        TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (deposit_id, name)
) STRICT;

-- One row per document; the lookup key of a retrieval is (office, application_number,
-- filing_date, ip_right_type, kind).
CREATE TABLE documents (
  document_id        TEXT PRIMARY KEY NOT NULL,
  office             TEXT NOT NULL CHECK (length(office) = 2),
  application_number TEXT NOT NULL,        -- normalised ST.13 applicationNumberText
  filing_date        TEXT NOT NULL,        -- YYYY-MM-DD
  ip_right_type      TEXT NOT NULL CHECK (ip_right_type IN ('patent', 'utilityModel', 'industrialDesign', 'trademark')),
  kind               TEXT NOT NULL CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction')),
  patent_family_id   TEXT,
  current_version    INTEGER NOT NULL CHECK (current_version >= 1),
  available_from     TEXT,
  created_at         TEXT NOT NULL,
  withdrawn_at       TEXT,
  withdraw_reason    TEXT
) STRICT;
CREATE INDEX documents_lookup ON documents (office, application_number, kind);
CREATE INDEX documents_family ON documents (patent_family_id) WHERE patent_family_id IS NOT NULL;
-- At most one live priority document per application, filing date and right.
CREATE UNIQUE INDEX documents_live_priority ON documents (office, application_number, filing_date, ip_right_type)
  WHERE kind = 'priorityDocument' AND withdrawn_at IS NULL;

CREATE TABLE document_versions (
  document_id   TEXT NOT NULL REFERENCES documents(document_id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  bibliographic TEXT NOT NULL,             -- JSON of BibliographicData as certified in the manifest
  manifest_jws  TEXT NOT NULL,             -- compact JWS
  deposited_at  TEXT NOT NULL,
  supersedes    INTEGER,                   -- the version this one corrects (version - 1), NULL for 1
  deposit_id    TEXT NOT NULL REFERENCES deposits(id),
  PRIMARY KEY (document_id, version)
) STRICT;

CREATE TABLE version_parts (
  document_id TEXT NOT NULL,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  p7s         BLOB NOT NULL,               -- DER detached CMS signature of the part
  PRIMARY KEY (document_id, version, name),
  FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version)
) STRICT;

-- The access code of a priority document, as a keyed hash only (HMAC key: identity/access-code.key).
CREATE TABLE access_codes (
  document_id    TEXT PRIMARY KEY NOT NULL REFERENCES documents(document_id),
  code_hash      TEXT NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('crockford', 'das-hex')),
  issued_at      TEXT NOT NULL,
  regenerated_at TEXT
) STRICT;

-- Applicant keys (bearer, scoped to one document); SHA-256 hex of the key only.
CREATE TABLE applicant_keys (
  id          INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(document_id),
  key_sha256  TEXT NOT NULL UNIQUE CHECK (length(key_sha256) = 64),
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;
CREATE INDEX applicant_keys_document ON applicant_keys (document_id);

-- Which offices may retrieve a priority document: any participating office, or the list.
CREATE TABLE access_policies (
  document_id       TEXT PRIMARY KEY NOT NULL REFERENCES documents(document_id),
  any_participating INTEGER NOT NULL CHECK (any_participating IN (0, 1)),
  allowed_offices   TEXT NOT NULL DEFAULT '[]',   -- JSON array of ST.3 codes
  updated_at        TEXT NOT NULL
) STRICT;

-- Retrieval side (W4/lead): consecutive failed attempts per document and office, and lock-outs.
CREATE TABLE access_failures (
  document_id     TEXT NOT NULL,
  office          TEXT NOT NULL,
  failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at TEXT,
  PRIMARY KEY (document_id, office)
) STRICT;

CREATE TABLE access_locks (
  document_id  TEXT NOT NULL,
  office       TEXT NOT NULL,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_at    TEXT NOT NULL,
  locked_until TEXT NOT NULL,
  PRIMARY KEY (document_id, office)
) STRICT;

-- Certified rows are immutable (docs/design.md §5, §8). Only withdrawal, availability and the
-- current version of a document change; a withdrawal is never undone.
CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are immutable'); END;
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are never deleted'); END;
CREATE TRIGGER version_parts_no_update BEFORE UPDATE ON version_parts
BEGIN SELECT RAISE(ABORT, 'version parts are immutable'); END;
CREATE TRIGGER version_parts_no_delete BEFORE DELETE ON version_parts
BEGIN SELECT RAISE(ABORT, 'version parts are never deleted'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; withdraw them'); END;
CREATE TRIGGER documents_key_immutable
BEFORE UPDATE OF document_id, office, application_number, filing_date, ip_right_type, kind, created_at ON documents
BEGIN SELECT RAISE(ABORT, 'the identity of a document is immutable'); END;
CREATE TRIGGER documents_withdrawal_final BEFORE UPDATE OF withdrawn_at ON documents
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END;
CREATE TRIGGER documents_version_forward BEFORE UPDATE OF current_version ON documents
WHEN NEW.current_version < OLD.current_version
BEGIN SELECT RAISE(ABORT, 'the current version only moves forward'); END;
