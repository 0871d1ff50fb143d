/**
 * Codes of the depositing office's side of the exchange (docs/design.md §4, §6): retrieval decisions,
 * dossier access, serving parts of a granted retrieval, and receipts.
 *
 * DOCUMENT_UNAVAILABLE is deliberately one code for "no such document", "wrong access code" and
 * "locked for your office": a distinct answer for any of them would let a peer probe for
 * unpublished applications. OFFICE_NOT_ALLOWED is only ever given with the right access code,
 * so it tells nothing to a peer that does not already hold it. Its DAS status is the one the WIPO DAS
 * exchange API gives for a document that is not registered (error code -7).
 */
import { defineCodes } from '../spec.js';

export const accessCodes = defineCodes({
  DOCUMENT_UNAVAILABLE: {
    status: 404,
    title: 'No document is available for this application number, filing date, IP right type and access code',
    das: '-7',
  },
  OFFICE_NOT_ALLOWED: {
    status: 403,
    title: 'The applicant has not allowed your office to retrieve this document; ask the applicant to add it',
  },
  RETRIEVAL_NOT_FOUND: {
    status: 404,
    title: 'No retrieval with this id was granted to your office, or it has expired',
  },
  PART_NOT_FOUND: {
    status: 404,
    title: 'The retrieved document version has no part with this name',
  },
  RANGE_NOT_SATISFIABLE: {
    status: 416,
    title: 'The requested byte range is outside the part; ask for a range within its size',
  },
  OFFICE_NOT_THIS_NODE: {
    status: 400,
    title: 'This node serves another office: send the request to the node of the office named in ipOfficeCode',
  },
  REQUEST_ID_REUSED: {
    status: 409,
    title: 'This requestId was already used by your office for a different request; use a fresh requestId',
  },
  DOSSIER_QUERY_INVALID: {
    status: 400,
    title: 'Give either ipOfficeCode with applicationNumberText, or patentFamilyId',
  },
  RECEIPT_INVALID: {
    status: 400,
    title: 'The receipt is not a valid compact JWS of type ipex-receipt+json signed by your office signing certificate',
  },
  RECEIPT_MISMATCH: {
    status: 409,
    title: 'The receipt does not name the document, version and part digests of this retrieval',
  },
});
