/**
 * Verifying a directory (every node): the compact JWS is snapshotted and its protected header
 * checked (only alg, typ, x5c; typ "ipex-directory+json"; alg allowlisted), the x5c leaf is
 * validated as a directory-signing certificate against the network roots (path validation,
 * with the CRL when given), the alg must fit that certificate's key, then the signature, then
 * the payload (canonical JSON, ipex-directory/1 shape), its validity window and the CRL hash.
 * x5c is a claim: it is trusted only because its path ends at a configured root.
 */
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { compactVerify, JwsVerificationError, readCompactJws } from '../certification/jws-verify.js';
import { canonicalJson } from '../encoding/canonical-json.js';
import { IpexError, isIpexError } from '../errors/index.js';
import type { CertificateInput } from '../pki/cert-input.js';
import { parseCrl, type ParsedCrl } from '../pki/crl.js';
import { validatePath } from '../pki/path-validation.js';
import { algorithmFitsKey, DIRECTORY_ALGORITHMS, DIRECTORY_TYP } from './algorithms.js';
import { parseDirectoryPayload, type Directory } from './format.js';

/** Largest directory accepted, in characters of compact JWS. */
export const MAX_DIRECTORY_LENGTH = 8 * 1024 * 1024;
/** Tolerated clock difference for `issuedAt` in the future. */
export const ISSUED_AT_SKEW_MS = 5 * 60 * 1000;

export interface VerifyDirectoryOptions {
  /** The network roots. */
  readonly trustAnchors: readonly CertificateInput[];
  /** The moment of verification (from the injected Clock). */
  readonly at: Date;
  /** The CRL published with the directory: checked against the directory cert and the hash. */
  readonly crl?: string | Uint8Array | ParsedCrl;
}

function malformed(why: string): never {
  throw new IpexError('DIRECTORY_MALFORMED', `the directory ${why}`);
}

function decodeHeader(jws: string): { alg: string; x5c: string[] } {
  let h: Record<string, unknown>;
  try {
    ({ header: h } = readCompactJws(jws));
  } catch (err) {
    if (err instanceof JwsVerificationError) malformed(err.message);
    throw err;
  }
  const extra = Object.keys(h).filter((k) => !['alg', 'typ', 'x5c'].includes(k));
  if (extra.length > 0) malformed(`header carries parameters ipex does not accept: ${extra.join(', ')}`);
  if (typeof h.alg !== 'string' || !(DIRECTORY_ALGORITHMS as readonly string[]).includes(h.alg)) {
    throw new IpexError('DIRECTORY_SIGNATURE_INVALID', `the directory is signed with ${String(h.alg)}, which is not allowed`);
  }
  if (h.typ !== DIRECTORY_TYP) {
    throw new IpexError('DIRECTORY_SIGNATURE_INVALID', `the directory JWS typ is ${String(h.typ)}, not ${DIRECTORY_TYP}`);
  }
  if (!Array.isArray(h.x5c) || h.x5c.length < 1 || h.x5c.length > 4 || !h.x5c.every((c) => typeof c === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(c))) {
    malformed('header x5c must be 1 to 4 base64 DER certificates');
  }
  return { alg: h.alg, x5c: h.x5c as string[] };
}

/**
 * Verifies a directory JWS and returns the directory.
 * @throws IpexError DIRECTORY_MALFORMED, DIRECTORY_SIGNATURE_INVALID, DIRECTORY_EXPIRED,
 *   DIRECTORY_CRL_MISMATCH, or a CERT_* / CRL_* code from path validation of the signer.
 */
export async function verifyDirectory(jws: string, options: VerifyDirectoryOptions): Promise<Directory> {
  if (typeof jws !== 'string' || jws.length > MAX_DIRECTORY_LENGTH) malformed('is not a string of acceptable size');
  const snapshot = jws.trim();
  const { alg, x5c } = decodeHeader(snapshot);
  const certs = x5c.map((c) => new Uint8Array(Buffer.from(c, 'base64')));
  const crl = options.crl === undefined ? undefined : parseCrl(options.crl);

  await validatePath({
    leaf: certs[0]!,
    intermediates: certs.slice(1),
    trustAnchors: options.trustAnchors,
    purpose: 'directory',
    at: options.at,
    ...(crl === undefined ? {} : { crls: [crl], requireCrl: true }),
  });
  const publicKey = new NodeX509(certs[0]!).publicKey;
  if (!algorithmFitsKey(alg, publicKey)) {
    throw new IpexError('DIRECTORY_SIGNATURE_INVALID', `alg ${alg} does not fit the directory certificate's key`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = compactVerify(snapshot, publicKey, [alg]));
  } catch (err) {
    throw new IpexError('DIRECTORY_SIGNATURE_INVALID', 'the directory signature does not verify', { cause: err });
  }
  const directory = parsePayload(payload);
  checkWindow(directory, options.at);
  if (crl !== undefined) checkCrl(directory, crl);
  return directory;
}

function parsePayload(payload: Uint8Array): Directory {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    value = JSON.parse(text);
  } catch {
    malformed('payload is not UTF-8 JSON');
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (err) {
    if (isIpexError(err)) malformed(`payload is not I-JSON: ${err.message}`);
    throw err;
  }
  if (canonical !== text) malformed('payload is not in RFC 8785 canonical form');
  return parseDirectoryPayload(value);
}

function checkWindow(directory: Directory, at: Date): void {
  if (at.getTime() >= Date.parse(directory.expiresAt)) {
    throw new IpexError('DIRECTORY_EXPIRED', `directory ${directory.serial} expired at ${directory.expiresAt}`);
  }
  if (Date.parse(directory.issuedAt) > at.getTime() + ISSUED_AT_SKEW_MS) {
    throw new IpexError('DIRECTORY_EXPIRED', `directory ${directory.serial} is issued at ${directory.issuedAt}, in the future; check the clock`);
  }
}

function checkCrl(directory: Directory, crl: ParsedCrl): void {
  const sha256 = createHash('sha256').update(crl.der).digest('hex');
  if (sha256 !== directory.crl.sha256 || crl.number !== directory.crl.number) {
    throw new IpexError('DIRECTORY_CRL_MISMATCH', `the CRL (number ${crl.number ?? 'none'}, sha256 ${sha256}) is not the one directory ${directory.serial} names`);
  }
}
