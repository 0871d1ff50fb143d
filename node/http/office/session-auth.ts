/**
 * Authentication by session cookie (docs/portal.md "Sessions"), before staff-auth.ts. A request
 * without an Authorization header that carries the session cookie is authenticated by its
 * session: a staff session acts with its token's role (the operation's `x-ipex-roles` apply as
 * for the token itself), an applicant session on the documents it holds (operations with
 * `x-ipex-applicant: true` only). Every other method than GET and HEAD must carry the session's
 * CSRF token in `X-CSRF-Token`: a cookie is sent by the browser on its own, the header only by
 * a page of this origin that read the token. Bearer requests are left to staff-auth.ts and need
 * no CSRF token, since no browser adds a bearer token by itself.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import { csrfTokenMatches, type ResolvedSession, type Sessions } from '../../services/sessions/sessions.js';
import { CSRF_HEADER, SESSION_COOKIE, cookieValue } from './session-cookie.js';
import { operationOf, type OfficeCaller } from './staff-auth.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The session a request was authenticated by (set by sessionAuth). */
export interface RequestSession {
  readonly id: string;
  readonly session: ResolvedSession;
}

export function sessionAuth(sessions: Sessions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const operation = operationOf(req);
    if (operation?.['x-ipex-public'] === true || req.headers.authorization !== undefined) return next();
    const id = cookieValue(req, SESSION_COOKIE);
    if (id === undefined) return next(); // staff-auth answers AUTH_REQUIRED
    const session = sessions.resolve(id);
    if (session === undefined) return next(new IpexError('SESSION_EXPIRED', 'the session has ended (signed out, idle too long or too old): sign in again'));
    if (!SAFE_METHODS.has(req.method)) {
      const presented = req.headers[CSRF_HEADER];
      if (!csrfTokenMatches(id, typeof presented === 'string' ? presented : undefined)) {
        return next(new IpexError('CSRF_TOKEN_INVALID', `send the session's CSRF token in the X-CSRF-Token header with every ${req.method}`));
      }
    }
    const roles = operation?.['x-ipex-roles'] ?? [];
    if (session.kind === 'staff') {
      if (!roles.includes(session.token.role)) {
        return next(new IpexError('ROLE_NOT_ALLOWED', `a ${session.token.role} may not ${req.method} ${req.path}; it needs ${roles.join(' or ') || 'an applicant key'}`));
      }
      res.locals.caller = { kind: 'staff', token: session.token } satisfies OfficeCaller;
    } else {
      if (operation?.['x-ipex-applicant'] !== true) {
        return next(new IpexError('ROLE_NOT_ALLOWED', `an applicant may not ${req.method} ${req.path}; it needs a staff role (${roles.join(' or ')})`));
      }
      res.locals.caller = { kind: 'applicant-session', documents: session.documents } satisfies OfficeCaller;
    }
    res.locals.session = { id, session } satisfies RequestSession;
    next();
  };
}
