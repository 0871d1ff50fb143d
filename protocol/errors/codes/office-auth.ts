/** Codes of the office API's authentication: staff tokens and applicant keys. */
import { defineCodes } from '../spec.js';

export const officeAuthCodes = defineCodes({
  AUTH_REQUIRED: { status: 401, title: 'The office API needs a bearer token: a staff token or an applicant key' },
  AUTH_INVALID: { status: 401, title: 'The bearer token is unknown, revoked or not valid for this document' },
  ROLE_NOT_ALLOWED: { status: 403, title: 'The token\'s role may not perform this operation' },
});
