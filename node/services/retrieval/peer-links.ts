/**
 * Reading a peer's retrieval answer (openapi/exchange.yaml RetrievalSuccess / RetrievalPending).
 * Every field is attacker-controlled: links are resolved against the peer's exchange URL from
 * the directory and must stay on that origin (a link elsewhere would make this node send signed
 * requests to a third party); identifiers and digests must have their documented shapes.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { exchangeApiBase } from '../../../protocol/exchange-client/exchange-url.js';
import type { components } from '../../../protocol/generated/exchange.js';

export type RetrievalSuccess = components['schemas']['RetrievalSuccess'];
export type RetrievalPending = components['schemas']['RetrievalPending'];
export type RetrievedDocument = components['schemas']['RetrievedDocument'];

const IDENTIFIER = /^[A-Za-z0-9_-]{8,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The base of a peer's exchange API, from its directory entry. */
export function exchangeBase(exchangeUrl: string): string {
  return exchangeApiBase(exchangeUrl);
}

/** Resolves a link from the peer against `base`; PEER_RESPONSE_INVALID when it leaves the peer's origin. */
export function peerLink(base: string, ref: string): string {
  let url: URL;
  try {
    url = new URL(ref, `${base}/`);
  } catch (err) {
    throw invalid(`link ${JSON.stringify(ref.slice(0, 80))} is not a URL`, err);
  }
  if (url.origin !== new URL(base).origin || url.protocol !== 'https:') {
    throw invalid(`link ${JSON.stringify(ref.slice(0, 80))} points away from the peer's exchange URL`);
  }
  url.hash = '';
  return url.href;
}

/** Checks the parts of a 200 answer that this node relies on. */
export function checkSuccess(value: unknown): RetrievalSuccess {
  const v = value as Partial<RetrievalSuccess> | null;
  if (typeof v !== 'object' || v === null || v.outcome !== 'success') throw invalid('the 200 answer is not a RetrievalSuccess');
  if (typeof v.retrievalId !== 'string' || !IDENTIFIER.test(v.retrievalId)) throw invalid('retrievalId is not an identifier');
  const d = v.document as Partial<RetrievedDocument> | undefined;
  if (typeof d !== 'object' || d === null || typeof d.documentId !== 'string' || !Number.isSafeInteger(d.version)) {
    throw invalid('document is missing its documentId or version');
  }
  if (typeof d.manifestUrl !== 'string' || !Array.isArray(d.parts) || d.parts.length === 0 || d.parts.length > 1000) {
    throw invalid('document is missing its manifestUrl or parts');
  }
  for (const p of d.parts) {
    if (typeof p?.name !== 'string' || typeof p.url !== 'string' || typeof p.sha256 !== 'string' || !SHA256.test(p.sha256) ||
      !Number.isSafeInteger(p.size) || p.size < 0) {
      throw invalid('a part is missing its name, url, size or sha256');
    }
  }
  const index = (v.logEntry as { index?: unknown } | undefined)?.index;
  if (!Number.isSafeInteger(index)) throw invalid('logEntry.index is missing');
  return v as RetrievalSuccess;
}

/** Checks a 202 answer. */
export function checkPending(value: unknown): RetrievalPending {
  const v = value as Partial<RetrievalPending> | null;
  if (typeof v !== 'object' || v === null || v.outcome !== 'pending') throw invalid('the 202 answer is not a RetrievalPending');
  if (typeof v.retrievalId !== 'string' || !IDENTIFIER.test(v.retrievalId)) throw invalid('retrievalId is not an identifier');
  if (!Number.isSafeInteger(v.retryAfterSeconds) || (v.retryAfterSeconds as number) < 0) throw invalid('retryAfterSeconds is missing');
  if (v.availableFrom !== undefined && Number.isNaN(Date.parse(v.availableFrom))) throw invalid('availableFrom is not a date-time');
  return v as RetrievalPending;
}

function invalid(why: string, cause?: unknown): IpexError {
  return new IpexError('PEER_RESPONSE_INVALID', `the peer's retrieval answer is invalid: ${why}`, cause === undefined ? {} : { cause });
}
