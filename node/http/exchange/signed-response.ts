/**
 * Decision responses of the exchange API, signed and bound to the request (docs/design.md §4;
 * RFC 9421 §2.4, profile in docs/message-signatures.md): the signature covers `@status`,
 * `content-digest` and the request's `@method`, `@target-uri` and `signature`, so the accessing
 * office holds a non-repudiable answer to exactly the request it signed.
 *
 * The body is serialised once and those bytes are sent (exchange-reply.ts); the response
 * validator still sees the object, and the digest matches what leaves the node.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import { IPEX_TAGS, generateNonce, signResponse, type SignatureAlgorithm } from '../../../protocol/http-signatures/index.js';
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { signatureAlgorithmFor } from '../../trust/index.js';
import { peerOf, type ExchangeCall } from './exchange-call.js';
import { replyJson } from './exchange-reply.js';

export interface SignedJsonOptions {
  /** Default `application/json`; problems use `application/problem+json`. */
  readonly contentType?: string;
  /** More header fields, set before signing (they are not covered). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly random?: RandomSource;
}

const algorithms = new WeakMap<KeyObject, SignatureAlgorithm | undefined>();

/** The message-signature algorithm of the office key, read from the key once. */
function algorithmOf(key: KeyObject): SignatureAlgorithm | undefined {
  if (!algorithms.has(key)) algorithms.set(key, signatureAlgorithmFor(key));
  return algorithms.get(key);
}

/** Sends `body` as JSON with `status`, signed with this office's signing key and bound to the request. */
export function sendSignedJson(context: NodeContext, call: ExchangeCall, status: number, body: unknown, options: SignedJsonOptions = {}): void {
  const { identity, clock } = context;
  const alg = algorithmOf(identity.signing.privateKey);
  if (alg === undefined) throw new IpexError('INTERNAL', 'the office signing key has no message-signature algorithm');
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const peer = peerOf(call);
  const headers = signResponse(
    { status, headers: {}, body: bytes },
    { method: call.method, url: peer.request.targetUri, headers: call.headers },
    {
      keyId: identity.signing.sha256,
      privateKey: identity.signing.privateKey,
      alg,
      created: clock.now(),
      nonce: generateNonce(options.random ?? systemRandom),
      tag: IPEX_TAGS.exchangeResponse,
    },
  );
  const fields: Record<string, string> = { ...options.headers, 'Cache-Control': 'no-store' };
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) fields[name] = value;
  replyJson(call, status, body, { contentType: options.contentType ?? 'application/json', headers: fields, bytes });
}
