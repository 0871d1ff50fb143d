/**
 * Who acts on a document in the office API: a staff token (already checked for its role by
 * staff-auth.ts), or — on operations marked `x-ipex-applicant: true` — the applicant key of
 * that one document. A key that is not a live key of the named document gets AUTH_INVALID,
 * the same answer whether the document exists or not.
 */
import type { Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { Actor } from '../../services/deposit/deposit-deps.js';
import type { DepositService } from '../../services/deposit/deposit-service.js';
import type { OfficeCaller } from './staff-auth.js';

/** The staff actor of a request; for operations that accept staff tokens only. */
export function staffActor(res: Response): Actor {
  const caller = res.locals.caller as OfficeCaller | undefined;
  if (caller?.kind !== 'staff') throw new IpexError('AUTH_REQUIRED', 'this operation needs a staff token');
  return { kind: 'staff', tokenId: caller.token.id };
}

/** The actor of a request on `documentId`: staff, or the applicant holding that document's key. */
export function documentActor(res: Response, service: DepositService, documentId: string): Actor {
  const caller = res.locals.caller as OfficeCaller | undefined;
  if (caller?.kind === 'staff') return { kind: 'staff', tokenId: caller.token.id };
  if (caller?.kind === 'applicant-session') {
    // Only documents whose applicant key was presented to this session; the same answer whether the document exists or not.
    if (caller.documents.includes(documentId)) return { kind: 'applicant', documentId };
    throw new IpexError('AUTH_INVALID', 'this session holds no applicant key of this document');
  }
  const key = res.locals.applicantKey as unknown;
  if (typeof key === 'string' && service.applicantMayAccess(documentId, key)) {
    res.locals.caller = { kind: 'applicant', documentId } satisfies OfficeCaller;
    return { kind: 'applicant', documentId };
  }
  throw new IpexError('AUTH_INVALID', 'the bearer token is neither a staff token nor the applicant key of this document');
}
