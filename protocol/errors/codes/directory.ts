/**
 * Codes raised by the signed directory of participating offices (docs/design.md §3, docs/trust.md)
 * and by the trust decisions taken from it: which offices exist, their status and roles, and
 * whether a peer certificate is the one the directory lists.
 */
import { defineCodes } from '../spec.js';

export const directoryCodes = defineCodes({
  DIRECTORY_MALFORMED: {
    status: 400,
    title: 'The directory is not a compact JWS with an ipex-directory/1 payload of the documented shape',
  },
  DIRECTORY_SIGNATURE_INVALID: {
    status: 401,
    title: 'The directory signature does not verify, or its algorithm or type is not allowed',
  },
  DIRECTORY_EXPIRED: { status: 401, title: 'The directory has expired (or is not valid yet); install a current one' },
  DIRECTORY_CRL_MISMATCH: { status: 400, title: 'The CRL does not match the one the directory names' },
  DIRECTORY_ROLLBACK: {
    status: 409,
    title: 'The directory serial is lower than the installed one; an older directory is never installed',
  },
  OFFICE_UNKNOWN: { status: 403, title: 'The office is not listed in the network directory' },
  OFFICE_SUSPENDED: { status: 403, title: 'The office is suspended in the network directory' },
  OFFICE_REVOKED: { status: 403, title: 'The office is revoked in the network directory' },
  OFFICE_ROLE_NOT_ALLOWED: { status: 403, title: 'The directory does not give the office this role' },
  CERT_NOT_IN_DIRECTORY: {
    status: 401,
    title: 'The certificate is not listed in the network directory for this office and use',
  },
});
