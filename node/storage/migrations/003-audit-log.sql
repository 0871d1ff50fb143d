-- 003: the tamper-evident audit log (docs/design.md §7, docs/audit-formats.md).
-- audit_entries holds the leaves of an RFC 9162 Merkle tree: `entry` is the exact leaf data
-- (RFC 8785 canonical JSON), `idx` the 0-based leaf index. The other columns repeat fields of
-- the entry so that auditors can filter without parsing every entry; they are not hashed.
-- The schema itself refuses rewriting: UPDATE and DELETE abort, and an INSERT must take the
-- next index (no gaps, no reordering). Because nothing is ever deleted, MAX(idx) + 1 is the
-- number of entries, and MAX on the primary key costs one B-tree descent, not a scan.
CREATE TABLE audit_entries (
  idx         INTEGER PRIMARY KEY NOT NULL CHECK (idx >= 0),
  entry       BLOB NOT NULL,
  leaf_hash   BLOB NOT NULL CHECK (length(leaf_hash) = 32),
  time        TEXT NOT NULL,
  type        TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  office      TEXT,
  document_id TEXT
) STRICT;

CREATE INDEX audit_entries_time ON audit_entries (time);
CREATE INDEX audit_entries_document ON audit_entries (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX audit_entries_office ON audit_entries (office) WHERE office IS NOT NULL;

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: entries cannot be deleted');
END;

CREATE TRIGGER audit_entries_next_index BEFORE INSERT ON audit_entries
WHEN NEW.idx IS NOT COALESCE((SELECT MAX(idx) FROM audit_entries), -1) + 1
BEGIN
  SELECT RAISE(ABORT, 'audit_entries: an entry must take the next index (no gaps)');
END;

-- Roots of complete (perfect) subtrees of 2^level leaves, level >= 1, at position idx
-- (leaves [idx * 2^level, (idx + 1) * 2^level)). Level 0 is audit_entries.leaf_hash. Any tree
-- root, inclusion or consistency proof is assembled from O(log n) of these rows, so nothing
-- is ever rehashed from the leaves. Append-only like the entries.
CREATE TABLE audit_subtrees (
  level INTEGER NOT NULL CHECK (level >= 1 AND level <= 63),
  idx   INTEGER NOT NULL CHECK (idx >= 0),
  hash  BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_subtrees_no_update BEFORE UPDATE ON audit_subtrees
BEGIN
  SELECT RAISE(ABORT, 'audit_subtrees is append-only');
END;

CREATE TRIGGER audit_subtrees_no_delete BEFORE DELETE ON audit_subtrees
BEGIN
  SELECT RAISE(ABORT, 'audit_subtrees is append-only');
END;

-- Checkpoints this node signed (C2SP tlog-checkpoint as a signed note with the log key).
-- `note` may gain witness cosignature lines later; size and root never change.
CREATE TABLE audit_checkpoints (
  size       INTEGER PRIMARY KEY NOT NULL CHECK (size >= 0),
  root       BLOB NOT NULL CHECK (length(root) = 32),
  note       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_checkpoints_fixed BEFORE UPDATE OF size, root ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints: size and root of a signed checkpoint cannot change');
END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints cannot be deleted');
END;

-- As a witness: the last checkpoint of each peer's log that this node cosigned.
CREATE TABLE witness_state (
  office     TEXT PRIMARY KEY NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  root       BLOB NOT NULL CHECK (length(root) = 32),
  note       TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Two checkpoints of one peer that could not be shown consistent: kept for ever as evidence.
CREATE TABLE witness_evidence (
  id          INTEGER PRIMARY KEY,
  office      TEXT NOT NULL,
  note_a      TEXT NOT NULL,
  note_b      TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  reason      TEXT NOT NULL
) STRICT;

CREATE TRIGGER witness_evidence_no_update BEFORE UPDATE ON witness_evidence
BEGIN
  SELECT RAISE(ABORT, 'witness_evidence is append-only');
END;

CREATE TRIGGER witness_evidence_no_delete BEFORE DELETE ON witness_evidence
BEGIN
  SELECT RAISE(ABORT, 'witness_evidence is append-only');
END;
