/**
 * The signed manifest: a compact JWS (RFC 7515 §7.1) whose payload is the manifest in RFC 8785
 * canonical JSON and whose protected header is exactly `{alg, typ: 'ipex-manifest+json', x5c}`
 * (RFC 7515 §4.1.6: x5c is standard base64 DER, signing certificate first).
 *
 * Verification never lets the token choose its algorithm: `alg` must be on the allowlist and
 * fit the key of the `x5c` leaf, and the leaf is trusted only after path validation to the
 * caller's trust anchors with purpose `signing` and the office the manifest names.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { canonicalJson, canonicalJsonBytes } from '../encoding/canonical-json.js';
import { compactSignOnPool } from './jws-sign.js';
import { parseManifest, type Manifest } from './manifest.js';
import { checkCertificateForKey } from './signing-material.js';
import { algorithmsForKey, validateSigner, type ManifestAlg, type SignerInfo, type TrustOptions } from './signer.js';
import { openX5cJws } from './x5c-jws.js';

/** The JWS `typ` of a signed manifest. */
export const MANIFEST_JWS_TYPE = 'ipex-manifest+json';

/** A manifest JWS: its typ, its codes, and a bound that a manifest with thousands of parts fits. */
const MANIFEST_KIND = {
  typ: MANIFEST_JWS_TYPE, what: 'manifest JWS', maxLength: 4 * 1024 * 1024, malformed: 'MANIFEST_MALFORMED', invalid: 'MANIFEST_SIGNATURE_INVALID',
} as const;

export interface SignManifestOptions {
  /** The office signing key (ECDSA P-256/P-384 or RSA ≥ 2048). */
  readonly privateKey: KeyObject;
  /** DER certificates: the signing certificate first, then any intermediates. */
  readonly chain: readonly Uint8Array[];
  /** For RSA keys only: PS256 (default) or RS256. */
  readonly rsaAlgorithm?: 'PS256' | 'RS256';
}

/**
 * Signs `manifest` (validated first) as a compact JWS.
 *
 * @example const jws = await signManifest(manifest, { privateKey, chain: [signingCert.rawData] });
 */
export async function signManifest(manifest: Manifest, options: SignManifestOptions): Promise<string> {
  const checked = parseManifest(manifest);
  const allowed = algorithmsForKey(options.privateKey);
  const alg = options.rsaAlgorithm !== undefined && allowed.includes(options.rsaAlgorithm) ? options.rsaAlgorithm : allowed[0];
  if (alg === undefined) {
    throw new IpexError('INVALID_INPUT', 'the signing key is not ECDSA P-256/P-384 or RSA of at least 2048 bits');
  }
  if (options.chain.length === 0) throw new IpexError('INVALID_INPUT', 'the certificate chain is empty');
  // Cached per key (signing-material.ts): re-parsing the certificate and re-exporting the key
  // on every commit cost more than the signature.
  checkCertificateForKey(options.privateKey, options.chain[0]!, 'the first certificate of the chain is not for the signing key');
  // On the thread pool: a bulk deposit signs a manifest per document, and its event loop is busy.
  return compactSignOnPool(canonicalJsonBytes(checked), alg, MANIFEST_JWS_TYPE, options.chain, options.privateKey);
}

/** The result of a verified manifest. */
export interface VerifiedManifest {
  readonly manifest: Manifest;
  readonly signer: SignerInfo;
  readonly alg: ManifestAlg;
  /** The DER certificates of `x5c`, in order (for comparison with a bundle's chain.pem). */
  readonly x5c: readonly Buffer[];
}

/**
 * Verifies a compact JWS manifest: header allowlist, signature with the x5c leaf key, payload
 * shape (and canonical form), then path validation of the leaf bound to `manifest.office`.
 *
 * @throws IpexError MANIFEST_MALFORMED, MANIFEST_SIGNATURE_INVALID, PART_NAME_INVALID, or a
 *   path-validation code when the signer is not trusted.
 */
export async function verifyManifestJws(jws: string, trust: TrustOptions): Promise<VerifiedManifest> {
  const opened = await openX5cJws(jws, MANIFEST_KIND);
  const manifest = decodePayload(opened.payload);
  const signer = await validateSigner(opened.leaf, opened.intermediates, trust, manifest.office);
  return { manifest, signer, alg: opened.alg, x5c: opened.x5c };
}

/** Reads the payload of a manifest JWS without verifying anything (for display only). */
export function peekManifest(jws: string): unknown {
  const payload = jws.trim().split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function decodePayload(payload: Uint8Array): Manifest {
  const text = Buffer.from(payload).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new IpexError('MANIFEST_MALFORMED', 'manifest payload is not JSON', { cause: err });
  }
  const manifest = parseManifest(value);
  if (canonicalJson(manifest) !== text) throw malformed('payload is not in RFC 8785 canonical form');
  return manifest;
}

function malformed(why: string): IpexError {
  return new IpexError('MANIFEST_MALFORMED', `manifest JWS ${why}`);
}
