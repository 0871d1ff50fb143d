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
import { compactSign } from './jws-sign.js';
import { compactVerify } from './jws-verify.js';
import { parseManifest, type Manifest } from './manifest.js';
import { checkCertificateForKey } from './signing-material.js';
import {
  algorithmsForKey, parseCertificates, publicKeyOf, validateSigner,
  type ManifestAlg, type SignerInfo, type TrustOptions,
} from './signer.js';

/** The JWS `typ` of a signed manifest. */
export const MANIFEST_JWS_TYPE = 'ipex-manifest+json';

/** Bound on the compact JWS we are willing to parse (a manifest with thousands of parts fits). */
const MAX_JWS_LENGTH = 4 * 1024 * 1024;
const MAX_X5C = 8;

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
  return compactSign(canonicalJsonBytes(checked), alg, MANIFEST_JWS_TYPE, options.chain, options.privateKey);
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
  if (typeof jws !== 'string' || jws.length > MAX_JWS_LENGTH) throw malformed('is not a compact JWS of reasonable size');
  const text = jws.trim(); // a trailing newline in manifest.jws is harmless
  const segments = text.split('.');
  if (segments.length !== 3 || segments.some((s) => !/^[A-Za-z0-9_-]*$/.test(s))) throw malformed('is not a compact JWS (three base64url segments)');
  const header = decodeHeader(segments[0]!);
  const x5c = header.x5c.map((b64, i) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed(`x5c[${i}] is not standard base64`);
    return Buffer.from(b64, 'base64');
  });
  const [leaf, ...intermediates] = parseCertificates(x5c, 'MANIFEST_MALFORMED', 'x5c');
  const key = publicKeyOf(leaf!);
  const alg = header.alg as ManifestAlg;
  if (!algorithmsForKey(key).includes(alg)) {
    throw new IpexError('MANIFEST_SIGNATURE_INVALID', `algorithm ${alg} does not fit the ${key.asymmetricKeyType ?? '?'} key of the signing certificate`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = compactVerify(text, key, [alg]));
  } catch (err) {
    throw new IpexError('MANIFEST_SIGNATURE_INVALID', 'manifest signature verification failed', { cause: err });
  }
  const manifest = decodePayload(payload);
  const signer = await validateSigner(leaf!, intermediates, trust, manifest.office);
  return { manifest, signer, alg, x5c };
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

interface ManifestHeader {
  readonly alg: string;
  readonly x5c: string[];
}

function decodeHeader(segment: string): ManifestHeader {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch (err) {
    throw new IpexError('MANIFEST_MALFORMED', 'manifest JWS header is not JSON', { cause: err });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw malformed('header is not an object');
  const h = header as Record<string, unknown>;
  for (const key of Object.keys(h)) {
    if (!['alg', 'typ', 'x5c'].includes(key)) throw malformed(`header member "${key.slice(0, 20)}" is not allowed`);
  }
  if (h.typ !== MANIFEST_JWS_TYPE) throw malformed(`header typ is not "${MANIFEST_JWS_TYPE}"`);
  if (!['ES256', 'ES384', 'PS256', 'RS256'].includes(h.alg as string)) {
    throw new IpexError('MANIFEST_SIGNATURE_INVALID', `algorithm ${JSON.stringify(String(h.alg).slice(0, 20))} is not allowed`);
  }
  if (!Array.isArray(h.x5c) || h.x5c.length === 0 || h.x5c.length > MAX_X5C || h.x5c.some((c) => typeof c !== 'string')) {
    throw malformed(`header x5c is not an array of 1 to ${MAX_X5C} certificates`);
  }
  return { alg: h.alg as string, x5c: h.x5c as string[] };
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
