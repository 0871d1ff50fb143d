/**
 * Decision responses of the exchange API, signed and bound to the request (docs/design.md §4;
 * RFC 9421 §2.4, profile in docs/message-signatures.md): the signature covers `@status`,
 * `content-digest` and the request's `@method`, `@target-uri` and `signature`, so the accessing
 * office holds a non-repudiable answer to exactly the request it signed.
 *
 * The body is serialised once; `res.json` writes the same bytes (JSON.stringify, no spacing),
 * so the response validator still sees the object and the digest matches what leaves the node.
 */
import type { KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import { IPEX_TAGS, generateNonce, signResponse, type SignatureAlgorithm } from '../../../protocol/http-signatures/index.js';
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { signatureAlgorithmFor } from '../../trust/index.js';
import { peerOf } from './peer-auth.js';

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
export function sendSignedJson(context: NodeContext, req: Request, res: Response, status: number, body: unknown, options: SignedJsonOptions = {}): void {
  const { identity, clock } = context;
  const alg = algorithmOf(identity.signing.privateKey);
  if (alg === undefined) throw new IpexError('INTERNAL', 'the office signing key has no message-signature algorithm');
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const peer = peerOf(res);
  const headers = signResponse(
    { status, headers: {}, body: bytes },
    { method: req.method, url: peer.request.targetUri, headers: req.headers },
    {
      keyId: identity.signing.sha256,
      privateKey: identity.signing.privateKey,
      alg,
      created: clock.now(),
      nonce: generateNonce(options.random ?? systemRandom),
      tag: IPEX_TAGS.exchangeResponse,
    },
  );
  res.status(status);
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Type', options.contentType ?? 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  res.json(body);
}
