/**
 * Receipts from accessing offices (docs/design.md §4 "Receipts"; format in docs/exchange.md §4 and
 * openapi/exchange.yaml, checked by receipt-format.ts): a compact JWS with protected header exactly
 * `{alg, typ: 'ipex-receipt+json', x5c}` over the canonical JSON of
 * `{retrievalId, documentId, version, parts, receivedAt}`.
 *
 * The x5c leaf is a claim, checked against the directory (trust.verifyPeerCertificate, use
 * signing, bound to the requesting office); `alg` must fit that key. The receipt must name this
 * grant's document, version and exactly its parts with their digests. One receipt per grant:
 * a repeated (or re-signed) receipt returns the first one's log entry and stores nothing new.
 */
import { algorithmsForKey, type ManifestAlg } from '../../../protocol/certification/index.js';
import { compactVerify } from '../../../protocol/certification/jws-verify.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { TrustService } from '../../trust/index.js';
import type { AuditAppender } from './audit-appender.js';
import type { DocumentLookup } from './document-lookup.js';
import type { GrantStore } from './grants.js';
import type { Requester } from './retrieval-decision.js';
import { readReceiptHeader, readReceiptPayload, type ReceiptPayload } from './receipt-format.js';
import type { Notifier } from '../notifications/notifier.js';

export interface ReceiptServiceDeps {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly trust: TrustService;
  readonly grants: GrantStore;
  readonly lookup: DocumentLookup;
  readonly audit: AuditAppender;
  /** Tells the office's systems that a receipt confirmed a retrieval (issue 12). */
  readonly notify?: Notifier;
}

export class ReceiptService {
  readonly #d: ReceiptServiceDeps;

  constructor(deps: ReceiptServiceDeps) {
    this.#d = deps;
  }

  /** Verifies and logs a receipt; returns the audit index of `receipt.received` (the first one's on a repeat). */
  async accept(requester: Requester, retrievalId: string, jws: string): Promise<{ logIndex: number; repeated: boolean }> {
    const { grants, db } = this.#d;
    const grant = grants.byId(retrievalId);
    // An expired grant may still be confirmed; another office's, or a pending one, may not.
    if (grant === undefined || grant.office !== requester.office || grant.state !== 'granted') {
      throw new IpexError('RETRIEVAL_NOT_FOUND', `retrieval ${retrievalId} was not granted to office ${requester.office}`);
    }
    const stored = this.#stored(retrievalId);
    if (stored !== undefined && stored.receipt_jws === jws) return { logIndex: stored.log_index, repeated: true };

    const { payload, signerSha256 } = await this.#verify(jws, requester.office);
    const version = this.#d.lookup.version(grant.documentId, grant.version);
    if (payload.retrievalId !== retrievalId || payload.documentId !== grant.documentId || payload.version !== grant.version
      || version === undefined || !sameParts(payload.parts, version.parts)) {
      throw new IpexError('RECEIPT_MISMATCH', `the receipt does not match retrieval ${retrievalId} (${grant.documentId} v${grant.version})`);
    }
    return db.transaction(() => {
      const again = this.#stored(retrievalId);
      if (again !== undefined) return { logIndex: again.log_index, repeated: true };
      const logIndex = this.#d.audit.appendInTransaction({
        type: 'receipt.received',
        actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
        subject: { documentId: grant.documentId, version: grant.version, retrievalId, office: requester.office },
        outcome: 'ok',
        details: { receivedAt: payload.receivedAt, signer: signerSha256, parts: payload.parts.length, request: requester.request },
      });
      db.prepare(`INSERT INTO receipts (retrieval_id, office, document_id, version, receipt_jws, signer_sha256, received_at, logged_at, log_index)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(retrievalId, requester.office, grant.documentId, grant.version, jws, signerSha256,
        payload.receivedAt, this.#d.clock.now().toISOString(), logIndex);
      this.#d.notify?.emitInTransaction({
        id: `audit-${logIndex}`, type: 'receipt.received', time: this.#d.clock.now().toISOString(),
        data: { documentId: grant.documentId, version: grant.version, office: requester.office, retrievalId, receivedAt: payload.receivedAt, logIndex },
      });
      return { logIndex, repeated: false };
    }).immediate();
  }

  #stored(retrievalId: string): { receipt_jws: string; log_index: number } | undefined {
    return this.#d.db.prepare('SELECT receipt_jws, log_index FROM receipts WHERE retrieval_id = ?').get(retrievalId) as
      { receipt_jws: string; log_index: number } | undefined;
  }

  async #verify(jws: string, office: string): Promise<{ payload: ReceiptPayload; signerSha256: string }> {
    const header = readReceiptHeader(jws);
    const [leaf, ...intermediates] = header.x5c.map((c) => Buffer.from(c, 'base64'));
    // The x5c is a claim: path validation, revocation, office binding and the directory listing decide.
    // A refused certificate is a bad receipt, not a failed authentication of the request (401).
    let signer;
    try {
      signer = await this.#d.trust.verifyPeerCertificate(leaf!, { use: 'signing', purpose: 'signing', officeCode: office, intermediates });
    } catch (err) {
      if (!(err instanceof IpexError)) throw err;
      throw new IpexError('RECEIPT_INVALID', `the receipt is refused: its signing certificate is not acceptable (${err.code}: ${err.message})`, { cause: err });
    }
    const alg = header.alg;
    if (!(algorithmsForKey(signer.publicKey) as string[]).includes(alg)) {
      throw new IpexError('RECEIPT_INVALID', 'the receipt is refused: its alg does not fit the signing key');
    }
    let bytes: Uint8Array;
    try {
      ({ payload: bytes } = compactVerify(jws, signer.publicKey, [alg as ManifestAlg]));
    } catch (err) {
      throw new IpexError('RECEIPT_INVALID', 'receipt signature verification failed', { cause: err, publicDetail: 'receipt signature verification failed' });
    }
    return { payload: readReceiptPayload(bytes), signerSha256: signer.sha256 };
  }
}

function sameParts(claimed: ReceiptPayload['parts'], actual: readonly { name: string; sha256: string }[]): boolean {
  if (claimed.length !== actual.length) return false;
  const want = new Map(actual.map((p) => [p.name, p.sha256]));
  const seen = new Set<string>();
  for (const p of claimed) {
    if (seen.has(p.name) || want.get(p.name) !== p.sha256) return false;
    seen.add(p.name);
  }
  return true;
}


