/**
 * The signed receipt an accessing office sends after it verified a retrieved document
 * (docs/design.md §4 "Receipts"; the format is docs/exchange.md §4 and the `ReceiptProtectedHeader`
 * and `ReceiptPayload` schemas of openapi/exchange.yaml): a compact JWS (RFC 7515 §7.1) over the
 * RFC 8785 canonical JSON of `{retrievalId, documentId, version, parts: [{name, sha256}],
 * receivedAt}`, protected header exactly `{alg, typ: 'ipex-receipt+json', x5c: [signing
 * certificate]}`. The depositing office checks the x5c leaf against the directory (it is a claim,
 * not trust) and logs the receipt.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { canonicalJsonBytes } from '../encoding/canonical-json.js';
import { compactSign } from '../certification/jws-sign.js';
import { algorithmsForKey } from '../certification/signer.js';

/** The JWS `typ` of a receipt. */
export const RECEIPT_JWS_TYPE = 'ipex-receipt+json';

/** What a receipt confirms. */
export interface ReceiptPayload {
  readonly retrievalId: string;
  readonly documentId: string;
  readonly version: number;
  /** Every part received and verified, with its SHA-256 (lower-case hex). */
  readonly parts: readonly { readonly name: string; readonly sha256: string }[];
  /** RFC 3339 UTC instant (`…Z`) at which the copy was verified and stored; ipex writes `Date#toISOString`. */
  readonly receivedAt: string;
}

export interface SignReceiptOptions {
  /** The office signing key (ECDSA or RSA, as for manifests). */
  readonly privateKey: KeyObject;
  /** DER of the signing certificate (then any intermediates). */
  readonly chain: readonly Uint8Array[];
}

/**
 * Signs a receipt. The payload is copied member by member, so nothing else slips in.
 *
 * @example const jws = await signReceipt({ retrievalId, documentId, version: 1, parts, receivedAt }, { privateKey, chain: [der] });
 */
export async function signReceipt(payload: ReceiptPayload, options: SignReceiptOptions): Promise<string> {
  const alg = algorithmsForKey(options.privateKey)[0];
  if (alg === undefined) throw new IpexError('INVALID_INPUT', 'the signing key is not ECDSA P-256/P-384 or RSA of at least 2048 bits');
  if (options.chain.length === 0) throw new IpexError('INVALID_INPUT', 'the certificate chain is empty');
  if (!Number.isSafeInteger(payload.version) || payload.version < 1) throw new IpexError('INVALID_INPUT', 'the version is not a positive integer');
  const body = {
    retrievalId: payload.retrievalId,
    documentId: payload.documentId,
    version: payload.version,
    parts: payload.parts.map((p) => ({ name: p.name, sha256: p.sha256 })),
    receivedAt: payload.receivedAt,
  };
  return compactSign(canonicalJsonBytes(body), alg, RECEIPT_JWS_TYPE, options.chain, options.privateKey);
}
