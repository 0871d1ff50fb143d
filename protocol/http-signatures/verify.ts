/**
 * Verifying RFC 9421 message signatures (§3.2) in the ipex profile. Parsing, verification and
 * policy stay apart: a malformed header is SIGNATURE_MALFORMED, a policy failure (window,
 * coverage, replay) has its own code, and a failed signature is SIGNATURE_INVALID whose public
 * detail is only "Signature verification failed"; the reason stays in `message` for the log.
 *
 * Order of checks, cheapest and least revealing first: presence, syntax, profile parameters,
 * coverage, time window, key, signature, Content-Digest, and last the replay cache — so only
 * signatures that verified ever take a place in it.
 */
import { IpexError } from '../errors/index.js';
import type { Clock } from '../runtime/clock.js';
import { verifyBase, isSignatureAlgorithm } from './algorithms.js';
import { componentIdentifier, defaultRequestComponents, defaultResponseComponents, hasContent, type ComponentId } from './components.js';
import { verifyContentDigest } from './content-digest.js';
import { ComponentError, fieldValue, type HeaderMap, type HttpRequestMessage, type HttpResponseMessage } from './message.js';
import {
  DEFAULT_MAX_AGE_SECONDS,
  DEFAULT_MAX_FUTURE_SKEW_SECONDS,
  IPEX_SIGNATURE_LABEL,
} from './profile.js';
import type { ReplayCache } from './replay-cache.js';
import { buildSignatureBase, type SignedMessage } from './signature-base.js';
import { selectSignature, type SelectedSignature } from './signature-input.js';
import type { ResolvedKey } from './key-resolver.js';

export interface VerifyOptions {
  /** The key and algorithm registered for a key id (directory, certificate); undefined if unknown. */
  readonly resolveKey: (keyId: string) => ResolvedKey | undefined;
  readonly clock: Clock;
  /** Where nonces are remembered; it must judge expiry on the same clock as `clock`. */
  readonly replayCache: ReplayCache;
  /** Oldest acceptable `created`, in seconds before now (default 300). */
  readonly maxAgeSeconds?: number;
  /** Newest acceptable `created`, in seconds after now (default 60). */
  readonly maxFutureSkewSeconds?: number;
  /** Components the signature must cover; defaults to the ipex profile. */
  readonly requiredComponents?: readonly ComponentId[];
  /** The `tag` the signature must carry; selects the signature when there are several. */
  readonly expectedTag?: string;
}

export interface VerifyResponseOptions extends VerifyOptions {
  /** Label of the request's own signature that the response must bind (default `ipex`). */
  readonly requestLabel?: string;
}

/** What a verified signature establishes. */
export interface VerifiedSignature {
  readonly label: string;
  readonly keyId: string;
  readonly alg: ResolvedKey['alg'];
  readonly created: Date;
  readonly nonce: string;
  readonly tag?: string;
  /** Covered components as serialised identifiers, e.g. `"@method"`, `"signature";req;key="ipex"`. */
  readonly coveredComponents: readonly string[];
}

/**
 * Verifies the signature of a request. When `request.body` is given, its Content-Digest is
 * checked too; for a streamed body, check the digest with verifyContentDigest once streamed.
 */
export function verifyRequest(request: HttpRequestMessage, options: VerifyOptions): VerifiedSignature {
  const required = options.requiredComponents ?? defaultRequestComponents(hasContent(request.headers, request.body));
  return verifyMessage({ kind: 'request', request }, request.headers, request.body, required, options);
}

/** Verifies the signature of a response to `request` (which holds the request's Signature). */
export function verifyResponse(
  response: HttpResponseMessage,
  request: HttpRequestMessage,
  options: VerifyResponseOptions,
): VerifiedSignature {
  const required =
    options.requiredComponents ??
    defaultResponseComponents(hasContent(response.headers, response.body), options.requestLabel ?? IPEX_SIGNATURE_LABEL);
  return verifyMessage({ kind: 'response', response, request }, response.headers, response.body, required, options);
}

/**
 * The checks of {@link verifyRequest} that need no key — presence, syntax, tag, parameters,
 * coverage and time window, in that order — returning the signature they selected. A server
 * runs them before it looks a key id up, so that a request that fails them costs no key lookup
 * and is refused in the documented order (docs/message-signatures.md "Verification, in order").
 */
export function checkRequestSignature(request: HttpRequestMessage, options: VerifyOptions): CheckedSignature {
  const required = options.requiredComponents ?? defaultRequestComponents(hasContent(request.headers, request.body));
  return checkWithoutKey(request.headers, required, options);
}

/** A signature that passed the checks of {@link checkRequestSignature}: the key id to look up. */
export interface CheckedSignature {
  readonly keyId: string;
  readonly selected: SelectedSignature;
  readonly covered: readonly string[];
}

/**
 * The rest of {@link verifyRequest} for a request whose signature {@link checkRequestSignature}
 * has checked (with the same options and the same message), without checking it again: key,
 * signature, Content-Digest, replay. A server verifies each request signature once.
 */
export function verifyCheckedRequest(request: HttpRequestMessage, checked: CheckedSignature, options: VerifyOptions): VerifiedSignature {
  return verifyChecked({ kind: 'request', request }, request.headers, request.body, checked, options);
}

function checkWithoutKey(headers: HeaderMap, required: readonly ComponentId[], options: VerifyOptions): CheckedSignature {
  const selected = selectSignature(
    safeField(headers, 'signature-input'),
    safeField(headers, 'signature'),
    options.expectedTag,
  );
  const covered = selected.input.items.map((item) => componentIdentifier(item));
  const missing = required.map(componentIdentifier).filter((id) => !covered.includes(id));
  if (missing.length > 0) {
    throw new IpexError('SIGNATURE_COMPONENTS_MISSING', `the signature does not cover ${missing.join(', ')}`);
  }
  checkWindow(selected, options);
  return { keyId: selected.keyId, selected, covered };
}

function verifyMessage(
  message: SignedMessage,
  headers: HeaderMap,
  body: Uint8Array | undefined,
  required: readonly ComponentId[],
  options: VerifyOptions,
): VerifiedSignature {
  return verifyChecked(message, headers, body, checkWithoutKey(headers, required, options), options);
}

function verifyChecked(
  message: SignedMessage,
  headers: HeaderMap,
  body: Uint8Array | undefined,
  { selected, covered }: CheckedSignature,
  options: VerifyOptions,
): VerifiedSignature {
  const key = options.resolveKey(selected.keyId);
  if (key === undefined || !isSignatureAlgorithm(key.alg)) invalid(`unknown key id ${JSON.stringify(selected.keyId)}`);
  if (selected.alg !== undefined && selected.alg !== key.alg) {
    invalid(`alg ${JSON.stringify(selected.alg)} differs from the registered ${key.alg}`);
  }
  let base: string;
  try {
    base = buildSignatureBase(selected.input, message);
  } catch (err) {
    if (!(err instanceof ComponentError)) throw err;
    if (err.reason === 'absent') invalid(err.message);
    throw new IpexError('SIGNATURE_MALFORMED', err.message, { cause: err });
  }
  if (!verifyBase(key.alg, key.publicKey, Buffer.from(base, 'utf8'), selected.signature)) {
    invalid(`the ${key.alg} signature does not verify with key ${selected.keyId}`);
  }

  if (body !== undefined) verifyContentDigest(safeField(headers, 'content-digest'), body);

  const expiresAt = new Date(selected.created.getTime() + maxAge(options) * 1000);
  if (!options.replayCache.checkAndRemember(selected.keyId, selected.nonce, expiresAt)) {
    throw new IpexError('SIGNATURE_REPLAYED', `nonce of key ${selected.keyId} was already used`);
  }
  return {
    label: selected.label,
    keyId: selected.keyId,
    alg: key.alg,
    created: selected.created,
    nonce: selected.nonce,
    ...(selected.tag === undefined ? {} : { tag: selected.tag }),
    coveredComponents: covered,
  };
}

function checkWindow(selected: SelectedSignature, options: VerifyOptions): void {
  const now = options.clock.now().getTime();
  const created = selected.created.getTime();
  if (created < now - maxAge(options) * 1000) {
    throw new IpexError('SIGNATURE_EXPIRED', `created ${selected.created.toISOString()} is too old`);
  }
  const skew = options.maxFutureSkewSeconds ?? DEFAULT_MAX_FUTURE_SKEW_SECONDS;
  if (created > now + skew * 1000) {
    throw new IpexError('SIGNATURE_EXPIRED', `created ${selected.created.toISOString()} is in the future`);
  }
  if (selected.expires !== undefined && selected.expires.getTime() <= now) {
    throw new IpexError('SIGNATURE_EXPIRED', `the signature expired at ${selected.expires.toISOString()}`);
  }
}

function maxAge(options: VerifyOptions): number {
  return options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
}

function safeField(headers: HeaderMap, name: string): string | undefined {
  try {
    return fieldValue(headers, name);
  } catch (err) {
    if (err instanceof ComponentError) throw new IpexError('SIGNATURE_MALFORMED', err.message, { cause: err });
    throw err;
  }
}

function invalid(detail: string): never {
  throw new IpexError('SIGNATURE_INVALID', `signature verification failed: ${detail}`);
}
