/** Codes of office-API sessions (the portal's sign-in, cookies and CSRF; docs/portal.md). */
import { defineCodes } from '../spec.js';

export const sessionCodes = defineCodes({
  SESSION_EXPIRED: { status: 401, title: 'The session has ended (signed out, idle too long or too old); sign in again' },
  CSRF_TOKEN_INVALID: { status: 403, title: 'A request authenticated by the session cookie needs the session\'s CSRF token' },
  SIGN_IN_RATE_LIMITED: { status: 429, title: 'Too many failed sign-ins from this address; wait and try again' },
});
