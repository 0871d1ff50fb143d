/**
 * The session cookie of the office API (docs/portal.md "Sessions"). The `__Host-` prefix makes
 * the browser refuse it unless it is Secure, has `Path=/` and no Domain, so no other host or
 * path can set or shadow it; `SameSite=Strict` keeps it off every cross-site request; HttpOnly
 * keeps it from scripts. Browsers treat http://127.0.0.1 and http://localhost as secure, so the
 * default loopback listener works; beyond loopback the office listener needs TLS.
 */
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = '__Host-ipex-session';
export const CSRF_HEADER = 'x-csrf-token';

const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';

export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; ${ATTRIBUTES}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Max-Age=0; ${ATTRIBUTES}`;
}

/** The value of a cookie in a request's Cookie header, or undefined. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
