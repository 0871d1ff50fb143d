-- 005 (PostgreSQL): the accessing-office (OSF) side of retrievals (docs/design.md §4): jobs that retrieve a
-- document from a peer office, and the certified copies they produced.
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- One job per retrieval asked of this node. request_id is the requestId sent to the peer
-- (openapi/exchange.yaml RetrievalRequest): the same job always sends the same one, so every
-- retry is idempotent on the peer. The access code is kept only while the job may still need
-- it and is erased when the job ends.
CREATE TABLE retrieval_jobs (
  job_id              TEXT PRIMARY KEY NOT NULL,
  request_id          TEXT NOT NULL UNIQUE,
  request             TEXT NOT NULL,          -- JSON of RetrievalJobRequest without accessCode
  access_code         TEXT,                   -- as typed; NULL once the job has ended
  target_office       TEXT NOT NULL CHECK (length(target_office) = 2),
  state               TEXT NOT NULL CHECK (state IN ('queued', 'pending', 'downloading', 'verifying', 'done', 'failed')),
  attempts            BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at     TEXT NOT NULL,
  available_from      TEXT,
  remote_retrieval_id TEXT,
  remote_document     TEXT,                   -- JSON of RetrievedDocument from the peer's 200 answer
  provenance          TEXT,                   -- JSON: signed request, response signature, peer log entry
  error_code          TEXT,
  error_detail        TEXT,
  copy_id             TEXT,
  created_by          TEXT NOT NULL,          -- 'staff:<tokenId>' or 'cli'
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX retrieval_jobs_due ON retrieval_jobs (next_attempt_at) WHERE state IN ('queued', 'pending', 'downloading', 'verifying');

-- A verified certified copy. The same document version retrieved twice is one copy.
CREATE TABLE certified_copies (
  copy_id            TEXT PRIMARY KEY NOT NULL,
  job_id             TEXT NOT NULL REFERENCES retrieval_jobs(job_id),
  source_office      TEXT NOT NULL CHECK (length(source_office) = 2),
  document_id        TEXT NOT NULL,
  version            BIGINT NOT NULL CHECK (version >= 1),
  document_kind      TEXT NOT NULL,
  application_number TEXT NOT NULL,
  bibliographic      TEXT NOT NULL,          -- JSON of BibliographicData as certified in the manifest
  manifest_jws       TEXT NOT NULL,
  chain_pem          TEXT NOT NULL,
  retrieved_at       TEXT NOT NULL,
  provenance         TEXT NOT NULL,          -- JSON {retrievalId, logEntry, request, responseSignature}
  receipt_jws        TEXT,
  receipt_sent_at    TEXT,
  receipt_log_index  BIGINT,
  UNIQUE (source_office, document_id, version)
);
CREATE INDEX certified_copies_lookup ON certified_copies (source_office, application_number, document_kind);

CREATE TABLE copy_parts (
  copy_id    TEXT NOT NULL REFERENCES certified_copies(copy_id),
  name       TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       BIGINT NOT NULL CHECK (size >= 0),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  p7s        BYTEA NOT NULL,                  -- DER detached CMS signature of the part
  PRIMARY KEY (copy_id, name)
);

-- The retrieval worker's heartbeat: a running node refreshes it every few seconds, so that
-- `ipex retrieve --wait` knows whether to leave the work to the node or do it in-process.
CREATE TABLE retrieval_worker (
  id           BIGINT PRIMARY KEY CHECK (id = 1),
  heartbeat_at TEXT NOT NULL,
  pid          BIGINT NOT NULL
);
