/**
 * The ipex profile of HTTP Message Signatures (RFC 9421) — the choices that RFC leaves to
 * applications (§1.4), so another office can implement them from docs/message-signatures.md.
 */
import type { RandomSource } from '../runtime/clock.js';

/** Signature label used in Signature-Input / Signature by ipex nodes. */
export const IPEX_SIGNATURE_LABEL = 'ipex';

/** `tag` values (RFC 9421 §2.3): which ipex message a signature is for. */
export const IPEX_TAGS = Object.freeze({
  /** A request from one office's node to another's exchange API. */
  exchangeRequest: 'ipex-exchange-v1',
  /** A response that carries a decision, bound to its request. */
  exchangeResponse: 'ipex-exchange-response-v1',
});

/** How far in the past `created` may lie (seconds). */
export const DEFAULT_MAX_AGE_SECONDS = 300;
/** How far in the future `created` may lie, for clock skew (seconds). */
export const DEFAULT_MAX_FUTURE_SKEW_SECONDS = 60;

/** Random bytes in a nonce; base64url gives 22 characters. */
export const NONCE_BYTES = 16;
/** Bounds on a received nonce's length, in characters. */
export const NONCE_MIN_LENGTH = 16;
export const NONCE_MAX_LENGTH = 128;
/** Bound on a received key id's length, in characters. */
export const KEYID_MAX_LENGTH = 256;

/** A fresh nonce: 16 random bytes, base64url without padding. */
export function generateNonce(random: RandomSource): string {
  return random.bytes(NONCE_BYTES).toString('base64url');
}
