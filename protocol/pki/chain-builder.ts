/**
 * Building a certification path from a leaf to a trust anchor (RFC 5280 §6.1, RFC 4158).
 * Building is not a trust decision on its own: each step matches the issuer by exact DER name
 * AND verifies the child's signature with the candidate's key under the algorithm allowlist,
 * and the path ends only at a certificate whose DER equals one of the trust anchors.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { checkSignature } from './cert-algorithms.js';
import type { ParsedCertificate } from './cert-input.js';
import { sameBytes } from './der.js';

/** Longest path accepted (leaf, intermediates, anchor); guards against loops and floods. */
export const MAX_PATH_LENGTH = 6;

/** True when `cert` DER-equals one of the anchors. */
export function isAnchor(cert: ParsedCertificate, anchors: readonly ParsedCertificate[]): boolean {
  return anchors.some((anchor) => sameBytes(anchor.der, cert.der));
}

/** True when the certificate names itself as issuer and its signature verifies with its own key. */
export function isSelfSigned(cert: ParsedCertificate): boolean {
  return sameBytes(cert.parts.issuer, cert.parts.subject ?? new Uint8Array()) &&
    checkSignature(cert.parts, cert.node.publicKey) === 'valid';
}

/**
 * Returns the path [leaf, …, anchor].
 * @throws IpexError CERT_UNTRUSTED (no issuer by name, no anchor reached, or an anchor by name
 *   whose key does not verify the signature: not issued under this root),
 *   CERT_SIGNATURE_INVALID (an intermediate by name whose key does not verify the signature),
 *   CERT_ALGORITHM_NOT_ALLOWED (the signature or issuer key is outside the allowlist).
 */
export function buildChain(
  leaf: ParsedCertificate,
  intermediates: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
): ParsedCertificate[] {
  const chain = [leaf];
  let current = leaf;
  while (!isAnchor(current, anchors)) {
    if (chain.length >= MAX_PATH_LENGTH) throw new IpexError('CERT_UNTRUSTED', `no trust anchor within ${MAX_PATH_LENGTH} certificates`);
    const byName = [...anchors, ...intermediates].filter(
      (candidate) => !chain.includes(candidate) && sameBytes(candidate.parts.subject ?? new Uint8Array(), current.parts.issuer),
    );
    if (byName.length === 0) {
      throw new IpexError('CERT_UNTRUSTED', `no trusted issuer for "${current.subject}" (issuer "${current.issuer}")`);
    }
    let next: ParsedCertificate | undefined;
    let notAllowed = false;
    for (const candidate of byName) {
      const outcome = checkSignature(current.parts, candidate.node.publicKey);
      if (outcome === 'valid') {
        next = candidate;
        break;
      }
      if (outcome === 'algorithm-not-allowed') notAllowed = true;
    }
    if (next === undefined) {
      if (notAllowed) {
        throw new IpexError('CERT_ALGORITHM_NOT_ALLOWED', `the signature on "${current.subject}" uses an algorithm or issuer key outside the allowlist`);
      }
      // A trust anchor with the issuer's name whose key does not verify the signature: the
      // certificate was not issued under this root (another root of the same name, or altered).
      const anchor = byName.find((candidate) => isAnchor(candidate, anchors));
      if (anchor !== undefined) {
        throw new IpexError('CERT_UNTRUSTED', `"${current.subject}" was not issued under the trusted root "${anchor.subject}" ` +
          `(SHA-256 ${createHash('sha256').update(anchor.der).digest('hex')}): its signature does not verify with that root's key, ` +
          'so it comes from another root with the same name, or it was altered');
      }
      throw new IpexError('CERT_SIGNATURE_INVALID', `the signature on "${current.subject}" does not verify with its issuer's key`);
    }
    if (!isAnchor(next, anchors) && sameBytes(next.parts.issuer, next.parts.subject ?? new Uint8Array())) {
      throw new IpexError('CERT_UNTRUSTED', `the path ends at "${next.subject}", which is not a trust anchor`);
    }
    chain.push(next);
    current = next;
  }
  return chain;
}
