/**
 * Signing HTTP requests and responses with RFC 9421 message signatures (§3.1) and RFC 9530
 * Content-Digest, in the ipex profile (see `profile.ts`): parameters `created`, `keyid`, `nonce`
 * and `tag`; a body is bound through `content-digest`.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { signBase, keyFitsAlgorithm, type SignatureAlgorithm } from './algorithms.js';
import {
  componentItem,
  defaultRequestComponents,
  defaultResponseComponents,
  hasContent,
  type ComponentId,
} from './components.js';
import { contentDigest } from './content-digest.js';
import { withHeaders, type HttpRequestMessage, type HttpResponseMessage } from './message.js';
import { IPEX_SIGNATURE_LABEL } from './profile.js';
import { buildSignatureBase, type SignedMessage } from './signature-base.js';
import { serialiseDictionary } from './structured-fields-serialise.js';
import { sfBytes, type BareItem, type InnerList } from './structured-fields.js';

export interface SignOptions {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  /** The algorithm registered for this key; must fit the key. */
  readonly alg: SignatureAlgorithm;
  readonly created: Date;
  /** A fresh nonce (see generateNonce). */
  readonly nonce: string;
  /** The profile tag, e.g. IPEX_TAGS.exchangeRequest. */
  readonly tag: string;
  /** Covered components; defaults to the ipex profile. content-digest is added when there is content. */
  readonly components?: readonly ComponentId[];
  /** Signature label (default `ipex`). */
  readonly label?: string;
}

export interface SignResponseOptions extends SignOptions {
  /** Label of the request's signature that the response binds to (default `ipex`). */
  readonly requestLabel?: string;
}

/** Header fields to add to the signed message (a type alias, so it spreads into a HeaderMap). */
export type SignatureHeaders = {
  readonly 'Signature-Input': string;
  readonly Signature: string;
  readonly 'Content-Digest'?: string;
};

/**
 * Signs a request. With a body, `Content-Digest` (sha-256) is computed and returned; for a
 * streamed body, compute it first (createContentDigester) and put it in `headers`.
 *
 * @throws IpexError INVALID_INPUT when the key does not fit `alg`, a parameter cannot be
 *   serialised, or a covered component is absent from the request.
 */
export function signRequest(request: HttpRequestMessage, options: SignOptions): SignatureHeaders {
  const digest = request.body !== undefined ? contentDigest(request.body) : undefined;
  const headers = digest === undefined ? request.headers : withHeaders(request.headers, { 'Content-Digest': digest });
  const components = withDigest(options.components ?? defaultRequestComponents(false), hasContent(headers, request.body));
  const signed: SignedMessage = { kind: 'request', request: { ...request, headers } };
  return sign(signed, components, options, digest);
}

/**
 * Signs a response bound to `request` (RFC 9421 §2.4): by default it covers `@status`,
 * `content-digest`, and the request's `@method`, `@target-uri` and `signature` (`;req`).
 */
export function signResponse(
  response: HttpResponseMessage,
  request: HttpRequestMessage,
  options: SignResponseOptions,
): SignatureHeaders {
  const digest = response.body !== undefined ? contentDigest(response.body) : undefined;
  const headers = digest === undefined ? response.headers : withHeaders(response.headers, { 'Content-Digest': digest });
  const withContent = hasContent(headers, response.body);
  const components = withDigest(options.components ?? defaultResponseComponents(false, options.requestLabel), withContent);
  const signed: SignedMessage = { kind: 'response', response: { ...response, headers }, request };
  return sign(signed, components, options, digest);
}

function withDigest(components: readonly ComponentId[], withContent: boolean): readonly ComponentId[] {
  if (!withContent || components.some((c) => c === 'content-digest')) return components;
  // Right after @status in a response, else last; the order only has to be stable.
  if (components[0] !== '@status') return [...components, 'content-digest'];
  return [components[0], 'content-digest', ...components.slice(1)];
}

function sign(
  message: SignedMessage,
  components: readonly ComponentId[],
  options: SignOptions,
  digest: string | undefined,
): SignatureHeaders {
  if (!keyFitsAlgorithm(options.alg, options.privateKey) || options.privateKey.type !== 'private') {
    throw new IpexError('INVALID_INPUT', `the signing key does not fit ${String(options.alg)}`);
  }
  const label = options.label ?? IPEX_SIGNATURE_LABEL;
  const params = new Map<string, BareItem>([
    ['created', { type: 'integer', value: Math.floor(options.created.getTime() / 1000) }],
    ['keyid', { type: 'string', value: options.keyId }],
    ['nonce', { type: 'string', value: options.nonce }],
    ['tag', { type: 'string', value: options.tag }],
  ]);
  const input: InnerList = { kind: 'inner-list', items: components.map(componentItem), params };
  let base: string;
  let signatureInput: string;
  try {
    base = buildSignatureBase(input, message);
    signatureInput = serialiseDictionary(new Map([[label, input]]));
  } catch (err) {
    throw new IpexError('INVALID_INPUT', `cannot sign: ${(err as Error).message}`, { cause: err });
  }
  const signature = signBase(options.alg, options.privateKey, Buffer.from(base, 'utf8'));
  const out = {
    'Signature-Input': signatureInput,
    Signature: serialiseDictionary(new Map([[label, sfBytes(signature)]])),
  };
  return digest === undefined ? out : { ...out, 'Content-Digest': digest };
}
