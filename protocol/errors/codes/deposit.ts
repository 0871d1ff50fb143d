/**
 * Codes of depositing and managing documents on the office side (docs/design.md §5–6): drafts,
 * certification, versions, withdrawal, access codes and applicant control.
 */
import { defineCodes } from '../spec.js';

export const depositCodes = defineCodes({
  DEPOSIT_NOT_FOUND: { status: 404, title: 'No deposit draft with this id' },
  DEPOSIT_NOT_DRAFT: { status: 409, title: 'The deposit is already committed or abandoned; open a new deposit' },
  DEPOSIT_EMPTY: { status: 400, title: 'The deposit has no parts; upload at least one part before committing' },
  DEPOSIT_PART_CONFLICT: { status: 409, title: 'The part name collides with another part of the deposit (names are compared without case)' },
  DEPOSIT_OFFICE_MISMATCH: { status: 400, title: 'The bibliographic ipOfficeCode is not the office of this node' },
  BIBLIOGRAPHIC_INVALID: { status: 400, title: 'The bibliographic data is invalid' },
  CITATION_INVALID: { status: 400, title: 'A citation of the bibliographic data is invalid; the detail names the citation and the field' },
  ST96_INVALID: { status: 422, title: 'The ST.96 bibliographic XML is not well formed or breaks the ST.96 subset ipex reads; the detail names the line and the element' },
  PRIORITY_CLAIM_INVALID: { status: 400, title: 'A priority claim of the bibliographic data is invalid; the detail names the claim and the member' },
  PART_MEDIA_TYPE_MISMATCH: { status: 400, title: 'The bytes of a part are not what its declared media type says (PDF, TIFF, PNG, JPEG, XML and ZIP are checked); the detail names the part and what its bytes look like' },
  DOCUMENT_NOT_FOUND: { status: 404, title: 'No document with this id' },
  LETTER_SECRETS_MISMATCH: { status: 400, title: 'The access code or applicant key is not the current one of this document; a letter is made with the code just issued' },
  DOCUMENT_EXISTS: { status: 409, title: 'A priority document for this application is already deposited; deposit a new version with supersedes' },
  DOCUMENT_WITHDRAWN: { status: 409, title: 'The document is withdrawn' },
  SUPERSEDES_MISMATCH: { status: 409, title: 'A new version must keep the kind, office, application number, filing date and IP right of the document it supersedes' },
  SEARCHING_AUTHORITY_UNKNOWN: { status: 400, title: 'The searching authority of a search copy is not an office of the network directory' },
  ACCESS_OFFICE_UNKNOWN: { status: 400, title: 'An office named in the access policy is not in the network directory; name participating offices only' },
  NOT_PRIORITY_DOCUMENT: { status: 409, title: 'Access codes and access policies exist only for priority documents' },
  IDEMPOTENCY_KEY_MISMATCH: { status: 422, title: 'The Idempotency-Key was used for another request (method, path or body) within its 24 hours; use a new key for a new request' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: 'A request with this Idempotency-Key is still being answered; retry after a moment to get its answer' },
});
