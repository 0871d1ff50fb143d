/**
 * What manifest and part signatures share: the algorithm allowlist (docs/design.md §3: ECDSA P-256
 * by default, P-384 and RSA ≥ 2048 accepted) and the trust decision on the signing
 * certificate, which is always explicit path validation with purpose `signing` and the office
 * binding (protocol/pki/path-validation.ts). Certificates that travel with a signature (`x5c`,
 * CMS `certificates`) are claims; only the trust anchors given by the caller are trusted.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError, type ErrorCode } from '../errors/index.js';
import { parseCertificate, type ParsedCertificate } from '../pki/cert-input.js';
import { validatePath } from '../pki/path-validation.js';

type PathOptions = Parameters<typeof validatePath>[0];

/** JWS algorithms accepted for manifests. */
export type ManifestAlg = 'ES256' | 'ES384' | 'PS256' | 'RS256';

/** Trust inputs for verifying a certified document's signatures. */
export interface TrustOptions {
  /** The network root(s): the only certificates trusted as such. */
  readonly trustAnchors: PathOptions['trustAnchors'];
  /** The instant at which the signing certificate must be valid. */
  readonly at: Date;
  /** Revocation lists to check the chain against. */
  readonly crls?: NonNullable<PathOptions['crls']>;
  /** When set, the signer must be bound to this ST.3 office code. */
  readonly expectedOffice?: string;
}

/** Who signed, after path validation. */
export interface SignerInfo {
  /** The signing certificate. */
  readonly certificate: ParsedCertificate;
  /** The validated chain, leaf first, as returned by path validation. */
  readonly chain: Awaited<ReturnType<typeof validatePath>>['chain'];
  /** ST.3 code bound in the signing certificate. */
  readonly officeCode: string;
  /** SHA-256 of the leaf certificate DER, hex. */
  readonly leafSha256: string;
}

/** The JWS algorithms that fit a key, preferred first; empty when the key is not allowed. */
export function algorithmsForKey(key: KeyObject): ManifestAlg[] {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    if (details.namedCurve === 'prime256v1') return ['ES256'];
    if (details.namedCurve === 'secp384r1') return ['ES384'];
    return [];
  }
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) return ['PS256', 'RS256'];
  if (key.asymmetricKeyType === 'rsa-pss' && (details.modulusLength ?? 0) >= 2048) return ['PS256'];
  return [];
}

/** The public key of a certificate as a Node KeyObject. */
export function publicKeyOf(certificate: ParsedCertificate): KeyObject {
  return certificate.node.publicKey;
}

/** Parses DER certificates from an untrusted source; `code` names the failure. */
export function parseCertificates(ders: readonly Uint8Array[], code: ErrorCode, what: string): ParsedCertificate[] {
  return ders.map((der, i) => {
    try {
      return parseCertificate(der);
    } catch (err) {
      throw new IpexError(code, `${what} certificate ${i} is not a DER X.509 certificate`, { cause: err });
    }
  });
}

/**
 * Validates `leaf` (with the untrusted `intermediates`) for document signing and checks the
 * office binding against `expectedOffice` (and `boundOffice`, the office the signed content
 * names, when given). Path-validation failures keep their own codes.
 */
export async function validateSigner(
  leaf: ParsedCertificate,
  intermediates: readonly ParsedCertificate[],
  trust: TrustOptions,
  boundOffice?: string,
): Promise<SignerInfo> {
  const office = boundOffice ?? trust.expectedOffice;
  if (boundOffice !== undefined && trust.expectedOffice !== undefined && boundOffice !== trust.expectedOffice) {
    throw new IpexError('CERT_OFFICE_MISMATCH',
      `the document is certified by office ${boundOffice}, not by the expected office ${trust.expectedOffice}`);
  }
  const options = {
    leaf,
    intermediates: [...intermediates],
    trustAnchors: trust.trustAnchors,
    purpose: 'signing',
    at: trust.at,
    ...(office === undefined ? {} : { officeCode: office }),
    ...(trust.crls === undefined ? {} : { crls: trust.crls }),
  } as PathOptions;
  const result = await validatePath(options);
  if (result.officeCode === undefined) throw new IpexError('CERT_OFFICE_MISMATCH', 'the signing certificate binds no office');
  return { certificate: leaf, chain: result.chain, officeCode: result.officeCode, leafSha256: result.leafSha256 };
}
