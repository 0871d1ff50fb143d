-- 018 (PostgreSQL): search copies (issue 15; docs/depositing.md "Search copies"). A `searchCopy`
-- is deposited by a receiving office for one named searching authority, the only office that may
-- retrieve it. PostgreSQL changes the CHECK constraints in place (SQLite rebuilds both tables);
-- the result is the same: the new kind on deposits and documents, the addressee on documents,
-- and the addressee as part of a document's immutable identity.
ALTER TABLE deposits DROP CONSTRAINT deposits_kind_check;
ALTER TABLE deposits ADD CONSTRAINT deposits_kind_check
  CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction', 'searchCopy'));

ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check
  CHECK (kind IN ('priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction', 'searchCopy'));
-- The searching authority a search copy is for (ST.3); set for search copies only.
ALTER TABLE documents ADD COLUMN searching_authority TEXT
  CHECK (searching_authority IS NULL OR length(searching_authority) = 2);
ALTER TABLE documents ADD CONSTRAINT documents_search_copy_addressee
  CHECK ((kind = 'searchCopy') = (searching_authority IS NOT NULL));

-- What a searching authority's listing reads: its search copies, newest first.
CREATE INDEX documents_search_copies ON documents (searching_authority, created_at) WHERE searching_authority IS NOT NULL;

DROP TRIGGER documents_key_immutable ON documents;
CREATE TRIGGER documents_key_immutable BEFORE UPDATE OF document_id, office, application_number, filing_date, ip_right_type, kind, created_at, searching_authority ON documents FOR EACH ROW EXECUTE FUNCTION ipex_refuse('the identity of a document is immutable');
