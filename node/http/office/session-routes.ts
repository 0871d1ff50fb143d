/**
 * Sessions of the office API (openapi/office.yaml, tag `session`; docs/portal.md "Sessions"):
 * sign in with a staff token or an applicant key, read the session and its CSRF token, add a
 * document to an applicant session, sign out. Failed sign-ins count against the remote address
 * (sign-in-limiter.ts); the token or key itself is never logged or echoed.
 */
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import { csrfTokenOf, type Credentials, type ResolvedSession, type Sessions, type SignInOrigin } from '../../services/sessions/sessions.js';
import type { SignInLimiter } from '../../services/sessions/sign-in-limiter.js';
import { clientAddressOf } from './client-address.js';
import type { RequestSession } from './session-auth.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';

type Session = components['schemas']['Session'];

export function sessionRoutes(router: Router, sessions: Sessions, limiter: SignInLimiter, idleMinutes: number): void {
  router.post('/sessions', (req: Request, res: Response) => {
    const credentials = req.body as Credentials;
    const { sessionId, session } = limited(res, limiter, sessions, credentials, { remoteAddress: clientAddressOf(req) }, (origin) => sessions.signIn(credentials, origin));
    res.setHeader('Set-Cookie', sessionCookie(sessionId));
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(sessionView(sessionId, session, idleMinutes));
  });

  router.get('/sessions/current', (_req: Request, res: Response) => {
    const { id, session } = requireSession(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json(sessionView(id, session, idleMinutes));
  });

  router.delete('/sessions/current', (_req: Request, res: Response) => {
    sessions.end(requireSession(res).id);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.status(204).end();
  });

  router.post('/sessions/current/documents', (req: Request, res: Response) => {
    const { id } = requireSession(res);
    const { applicantKey } = req.body as components['schemas']['AddDocumentRequest'];
    const session = limited(res, limiter, sessions, { applicantKey }, { remoteAddress: clientAddressOf(req) }, (origin) => sessions.addDocument(id, applicantKey, origin));
    res.setHeader('Cache-Control', 'no-store');
    res.json(sessionView(id, session, idleMinutes));
  });
}

/** Runs a sign-in under the limit: refused at once while the address is over it; a failure counts. */
function limited<T>(res: Response, limiter: SignInLimiter, sessions: Sessions, credentials: Credentials, origin: SignInOrigin, attempt: (origin: SignInOrigin) => T): T {
  const credential = 'staffToken' in credentials ? 'staff-token' : 'applicant-key';
  const verdict = limiter.check(origin.remoteAddress);
  if (!verdict.allowed) {
    if (verdict.firstRefusal) sessions.recordRateLimited(credential, origin);
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new IpexError('SIGN_IN_RATE_LIMITED', `too many failed sign-ins from this address: try again in ${verdict.retryAfterSeconds} s`);
  }
  try {
    return attempt(origin);
  } catch (err) {
    if (err instanceof IpexError && err.code === 'AUTH_INVALID') limiter.failed(origin.remoteAddress);
    throw err;
  }
}

function requireSession(res: Response): RequestSession {
  const current = res.locals.session as RequestSession | undefined;
  if (current === undefined) throw new IpexError('AUTH_REQUIRED', 'this operation needs the session cookie of a signed-in browser, not a bearer token');
  return current;
}

function sessionView(sessionId: string, session: ResolvedSession, idleMinutes: number): Session {
  const common = { csrfToken: csrfTokenOf(sessionId), expiresAt: session.expiresAt, idleMinutes };
  return session.kind === 'staff'
    ? { kind: 'staff', role: session.token.role, label: session.token.label, ...common }
    : { kind: 'applicant', documents: [...session.documents], ...common };
}
