/**
 * Opening a compact JWS signed by an office key with its `x5c` chain (RFC 7515 §7.1, §4.1.6):
 * what the signed manifest and the registration certificate share. The header must be exactly
 * `{alg, typ, x5c}` with the expected `typ`; `alg` must be on the allowlist and fit the key of the
 * x5c leaf — the token never chooses its algorithm. The caller decodes the payload and validates
 * the leaf against its trust anchors for the office the payload names (signer.ts).
 */
import type { ParsedCertificate } from '../pki/cert-input.js';
import { compactVerify } from './jws-verify.js';
import { IpexError, type ErrorCode } from '../errors/index.js';
import { algorithmsForKey, parseCertificates, publicKeyOf, type ManifestAlg } from './signer.js';

const MAX_X5C = 8;

export interface X5cJwsKind {
  /** The header `typ` required. */
  readonly typ: string;
  /** What the token is, for messages ("manifest JWS"). */
  readonly what: string;
  /** Bound on the compact serialisation. */
  readonly maxLength: number;
  /** The codes of a malformed token and of a signature that does not verify. */
  readonly malformed: ErrorCode;
  readonly invalid: ErrorCode;
}

export interface OpenedJws {
  readonly payload: Uint8Array;
  readonly alg: ManifestAlg;
  readonly leaf: ParsedCertificate;
  readonly intermediates: ParsedCertificate[];
  /** The DER certificates of `x5c`, in order. */
  readonly x5c: readonly Buffer[];
}

/** Checks the header and the signature with the x5c leaf key; the leaf is not trusted yet. */
export async function openX5cJws(jws: string, kind: X5cJwsKind): Promise<OpenedJws> {
  const malformed = (why: string): IpexError => new IpexError(kind.malformed, `${kind.what} ${why}`);
  if (typeof jws !== 'string' || jws.length > kind.maxLength) throw malformed('is not a compact JWS of reasonable size');
  const text = jws.trim(); // a trailing newline in a .jws file is harmless
  const segments = text.split('.');
  if (segments.length !== 3 || segments.some((s) => !/^[A-Za-z0-9_-]*$/.test(s))) throw malformed('is not a compact JWS (three base64url segments)');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segments[0]!, 'base64url').toString('utf8'));
  } catch (err) {
    throw new IpexError(kind.malformed, `${kind.what} header is not JSON`, { cause: err });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw malformed('header is not an object');
  const h = header as Record<string, unknown>;
  for (const key of Object.keys(h)) {
    if (!['alg', 'typ', 'x5c'].includes(key)) throw malformed(`header member "${key.slice(0, 20)}" is not allowed`);
  }
  if (h.typ !== kind.typ) throw malformed(`header typ is not "${kind.typ}"`);
  if (!['ES256', 'ES384', 'PS256', 'RS256'].includes(h.alg as string)) {
    throw new IpexError(kind.invalid, `algorithm ${JSON.stringify(String(h.alg).slice(0, 20))} is not allowed`);
  }
  if (!Array.isArray(h.x5c) || h.x5c.length === 0 || h.x5c.length > MAX_X5C || h.x5c.some((c) => typeof c !== 'string')) {
    throw malformed(`header x5c is not an array of 1 to ${MAX_X5C} certificates`);
  }
  const x5c = (h.x5c as string[]).map((b64, i) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed(`x5c[${i}] is not standard base64`);
    return Buffer.from(b64, 'base64');
  });
  const [leaf, ...intermediates] = parseCertificates(x5c, kind.malformed, 'x5c');
  const key = publicKeyOf(leaf!);
  const alg = h.alg as ManifestAlg;
  if (!algorithmsForKey(key).includes(alg)) {
    throw new IpexError(kind.invalid, `algorithm ${alg} does not fit the ${key.asymmetricKeyType ?? '?'} key of the signing certificate`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = compactVerify(text, key, [alg]));
  } catch (err) {
    throw new IpexError(kind.invalid, `${kind.what} signature verification failed`, { cause: err });
  }
  return { payload, alg, leaf: leaf!, intermediates, x5c };
}
