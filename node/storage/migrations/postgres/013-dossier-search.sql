-- 013 (PostgreSQL): family and dossier search across the network (issue 12; docs/dossiers.md).
-- Times are ISO 8601 UTC text (Clock.now().toISOString()).

-- The priority claims of each certified version (its bibliographicData.priorityClaimBag), so
-- that a peer's search for an application finds the documents whose current version claims it
-- without reading every version's JSON. Written with the version, never changed (like it).
CREATE TABLE priority_claims (
  document_id        TEXT NOT NULL,
  version            BIGINT NOT NULL,
  office             TEXT NOT NULL CHECK (length(office) = 2),
  application_number TEXT NOT NULL,        -- normalised ST.13 applicationNumberText
  filing_date        TEXT NOT NULL,        -- YYYY-MM-DD
  PRIMARY KEY (document_id, version, office, application_number),
  FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version)
);
CREATE INDEX priority_claims_claimed ON priority_claims (office, application_number);
CREATE TRIGGER priority_claims_no_update BEFORE UPDATE ON priority_claims FOR EACH ROW EXECUTE FUNCTION ipex_refuse('priority claims are certified and immutable');
CREATE TRIGGER priority_claims_no_delete BEFORE DELETE ON priority_claims FOR EACH ROW EXECUTE FUNCTION ipex_refuse('priority claims are never deleted');

-- Versions certified before this migration with claims in their bibliographic data.
INSERT INTO priority_claims (document_id, version, office, application_number, filing_date)
SELECT v.document_id, v.version, json_extract(c.value, '$.ipOfficeCode'), json_extract(c.value, '$.applicationNumberText'),
       json_extract(c.value, '$.filingDate')
  FROM document_versions v, json_each(v.bibliographic, '$.priorityClaimBag.priorityClaim') c
 WHERE json_valid(v.bibliographic);

-- A search this office's staff ran (office API GET /dossier-search, `ipex dossier search`): the
-- query and the result as answered, grouped by office and application.
CREATE TABLE dossier_searches (
  search_id   TEXT PRIMARY KEY NOT NULL,
  query       TEXT NOT NULL,                -- JSON {application|priority|family}
  created_by  TEXT NOT NULL,                -- 'staff:<tokenId>' or 'cli'
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  result      TEXT NOT NULL                 -- JSON of the DossierSearch answer (openapi/office.yaml)
);

-- Each peer's answer to each round of a search, kept as it came so that it can be shown to be
-- what the peer sent: the request as signed (and its body), and the signed response's status,
-- Signature, Signature-Input, Content-Digest and exact body, with the signing certificate the
-- directory listed for its key id. A peer that did not answer has its outcome and code only.
CREATE TABLE dossier_search_answers (
  search_id           TEXT NOT NULL REFERENCES dossier_searches(search_id),
  round               BIGINT NOT NULL CHECK (round >= 1),
  office              TEXT NOT NULL CHECK (length(office) = 2),
  outcome             TEXT NOT NULL CHECK (outcome IN ('answered', 'timeout', 'unreachable', 'refused', 'invalid')),
  code                TEXT,
  detail              TEXT,
  elapsed_ms          BIGINT NOT NULL CHECK (elapsed_ms >= 0),
  received_at         TEXT NOT NULL,
  request             TEXT,                 -- JSON SignedRequestRecord {method, targetUri, signatureInput, signature, contentDigest}
  request_body        BYTEA,
  status              BIGINT,
  response_headers    TEXT,                 -- JSON {signature, signatureInput, contentDigest, contentType}
  response_body       BYTEA,
  key_id              TEXT,
  signing_certificate BYTEA,                 -- DER, as listed in the directory for key_id
  PRIMARY KEY (search_id, round, office)
);
CREATE TRIGGER dossier_search_answers_no_update BEFORE UPDATE ON dossier_search_answers FOR EACH ROW EXECUTE FUNCTION ipex_refuse('a kept answer is never changed');

CREATE TRIGGER priority_claims_no_delete_truncate BEFORE TRUNCATE ON priority_claims FOR EACH STATEMENT EXECUTE FUNCTION ipex_refuse('priority claims are never deleted');
