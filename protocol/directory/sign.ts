/**
 * Signing a directory (network operator side): the payload is the RFC 8785 canonical JSON of
 * the directory, signed as a compact JWS (RFC 7515) whose protected header is exactly
 * { alg, typ: "ipex-directory+json", x5c: [directory certificate, …chain] } (RFC 7515 §4.1.6).
 */
import { createPublicKey, X509Certificate as NodeX509, type KeyObject } from 'node:crypto';
import { compactSign } from '../certification/jws-sign.js';
import { canonicalJsonBytes } from '../encoding/canonical-json.js';
import { certificateDer, type CertificateObject } from '../pki/cert-input.js';
import { parseDirectoryPayload, type Directory } from './format.js';
import { algorithmForKey, DIRECTORY_TYP } from './algorithms.js';

export interface DirectorySigner {
  /** The directory-signing certificate (documentSigning, urn:ipex:directory; docs/trust.md). */
  readonly certificate: CertificateObject | Uint8Array;
  readonly privateKey: KeyObject;
  /** Intermediates between the certificate and the root, if any (never the root itself). */
  readonly chain?: readonly (CertificateObject | Uint8Array)[];
  /** For an RSA key: PS256 (default) or RS256. */
  readonly rsaAlgorithm?: 'PS256' | 'RS256';
}

/**
 * Signs `directory` and returns the compact JWS. The directory is shape-checked first, so that
 * an operator cannot publish something every node would refuse.
 * @throws IpexError DIRECTORY_MALFORMED when the directory is not ipex-directory/1.
 */
export async function signDirectory(directory: Directory, signer: DirectorySigner): Promise<string> {
  const checked = parseDirectoryPayload(JSON.parse(JSON.stringify(directory)));
  const certificate = signer.certificate instanceof Uint8Array ? signer.certificate : certificateDer(signer.certificate);
  const certKey = new NodeX509(certificate).publicKey.export({ format: 'der', type: 'spki' });
  const ownKey = createPublicKey(signer.privateKey).export({ format: 'der', type: 'spki' });
  if (!certKey.equals(ownKey)) throw new TypeError('the private key does not belong to the directory certificate');
  const alg = algorithmForKey(signer.privateKey, signer.rsaAlgorithm);
  const chain = [certificate, ...(signer.chain ?? []).map((c) => (c instanceof Uint8Array ? c : certificateDer(c)))];
  return compactSign(canonicalJsonBytes(checked), alg, DIRECTORY_TYP, chain, signer.privateKey);
}
