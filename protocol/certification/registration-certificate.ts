/**
 * The registration certificate (issue 12; docs/registration-certificate.md): what the depositing
 * office gives the applicant for a deposited document — as WIPO DAS gives its depositors — a
 * statement, signed with the office signing key, that it registered this document version of
 * this application on this date, with these digests. A compact JWS exactly like the signed
 * manifest's (header `{alg, typ: "ipex-registration+json", x5c}`, RFC 8785 canonical JSON
 * payload), so it is checked with the same tools: `ipex verify`, jose/jwcrypto, or openssl.
 * `manifestSha256` binds it to the certified manifest the office keeps and sends to peers.
 */
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { canonicalJson, canonicalJsonBytes } from '../encoding/canonical-json.js';
import { compactSign } from './jws-sign.js';
import { DOCUMENT_KINDS, IP_RIGHT_TYPES, type DocumentKind, type IpRightType } from './manifest.js';
import { checkCertificateForKey } from './signing-material.js';
import { algorithmsForKey, validateSigner, type SignerInfo, type TrustOptions } from './signer.js';
import { openX5cJws } from './x5c-jws.js';

export const REGISTRATION_FORMAT = 'ipex-registration/1';
export const REGISTRATION_JWS_TYPE = 'ipex-registration+json';

export interface RegistrationCertificate {
  readonly format: typeof REGISTRATION_FORMAT;
  /** ST.3 code of the office that registered the document and signs this certificate. */
  readonly office: string;
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: DocumentKind;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly ipRightType: IpRightType;
  /** When the version was deposited and certified. */
  readonly depositedAt: string;
  /** When this certificate was signed. */
  readonly issuedAt: string;
  /** Lowercase hex SHA-256 of the version's manifest JWS (its compact serialisation, ASCII). */
  readonly manifestSha256: string;
  readonly parts: { name: string; size: number; sha256: string }[];
}

const KIND = {
  typ: REGISTRATION_JWS_TYPE, what: 'registration certificate', maxLength: 4 * 1024 * 1024,
  malformed: 'REGISTRATION_CERTIFICATE_MALFORMED', invalid: 'REGISTRATION_CERTIFICATE_INVALID',
} as const;

/** Signs `certificate` (checked first) with the office key; `chain` is the signing certificate first. */
export function signRegistrationCertificate(certificate: RegistrationCertificate, key: { privateKey: KeyObject; chain: readonly Uint8Array[] }): string {
  const checked = parseRegistrationCertificate(certificate);
  const alg = algorithmsForKey(key.privateKey)[0];
  if (alg === undefined || key.chain.length === 0) throw new IpexError('INVALID_INPUT', 'the signing key or its chain cannot sign a registration certificate');
  checkCertificateForKey(key.privateKey, key.chain[0]!, 'the first certificate of the chain is not for the signing key');
  return compactSign(canonicalJsonBytes(checked), alg, REGISTRATION_JWS_TYPE, key.chain, key.privateKey);
}

export interface VerifiedRegistration {
  readonly certificate: RegistrationCertificate;
  readonly signer: SignerInfo;
}

/**
 * Verifies the JWS (header, signature with the x5c leaf), the payload (shape, canonical form),
 * then the leaf's path to the trust anchors for the office the certificate names.
 * @throws IpexError REGISTRATION_CERTIFICATE_MALFORMED / _INVALID, or a path-validation code.
 */
export async function verifyRegistrationCertificate(jws: string, trust: TrustOptions): Promise<VerifiedRegistration> {
  const opened = await openX5cJws(jws, KIND);
  const text = Buffer.from(opened.payload).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new IpexError(KIND.malformed, 'registration certificate payload is not JSON', { cause: err });
  }
  const certificate = parseRegistrationCertificate(value);
  if (canonicalJson(certificate) !== text) throw malformed('payload is not in RFC 8785 canonical form');
  const signer = await validateSigner(opened.leaf, opened.intermediates, trust, certificate.office);
  return { certificate, signer };
}

/** True when `jws` claims to be a registration certificate (its header's typ), for `ipex verify`. */
export function isRegistrationJws(text: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(text.trim().split('.')[0] ?? '', 'base64url').toString('utf8')) as { typ?: unknown };
    return header.typ === REGISTRATION_JWS_TYPE;
  } catch {
    return false;
  }
}

/** Checks the shape exactly: the members above, nothing else. */
export function parseRegistrationCertificate(value: unknown): RegistrationCertificate {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('payload is not an object');
  const v = value as Record<string, unknown>;
  const allowed = ['format', 'office', 'documentId', 'version', 'documentKind', 'applicationNumberText', 'filingDate', 'ipRightType', 'depositedAt', 'issuedAt', 'manifestSha256', 'parts'];
  const extra = Object.keys(v).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw malformed(`member "${extra.slice(0, 40)}" is not allowed`);
  const text = (name: string, re: RegExp): string => {
    const s = v[name];
    if (typeof s !== 'string' || !re.test(s)) throw malformed(`member "${name}" is missing or malformed`);
    return s;
  };
  if (v.format !== REGISTRATION_FORMAT) throw malformed(`format is not "${REGISTRATION_FORMAT}"`);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
  const hex = /^[0-9a-f]{64}$/;
  if (!Number.isInteger(v.version) || (v.version as number) < 1 || (v.version as number) > 1_000_000) throw malformed('member "version" is not 1–1000000');
  if (!(DOCUMENT_KINDS as readonly unknown[]).includes(v.documentKind)) throw malformed('member "documentKind" is not a document kind');
  if (!(IP_RIGHT_TYPES as readonly unknown[]).includes(v.ipRightType)) throw malformed('member "ipRightType" is not an IP right type');
  if (!Array.isArray(v.parts) || v.parts.length === 0 || v.parts.length > 10_000) throw malformed('member "parts" is not a list of 1–10000 parts');
  const parts = v.parts.map((p: unknown, i: number) => {
    const o = p as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || Object.keys(o).sort().join() !== 'name,sha256,size' || typeof o.name !== 'string' || o.name.length < 1 || o.name.length > 128 ||
      !Number.isSafeInteger(o.size) || (o.size as number) < 0 || typeof o.sha256 !== 'string' || !hex.test(o.sha256)) {
      throw malformed(`parts[${i}] is not {name, size, sha256}`);
    }
    return { name: o.name, size: o.size as number, sha256: o.sha256 };
  });
  return {
    format: REGISTRATION_FORMAT,
    office: text('office', /^[A-Z]{2}$/),
    documentId: text('documentId', /^[A-Za-z0-9_-]{8,64}$/),
    version: v.version as number,
    documentKind: v.documentKind as DocumentKind,
    applicationNumberText: text('applicationNumberText', /^[A-Z0-9]{1,32}$/),
    filingDate: text('filingDate', /^\d{4}-\d{2}-\d{2}$/),
    ipRightType: v.ipRightType as IpRightType,
    depositedAt: text('depositedAt', instant),
    issuedAt: text('issuedAt', instant),
    manifestSha256: text('manifestSha256', hex),
    parts,
  };
}

function malformed(why: string): IpexError {
  return new IpexError('REGISTRATION_CERTIFICATE_MALFORMED', `registration certificate ${why}`);
}
