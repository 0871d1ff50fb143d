/**
 * Showing that a kept search answer is what the peer sent (issue 12; docs/dossiers.md "Kept
 * answers"): from the kept bytes alone — the request as signed and its body, the response's
 * status, Signature, Signature-Input, Content-Digest and body, and the signing certificate the
 * directory listed then — each answered round is checked again:
 *
 * 1. the certificate's SHA-256 is the signature's key id, and it chains to the network root and
 *    binds the answering office, at the time the answer arrived;
 * 2. the response signature verifies with that certificate's key, bound to our request
 *    (RFC 9421 §2.4: `@method`, `@target-uri` and `signature` of the request), judged at the
 *    time the answer arrived;
 * 3. the response body matches its Content-Digest, and the request body ours;
 * 4. the body is a DossierList of that office's documents.
 *
 * A changed byte anywhere fails the answer with the code of the check that caught it.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { IPEX_TAGS, MemoryReplayCache, verifyContentDigest, verifyResponse } from '../../../protocol/http-signatures/index.js';
import { validatePath } from '../../../protocol/pki/path-validation.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { signatureAlgorithmFor } from '../../trust/index.js';
import type { AnswerOutcome } from './peer-answer.js';
import { dossierList } from './peer-answer.js';
import type { KeptAnswer, SearchStore } from './search-store.js';

export interface AnswerCheck {
  ipOfficeCode: string;
  round: number;
  /** `verified`, `failed`, or `not-answered` for a round the peer did not answer (nothing to check). */
  result: 'verified' | 'failed' | 'not-answered';
  outcome: AnswerOutcome;
  code?: string;
  detail?: string;
  keyId?: string;
  receivedAt: string;
}

export interface SearchVerification {
  searchId: string;
  checkedAt: string;
  /** True when every answered round verified. */
  verified: boolean;
  answers: AnswerCheck[];
}

export async function verifyKeptAnswers(context: NodeContext, store: SearchStore, searchId: string): Promise<SearchVerification> {
  store.get(searchId); // NOT_FOUND first
  const answers: AnswerCheck[] = [];
  for (const kept of store.answers(searchId)) {
    const base = { ipOfficeCode: kept.office, round: kept.round, outcome: kept.outcome, receivedAt: kept.receivedAt };
    if (kept.outcome !== 'answered') {
      answers.push({ ...base, result: 'not-answered', ...(kept.code === null ? {} : { code: kept.code }) });
      continue;
    }
    try {
      await verifyAnswer(context, kept);
      answers.push({ ...base, result: 'verified', keyId: kept.keyId! });
    } catch (err) {
      const e = isIpexError(err) ? err : new IpexError('INTERNAL', (err as Error).message);
      answers.push({ ...base, result: 'failed', code: e.code, detail: e.message.slice(0, 500), ...(kept.keyId === null ? {} : { keyId: kept.keyId }) });
    }
  }
  return { searchId, checkedAt: context.clock.now().toISOString(), verified: answers.every((a) => a.result !== 'failed'), answers };
}

async function verifyAnswer(context: NodeContext, kept: KeptAnswer): Promise<void> {
  const { request, requestBody, response, keyId, certificate } = kept;
  if (request === null || requestBody === null || response === null || keyId === null || certificate === null) {
    throw new IpexError('SIGNATURE_MISSING', `the kept answer of ${kept.office} (round ${kept.round}) lacks its request, response or certificate`);
  }
  const at = new Date(kept.receivedAt);
  if (createHash('sha256').update(certificate).digest('hex') !== keyId) {
    throw new IpexError('SIGNATURE_INVALID', `the kept certificate of ${kept.office} is not the one of key id ${keyId}`);
  }
  await validatePath({ leaf: certificate, trustAnchors: context.store.trustAnchors(), purpose: 'signing', at, officeCode: kept.office, requireCrl: false });
  const publicKey = new X509Certificate(certificate).publicKey;
  const alg = signatureAlgorithmFor(publicKey);
  if (alg === undefined) throw new IpexError('SIGNATURE_INVALID', `the signing key of ${kept.office} has no RFC 9421 algorithm`);
  if (request.contentDigest === undefined) throw new IpexError('DIGEST_MISMATCH', 'the kept request has no Content-Digest');
  verifyContentDigest(request.contentDigest, requestBody);
  verifyResponse(
    {
      status: response.status,
      headers: { signature: response.signature, 'signature-input': response.signatureInput, 'content-digest': response.contentDigest, 'content-type': response.contentType },
      body: response.body,
    },
    {
      method: request.method,
      url: request.targetUri,
      headers: { signature: request.signature, 'signature-input': request.signatureInput, 'content-digest': request.contentDigest },
    },
    {
      resolveKey: (id) => (id === keyId ? { publicKey, alg } : undefined),
      clock: { now: () => at },
      replayCache: new MemoryReplayCache(),
      expectedTag: IPEX_TAGS.exchangeResponse,
    },
  );
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch (err) {
    throw new IpexError('PEER_RESPONSE_INVALID', `the kept answer of ${kept.office} is not JSON`, { cause: err });
  }
  dossierList(body, kept.office);
}
