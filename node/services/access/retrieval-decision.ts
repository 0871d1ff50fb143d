/**
 * The decision on a priority-document retrieval (POST /exchange/v1/retrievals; docs/design.md §4, §6,
 * the WIPO DAS model). Given the authenticated peer and its request:
 *
 *   success  — the document exists, is not withdrawn, the access code matches, the applicant
 *              allows the office, the pair is not locked, and it is available: a grant.
 *   pending  — all that, but before the availability date: a pending grant to ask again.
 *   not-allowed — the right access code from an office the applicant has not allowed: its own
 *              answer (issue 3), which tells nothing to anyone who does not hold the code.
 *   unavailable — every other case, with one identical answer: unknown document, wrong code,
 *              locked (even with the right code). The code hash is computed in every case.
 *
 * Unknown documents and wrong codes count towards the lock-out (lockout.ts); a right code from
 * an office the applicant has not allowed does not (it is not a guess). Each attempt — and each
 * refusal thrown before the decision — is one `retrieval.attempt` audit entry holding the signed
 * request, written in the same transaction as the grant or failure rows.
 */
import { createHash } from 'node:crypto';
import { accessCodeMatches, parseAccessCode, type AccessCode } from '../../../protocol/access-code/index.js';
import { canonicalJsonBytes } from '../../../protocol/encoding/canonical-json.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AccessCodeKey } from './access-code-key.js';
import type { AuditAppender } from './audit-appender.js';
import { markRefusalAudited } from '../audit/refusal-recorder.js';
import type { DocumentLookup, VersionSummary } from './document-lookup.js';
import { GRANT_TTL_MS, type Grant, type GrantStore } from './grants.js';
import { applicationLockKey, type Lockout } from './lockout.js';
import type { GroupCommit } from '../../storage/group-commit.js';
import type { Notifier } from '../notifications/notifier.js';

/** The request body (openapi/exchange.yaml `RetrievalRequest`), already schema-validated. */
export interface RetrievalRequestBody {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly ipRightType: string;
  readonly accessCode: string;
  readonly requestId: string;
}

/** Who asks: the authenticated peer office and its signed request (peer-auth.ts). */
export interface Requester {
  readonly office: string;
  readonly keyId: string;
  /** The SignedRequestRecord, kept in the audit entry. */
  readonly request: object;
}

export type RetrievalDecision =
  | { readonly outcome: 'success'; readonly grant: Grant; readonly document: VersionSummary; readonly logIndex: number }
  | { readonly outcome: 'pending'; readonly grant: Grant; readonly availableFrom: string; readonly retryAfterSeconds: number; readonly logIndex: number }
  | { readonly outcome: 'unavailable'; readonly logIndex: number }
  | { readonly outcome: 'not-allowed'; readonly logIndex: number };

export interface RetrievalDecisionDeps {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly officeCode: string;
  readonly lookup: DocumentLookup;
  readonly grants: GrantStore;
  readonly lockout: Lockout;
  readonly codeKey: AccessCodeKey;
  readonly audit: AuditAppender;
  /** Where the decision's rows and audit entry are committed, grouped with others of the same turn. */
  readonly commits: GroupCommit;
  /** Tells the applicant and the office's systems of each attempt on a known document (issue 12). */
  readonly notify?: Notifier;
}

const MAX_RETRY_AFTER = 31_622_400;
// Compared against when there is no document, so that the work is the same either way.
const NO_HASH = Buffer.alloc(32);

export class RetrievalDecider {
  readonly #d: RetrievalDecisionDeps;

  constructor(deps: RetrievalDecisionDeps) {
    this.#d = deps;
  }

  /**
   * Decides on one request. Throws (after logging the attempt) for requests that say nothing
   * about documents: another office's number, a malformed application number or access code,
   * a reused requestId.
   */
  async decide(requester: Requester, body: RetrievalRequestBody): Promise<RetrievalDecision> {
    let applicationNumber = body.applicationNumberText;
    try {
      if (body.ipOfficeCode !== this.#d.officeCode) {
        throw new IpexError('OFFICE_NOT_THIS_NODE', `this node serves office ${this.#d.officeCode}, not ${body.ipOfficeCode}`);
      }
      applicationNumber = normaliseApplicationNumber(body.ipOfficeCode, body.applicationNumberText).applicationNumberText;
      const code = parseCode(body.accessCode);
      return await this.#d.commits.run(() => this.#decide(requester, body, applicationNumber, code));
    } catch (err) {
      if (err instanceof IpexError) await this.recordRefusal(requester, err, { applicationNumber });
      throw err;
    }
  }

  /** Logs an attempt refused before (or instead of) a decision. */
  recordRefusal(requester: Requester, err: IpexError, subject: { applicationNumber?: string } = {}): Promise<number> {
    markRefusalAudited(err);
    return this.#d.commits.run(() => this.#d.audit.appendInTransaction({
      type: 'retrieval.attempt',
      actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
      subject: { office: requester.office, ...subject },
      outcome: 'refused',
      code: err.code,
      details: { request: requester.request },
    }));
  }

  #decide(requester: Requester, body: RetrievalRequestBody, applicationNumber: string, code: AccessCode): RetrievalDecision {
    const { lookup, grants, lockout, audit, clock } = this.#d;
    const now = clock.now();
    const office = requester.office;
    const requestHash = hashRequest(body, applicationNumber);
    const previous = grants.byRequest(office, body.requestId);
    if (previous !== undefined && previous.requestHash !== requestHash) {
      throw new IpexError('REQUEST_ID_REUSED', `requestId ${body.requestId} was used by ${office} for another request`);
    }
    const actor = { kind: 'peer' as const, office, keyId: requester.keyId };
    const attempt = (outcome: 'ok' | 'pending' | 'refused', subject: Record<string, unknown>, details: Record<string, unknown>): number =>
      audit.appendInTransaction({
        type: 'retrieval.attempt', actor, outcome,
        subject: { office, applicationNumber, ...subject },
        ...(outcome === 'refused' ? { code: 'DOCUMENT_UNAVAILABLE' } : {}),
        details: { requestId: body.requestId, ...details, request: requester.request },
      });
    // The applicant hears of every attempt on their document, in the attempt's transaction (docs/notifications.md).
    const notify = (type: 'document.retrieved' | 'document.retrieval_pending' | 'document.retrieval_refused', documentId: string, logIndex: number, data: Record<string, unknown>): void =>
      this.#d.notify?.emitInTransaction({
        id: `audit-${logIndex}`, type, time: now.toISOString(), applicant: documentId,
        data: { documentId, applicationNumber, office, logIndex, ...data },
      });

    // Idempotency: the same request again returns the same live grant.
    if (previous?.state === 'granted' && Date.parse(previous.expiresAt) > now.getTime()) {
      const document = lookup.summary(previous.documentId, previous.version);
      if (document !== undefined && !document.withdrawn) {
        const logIndex = attempt('ok', { documentId: document.documentId, version: document.version, retrievalId: previous.retrievalId }, { repeated: true });
        notify('document.retrieved', document.documentId, logIndex, { version: document.version, retrievalId: previous.retrievalId });
        return { outcome: 'success', grant: previous, document, logIndex };
      }
    }

    const doc = lookup.findPriority({ office: this.#d.officeCode, applicationNumber, filingDate: body.filingDate, ipRightType: body.ipRightType });
    const lockKey = doc?.documentId ?? applicationLockKey(body.ipRightType, applicationNumber);
    const { key } = this.#d.codeKey.get();
    // Always one HMAC and one constant-time comparison, document or not.
    const codeMatches = accessCodeMatches(code, doc?.codeHash ?? NO_HASH, key) && doc?.codeHash !== undefined;
    const locked = lockout.isLocked(lockKey, office, now);
    const allowed = doc !== undefined && (doc.anyParticipating || doc.allowedOffices.includes(office));

    if (doc === undefined || !codeMatches || !allowed || locked) {
      const reason = locked ? 'locked' : doc === undefined ? 'unknown-document' : !codeMatches ? 'wrong-code' : 'office-not-allowed';
      const counted = reason === 'unknown-document' || reason === 'wrong-code';
      const failure = counted ? lockout.recordFailure(lockKey, office, now, doc?.documentId) : undefined;
      const logIndex = attempt('refused', doc === undefined ? {} : { documentId: doc.documentId }, {
        reason,
        ...(reason === 'office-not-allowed' ? { code: 'OFFICE_NOT_ALLOWED' } : {}),
        ...(failure === undefined ? {} : { failures: failure.failures }),
        ...(failure?.lockedUntil === undefined ? {} : { lockedUntil: failure.lockedUntil }),
      });
      if (doc !== undefined) {
        const lockedUntil = failure?.lockedUntil ?? (locked ? lockout.lockedUntil(lockKey, office) : undefined);
        notify('document.retrieval_refused', doc.documentId, logIndex, { reason, ...(lockedUntil === undefined ? {} : { lockedUntil }) });
      }
      return { outcome: reason === 'office-not-allowed' ? 'not-allowed' : 'unavailable', logIndex };
    }

    lockout.reset(lockKey, office);
    const retrievalId = previous?.retrievalId ?? grants.newId();
    const pending = doc.availableFrom !== null && Date.parse(doc.availableFrom) > now.getTime();
    const subject = { documentId: doc.documentId, version: doc.version, retrievalId };
    const logIndex = attempt(pending ? 'pending' : 'ok', subject, pending ? { availableFrom: doc.availableFrom } : {});
    const grant: Grant = {
      retrievalId, office, requestId: body.requestId, requestHash, kind: 'priority',
      state: pending ? 'pending' : 'granted', documentId: doc.documentId, version: doc.version,
      createdAt: previous?.createdAt ?? now.toISOString(),
      expiresAt: new Date(now.getTime() + GRANT_TTL_MS).toISOString(),
      logIndex,
    };
    grants.save(grant);
    if (pending) {
      const availableFrom = new Date(doc.availableFrom!).toISOString();
      notify('document.retrieval_pending', doc.documentId, logIndex, { version: doc.version, retrievalId, availableFrom });
      const retryAfterSeconds = Math.min(MAX_RETRY_AFTER, Math.max(0, Math.ceil((Date.parse(availableFrom) - now.getTime()) / 1000)));
      return { outcome: 'pending', grant, availableFrom, retryAfterSeconds, logIndex };
    }
    const document = lookup.summary(doc.documentId, doc.version);
    if (document === undefined) throw new IpexError('INTERNAL', `document ${doc.documentId} has no version ${doc.version}`);
    notify('document.retrieved', doc.documentId, logIndex, { version: doc.version, retrievalId });
    return { outcome: 'success', grant, document, logIndex };
  }
}

/**
 * Parses the code as typed. The format of the document is not known yet (and must not be looked
 * up before the answer is decided), but the two formats never overlap: 13 Crockford symbols or
 * 4 hexadecimal characters. A code of the other format than the document's simply never matches.
 */
function parseCode(input: string): AccessCode {
  try {
    return parseAccessCode(input, 'crockford');
  } catch (err) {
    try {
      return parseAccessCode(input, 'das');
    } catch {
      throw err;
    }
  }
}

/** What makes two requests with one requestId "the same" (the access code is deliberately not kept). */
function hashRequest(body: RetrievalRequestBody, applicationNumber: string): string {
  const bytes = canonicalJsonBytes({ applicationNumber, filingDate: body.filingDate, ipOfficeCode: body.ipOfficeCode, ipRightType: body.ipRightType });
  return createHash('sha256').update(bytes).digest('hex');
}
