/**
 * The enrolment request: the folder an office hands its network operator to be admitted
 * (docs/network-operator.md "Enrolling an office"). `ipex node keygen` writes it; `ipex network
 * add-office --request` (and `rotate --request`) reads it. It holds public material only:
 *
 *   request.json   { "format": "ipex-enrolment-request/1", "code": "EP", "purpose": "enrol" | "rotate" }
 *   tls.csr        PKCS#10 request for the TLS certificate, signed with the TLS key
 *   signing.csr    PKCS#10 request for the signing certificate, signed with the signing key
 *   log.vkey       the audit-log verifier key `ipex/audit/<CODE>+…` (enrol only)
 *
 * Reading it is the operator's check of everything the office claims: each request's proof of
 * possession, allowed keys, two different keys, and a log key named for the office and Ed25519.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { formatVerifierKey, parseVerifierKey } from '../note/verifier-key.js';
import { createCertificateRequest, readCertificateRequest } from './certificate-request.js';

export const ENROLMENT_FORMAT = 'ipex-enrolment-request/1';
export type EnrolmentPurpose = 'enrol' | 'rotate';

/** The name of an office's audit-log key in checkpoints, log.vkey and the directory. */
export function logKeyName(code: string): string {
  return `ipex/audit/${code}`;
}

export interface EnrolmentKeys {
  readonly tls: KeyObject;
  readonly signing: KeyObject;
  /** The Ed25519 audit-log key (enrol only; a rotation keeps the log key). */
  readonly log?: KeyObject;
}

/** Writes the request files for `keys` (private keys) into the existing folder `dir`. */
export function writeEnrolmentRequest(dir: string, code: string, purpose: EnrolmentPurpose, keys: EnrolmentKeys): void {
  writeFileAtomic(join(dir, 'request.json'), `${JSON.stringify({ format: ENROLMENT_FORMAT, code, purpose }, null, 2)}\n`);
  writeFileAtomic(join(dir, 'tls.csr'), createCertificateRequest(keys.tls, `${code} exchange TLS`));
  writeFileAtomic(join(dir, 'signing.csr'), createCertificateRequest(keys.signing, `${code} document signing`));
  if (keys.log !== undefined) writeFileAtomic(join(dir, 'log.vkey'), `${formatVerifierKey(logKeyName(code), keys.log)}\n`);
}

export interface EnrolmentRequest {
  readonly code: string;
  readonly purpose: EnrolmentPurpose;
  /** Public keys taken from the requests, after their proof of possession was checked. */
  readonly tls: KeyObject;
  readonly signing: KeyObject;
  /** The verifier key (enrol only). */
  readonly logKey?: string;
}

/**
 * Reads and checks the request folder `dir` for office `code` and `purpose`.
 * @throws IpexError CSR_MALFORMED, CSR_SIGNATURE_INVALID, KEY_ALGORITHM_NOT_ALLOWED, INVALID_INPUT, FILE_NOT_FOUND
 */
export function readEnrolmentRequest(dir: string, code: string, purpose: EnrolmentPurpose): EnrolmentRequest {
  const file = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new IpexError('CSR_MALFORMED', `${dir} is not an enrolment request: ${name} is missing (the office writes it with \`ipex node keygen\`)`, { cause: err });
      }
      throw new IpexError('FILE_UNREADABLE', `cannot read ${join(dir, name)}`, { cause: err });
    }
  };
  let meta: { format?: unknown; code?: unknown; purpose?: unknown };
  try {
    meta = JSON.parse(file('request.json')) as typeof meta;
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('CSR_MALFORMED', `${join(dir, 'request.json')} is not valid JSON`, { cause: err });
  }
  if (meta === null || typeof meta !== 'object' || meta.format !== ENROLMENT_FORMAT) {
    throw new IpexError('CSR_MALFORMED', `${join(dir, 'request.json')}: format must be "${ENROLMENT_FORMAT}"`);
  }
  if (meta.code !== code) {
    throw new IpexError('INVALID_INPUT', `the request in ${dir} is from office ${JSON.stringify(String(meta.code).slice(0, 8))}, not ${code}`);
  }
  if (meta.purpose !== purpose) {
    throw new IpexError('INVALID_INPUT', `the request in ${dir} is for "${String(meta.purpose).slice(0, 10)}", not "${purpose}" (ipex node keygen${purpose === 'rotate' ? ' --rotate' : ''})`);
  }
  const tls = readCertificateRequest(file('tls.csr'), join(dir, 'tls.csr'));
  const signing = readCertificateRequest(file('signing.csr'), join(dir, 'signing.csr'));
  const der = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });
  if (der(tls).equals(der(signing))) throw new IpexError('INVALID_INPUT', `the TLS and signing requests in ${dir} use the same key; each use needs its own key`);
  if (purpose === 'rotate') return { code, purpose, tls, signing };
  const logKey = file('log.vkey').trim();
  let name: string;
  try {
    name = parseVerifierKey(logKey).name;
  } catch (err) {
    throw new IpexError('CSR_MALFORMED', `${join(dir, 'log.vkey')} is not an Ed25519 verifier key`, { cause: err });
  }
  if (name !== logKeyName(code)) throw new IpexError('INVALID_INPUT', `${join(dir, 'log.vkey')} is named "${name.slice(0, 40)}", not "${logKeyName(code)}"`);
  return { code, purpose, tls, signing, logKey };
}
