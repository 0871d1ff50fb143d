/**
 * Codes raised by the exchange-protocol primitives: ST.3 office codes, ST.13-style application
 * numbers (with their office prefix and check digit), access codes (docs/design.md §6), HTTP Message Signatures (RFC 9421) and Content-Digest
 * (RFC 9530). Signature failures are split by cause so that the node log and metrics can tell
 * them apart; what a peer is told for SIGNATURE_INVALID is only "signature verification failed".
 */
import { defineCodes } from '../spec.js';

export const exchangePrimitivesCodes = defineCodes({
  OFFICE_CODE_INVALID: {
    status: 400,
    title: 'The office code is not a two-letter code of WIPO Standard ST.3',
  },
  APPLICATION_NUMBER_INVALID: {
    status: 400,
    title: 'The application number is empty, too long or contains characters other than letters and digits',
  },
  APPLICATION_NUMBER_OFFICE_MISMATCH: {
    status: 400,
    title: 'The application number is printed with the code of another office; give the number of the office named in ipOfficeCode',
  },
  CHECK_DIGIT_MISMATCH: {
    status: 400,
    title: 'The check digit after the application number does not fit the number; a digit is mistyped',
  },
  ACCESS_CODE_MALFORMED: {
    status: 400,
    title: 'The access code is mistyped: check it against the printed code and enter it again',
  },
  SIGNATURE_MISSING: {
    status: 401,
    title: 'The request carries no HTTP message signature (Signature and Signature-Input headers)',
  },
  SIGNATURE_TAG_UNKNOWN: {
    status: 401,
    title: 'The message signature carries another tag than the one this message needs (requests: ipex-exchange-v1)',
  },
  SIGNATURE_MALFORMED: {
    status: 400,
    title: 'The Signature or Signature-Input header cannot be parsed',
  },
  SIGNATURE_INVALID: {
    status: 401,
    title: 'Signature verification failed',
  },
  SIGNATURE_EXPIRED: {
    status: 401,
    title: 'The signature was created outside the accepted time window; check the sender clock',
  },
  SIGNATURE_REPLAYED: {
    status: 401,
    title: 'The signature nonce was already used; sign every request with a fresh nonce',
  },
  SIGNATURE_COMPONENTS_MISSING: {
    status: 401,
    title: 'The signature does not cover every component the receiver requires',
  },
  DIGEST_MISMATCH: {
    status: 400,
    title: 'The Content-Digest header is missing, unsupported or does not match the body',
  },
});
