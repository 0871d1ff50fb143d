/**
 * Who may call an office API operation: each operation of openapi/office.yaml lists its staff
 * roles in `x-ipex-roles`, so the document stays the one place that says it. A request carries
 * `Authorization: Bearer <token>`; a staff token (node/services/staff) whose role is listed
 * passes. Operations marked `x-ipex-applicant: true` also accept the applicant key of the one
 * document they name, checked by the applicant middleware that runs after this one. A live
 * applicant key on any other operation is ROLE_NOT_ALLOWED (403, it is valid but not for this),
 * not AUTH_INVALID (401, which says the key is unknown or revoked).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { StaffTokenInfo, StaffTokens } from '../../services/staff/staff-tokens.js';

/** Who the caller is, once authenticated. */
export type OfficeCaller =
  | { readonly kind: 'staff'; readonly token: StaffTokenInfo }
  | { readonly kind: 'applicant'; readonly documentId: string }
  | { readonly kind: 'applicant-session'; readonly documents: readonly string[] };

interface OperationExtensions {
  readonly 'x-ipex-roles'?: readonly string[];
  readonly 'x-ipex-applicant'?: boolean;
  readonly 'x-ipex-public'?: boolean;
}

/**
 * @param isApplicantKey tells whether a bearer that is no staff token is a live applicant key, so
 *   that one used on a staff operation is told what it is instead of "unknown" (issue 10, item 10).
 */
export function staffAuth(tokens: StaffTokens, isApplicantKey: (bearer: string) => boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const operation = operationOf(req);
    // Open operations (sign-in), and requests a session already authenticated (session-auth.ts).
    if (operation?.['x-ipex-public'] === true || res.locals.caller !== undefined) return next();
    const roles = operation?.['x-ipex-roles'];
    if (roles === undefined) return next(new IpexError('INTERNAL', `operation ${req.method} ${req.path} lists no x-ipex-roles`));
    const bearer = bearerToken(req);
    if (bearer === undefined) {
      return next(new IpexError('AUTH_REQUIRED', 'send `Authorization: Bearer <token>`: a staff token from `ipex token create`, or an applicant key'));
    }
    const token = tokens.authenticate(bearer);
    if (token !== undefined) {
      if (!roles.includes(token.role)) {
        return next(new IpexError('ROLE_NOT_ALLOWED', `a ${token.role} token may not ${req.method} ${req.path}; it needs ${roles.join(' or ')}`));
      }
      res.locals.caller = { kind: 'staff', token } satisfies OfficeCaller;
      return next();
    }
    if (operation?.['x-ipex-applicant'] === true) {
      res.locals.applicantKey = bearer; // checked against the document by the applicant middleware
      return next();
    }
    if (isApplicantKey(bearer)) {
      // Authenticated, not allowed: 403. Which document the key belongs to is not said.
      return next(new IpexError('ROLE_NOT_ALLOWED', `this is an applicant key: it is valid only on the applicant operations of its own document (reading it, its history and log, its access policy and access code); ${req.method} ${req.path} needs a staff token (${roles.join(' or ')})`, {
        publicDetail: 'an applicant key is valid only on the applicant operations of its own document',
      }));
    }
    next(new IpexError('AUTH_INVALID', 'the bearer token is unknown or revoked'));
  };
}

/** The OpenAPI operation a request matched, with the ipex extensions. */
export function operationOf(req: Request): OperationExtensions | undefined {
  return (req as Request & { openapi?: { schema?: OperationExtensions } }).openapi?.schema;
}

export function bearerToken(req: Request): string | undefined {
  const value = req.headers.authorization;
  if (value === undefined) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(value);
  return match?.[1];
}
