/**
 * How a verifier finds the key of a signature: by key id, from what it already trusts (the
 * signed directory, the peer's certificate), with the algorithm registered for that key. The
 * message's own `alg` parameter is never what chooses (RFC 9421 §3.2 step 6, §7.3.6).
 */
import type { KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from './algorithms.js';

/** A public key and the one algorithm it may be used with. */
export interface ResolvedKey {
  readonly publicKey: KeyObject;
  readonly alg: SignatureAlgorithm;
}

/** Looks up a key id; undefined when the key is unknown or no longer trusted. */
export type KeyResolver = (keyId: string) => ResolvedKey | undefined;

/** A resolver over a fixed table; for tests and for a directory loaded in memory. */
export function staticKeyResolver(keys: Readonly<Record<string, ResolvedKey>>): KeyResolver {
  return (keyId) => (Object.prototype.hasOwnProperty.call(keys, keyId) ? keys[keyId] : undefined);
}
