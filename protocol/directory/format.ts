/**
 * The ipex directory format `ipex-directory/1` (docs/design.md §3, docs/trust.md): the network
 * operator's signed list of participating offices. This module holds the type and the strict,
 * field-by-field shape check of a payload read from the wire; unknown fields are refused so that
 * a verifier never silently ignores something the signer meant.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { exchangeOrigin } from '../exchange-client/exchange-url.js';
import { isSt3Code } from '../st3/index.js';

export const DIRECTORY_FORMAT = 'ipex-directory/1';

export type OfficeRole = 'depositing' | 'accessing';
export type OfficeStatus = 'active' | 'suspended' | 'revoked';
export type CertificateUse = 'tls' | 'signing';

export interface DirectoryCertificate {
  readonly use: CertificateUse;
  /** Lowercase hex SHA-256 of the certificate DER. */
  readonly sha256: string;
  /** Lowercase hex serial number. */
  readonly serialNumber: string;
  /** ISO 8601 UTC. */
  readonly notAfter: string;
  /**
   * The certificate, base64 DER. Carrying it here lets a node resolve the key id of a peer's
   * signature from the signed directory alone, and lets an auditor check signed requests
   * offline; its SHA-256 must equal `sha256`, and it is still path-validated before use.
   */
  readonly certificate: string;
}

export interface DirectoryOffice {
  /** ST.3 code; equals the certificate binding urn:ipex:office:<code>. */
  readonly code: string;
  readonly name: string;
  /** The https origin of the office's exchange listener (`https://host[:port]`, no path); the API is under `/exchange/v1`. */
  readonly exchangeUrl: string;
  readonly roles: readonly OfficeRole[];
  readonly status: OfficeStatus;
  /** During a rotation an office lists two certificates of the same use. */
  readonly certificates: readonly DirectoryCertificate[];
  /** C2SP signed-note verifier key of the office's audit log (Ed25519). */
  readonly logKey: string;
}

export interface Directory {
  readonly format: typeof DIRECTORY_FORMAT;
  /** The network's name, for example "ipex-example". */
  readonly network: string;
  /** Increases with every directory; a lower serial than the installed one is a rollback. */
  readonly serial: number;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** The CRL published with this directory: SHA-256 of its DER, cRLNumber, nextUpdate. */
  readonly crl: { readonly sha256: string; readonly number: number; readonly nextUpdate: string };
  readonly offices: readonly DirectoryOffice[];
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SERIAL_HEX = /^[0-9a-f]{1,40}$/;
const BASE64_DER = /^(?:[A-Za-z0-9+/]{4}){1,4096}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const VKEY = /^[^+\s]{1,255}\+[0-9a-f]{8}\+[A-Za-z0-9+/]+={0,2}$/;

function fail(path: string, why: string): never {
  throw new IpexError('DIRECTORY_MALFORMED', `directory ${path}: ${why}`);
}

function object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!keys.includes(key)) fail(`${path}.${key}`, 'is not a field of ipex-directory/1');
  for (const key of keys) if (!(key in record)) fail(`${path}.${key}`, 'is missing');
  return record;
}

function text(value: unknown, path: string, max = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    fail(path, `must be a non-empty string of at most ${max} printable characters`);
  }
  return value;
}

function matching(value: unknown, path: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(path, `must be ${what}`);
  return value;
}

function isoTime(value: unknown, path: string): string {
  const s = matching(value, path, ISO_UTC, 'an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)');
  if (Number.isNaN(Date.parse(s))) fail(path, 'is not a real date');
  return s;
}

function count(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(path, `must be an integer >= ${min}`);
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) fail(path, `must be an array of at most ${max} items`);
  return value;
}

/** An office's exchange URL: an https origin (protocol/exchange-client/exchange-url.ts says why). */
function exchangeUrl(value: unknown, path: string): string {
  const s = text(value, path, 2048);
  try {
    exchangeOrigin(s);
  } catch (err) {
    fail(path, (err as Error).message);
  }
  return s;
}

function certificate(value: unknown, path: string): DirectoryCertificate {
  const c = object(value, path, ['use', 'sha256', 'serialNumber', 'notAfter', 'certificate']);
  const sha256 = matching(c.sha256, `${path}.sha256`, SHA256_HEX, '64 lowercase hexadecimal digits');
  const der = matching(c.certificate, `${path}.certificate`, BASE64_DER, 'a base64 DER certificate of at most 12 KiB');
  if (createHash('sha256').update(Buffer.from(der, 'base64')).digest('hex') !== sha256) {
    fail(`${path}.certificate`, 'does not hash to the listed sha256');
  }
  return {
    use: oneOf(c.use, `${path}.use`, ['tls', 'signing'] as const),
    sha256,
    serialNumber: matching(c.serialNumber, `${path}.serialNumber`, SERIAL_HEX, 'lowercase hexadecimal'),
    notAfter: isoTime(c.notAfter, `${path}.notAfter`),
    certificate: der,
  };
}

function office(value: unknown, path: string): DirectoryOffice {
  const o = object(value, path, ['code', 'name', 'exchangeUrl', 'roles', 'status', 'certificates', 'logKey']);
  const code = text(o.code, `${path}.code`, 2);
  if (!isSt3Code(code)) fail(`${path}.code`, 'must be an ST.3 office code');
  const roles = list(o.roles, `${path}.roles`, 2).map((r, i) => oneOf(r, `${path}.roles[${i}]`, ['depositing', 'accessing'] as const));
  if (new Set(roles).size !== roles.length) fail(`${path}.roles`, 'lists a role twice');
  return {
    code,
    name: text(o.name, `${path}.name`),
    exchangeUrl: exchangeUrl(o.exchangeUrl, `${path}.exchangeUrl`),
    roles,
    status: oneOf(o.status, `${path}.status`, ['active', 'suspended', 'revoked'] as const),
    certificates: list(o.certificates, `${path}.certificates`, 8).map((c, i) => certificate(c, `${path}.certificates[${i}]`)),
    logKey: matching(o.logKey, `${path}.logKey`, VKEY, 'a C2SP verifier key (name+hash+base64)'),
  };
}

/**
 * Checks that `value` (parsed JSON from the wire) is exactly an ipex-directory/1 document and
 * returns it typed. Office codes and certificate fingerprints must be unique.
 * @throws IpexError DIRECTORY_MALFORMED naming the first offending field.
 */
export function parseDirectoryPayload(value: unknown): Directory {
  const d = object(value, '$', ['format', 'network', 'serial', 'issuedAt', 'expiresAt', 'crl', 'offices']);
  if (d.format !== DIRECTORY_FORMAT) fail('$.format', `must be "${DIRECTORY_FORMAT}"`);
  const crl = object(d.crl, '$.crl', ['sha256', 'number', 'nextUpdate']);
  const directory: Directory = {
    format: DIRECTORY_FORMAT,
    network: text(d.network, '$.network'),
    serial: count(d.serial, '$.serial', 1),
    issuedAt: isoTime(d.issuedAt, '$.issuedAt'),
    expiresAt: isoTime(d.expiresAt, '$.expiresAt'),
    crl: {
      sha256: matching(crl.sha256, '$.crl.sha256', SHA256_HEX, '64 lowercase hexadecimal digits'),
      number: count(crl.number, '$.crl.number', 0),
      nextUpdate: isoTime(crl.nextUpdate, '$.crl.nextUpdate'),
    },
    offices: list(d.offices, '$.offices', 10_000).map((o, i) => office(o, `$.offices[${i}]`)),
  };
  if (Date.parse(directory.expiresAt) <= Date.parse(directory.issuedAt)) fail('$.expiresAt', 'must be after issuedAt');
  const codes = new Set<string>();
  const fingerprints = new Set<string>();
  for (const o of directory.offices) {
    if (codes.has(o.code)) fail('$.offices', `lists office ${o.code} twice`);
    codes.add(o.code);
    for (const c of o.certificates) {
      if (fingerprints.has(c.sha256)) fail('$.offices', `lists certificate ${c.sha256} twice`);
      fingerprints.add(c.sha256);
    }
  }
  return directory;
}
