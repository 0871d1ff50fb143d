/**
 * The network operator's folder (docs/network-operator.md): `network.json` (the register of
 * offices and their certificates), `root/` (network root CA), `directory/` (directory-signing
 * certificate), `offices/<CODE>/` (the bundle handed to each office), `crl.pem` and
 * `directory.jws`. This module reads and writes the register and loads the operator's keys.
 * network.json is operator input too: it is shape-checked before anything trusts it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { isSt3Code } from '../../protocol/st3/index.js';

export const NETWORK_FORMAT = 'ipex-network/1';
export const OFFICE_BUNDLE_FORMAT = 'ipex-office-bundle/1';

export type OfficeRole = 'depositing' | 'accessing';
export type OfficeStatus = 'active' | 'suspended' | 'revoked';

export interface CertificateRecord {
  use: 'tls' | 'signing';
  /** Lowercase hex serial number. */
  serialNumber: string;
  /** Lowercase hex SHA-256 of the DER. */
  sha256: string;
  /** The certificate itself, base64 DER: published in the directory so that peers resolve key ids. */
  der: string;
  /** ISO 8601 UTC. */
  notAfter: string;
  state: 'current' | 'next' | 'revoked';
  /** Set when state is 'revoked'. */
  revokedAt?: string;
  /** CRL reason code name (RFC 5280 §5.3.1), set when state is 'revoked'. */
  reason?: RevocationReason;
}

/** The CRL reasons an operator may give (RFC 5280 §5.3.1; 'unspecified' is not written). */
export const REVOCATION_REASONS = ['keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'privilegeWithdrawn'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface OfficeRecord {
  name: string;
  exchangeUrl: string;
  roles: OfficeRole[];
  status: OfficeStatus;
  certificates: CertificateRecord[];
  /** C2SP verifier key of the office's audit log (also in offices/<CODE>/log.vkey). */
  logKey: string;
}

export interface NetworkRegister {
  format: typeof NETWORK_FORMAT;
  name: string;
  createdAt: string;
  /** cRLNumber of the last CRL written. */
  crlNumber: number;
  /** Serial of the last directory published (0 before the first). */
  directorySerial: number;
  /**
   * A development network (`ipex network init --development`, or the one `ipex start` makes):
   * only there may the operator make an office's private keys (add-office and rotate without
   * --request). Absent means false, also for networks made before the field existed.
   */
  development?: boolean;
  offices: Record<string, OfficeRecord>;
}

/** Everything a network operation needs besides its own arguments. */
export interface NetworkContext {
  /** The network folder. */
  readonly dir: string;
  /** The time of the operation (inject; never read the clock inside). */
  readonly now: Date;
  /** Passphrase of root.key and directory.key, when they are encrypted. */
  readonly passphrase?: string;
  readonly progress?: (message: string) => void;
}

/** Paths inside a network folder. */
export function networkPaths(dir: string) {
  return {
    register: join(dir, 'network.json'),
    rootCert: join(dir, 'root', 'root.pem'),
    rootKey: join(dir, 'root', 'root.key'),
    directoryCert: join(dir, 'directory', 'directory.pem'),
    directoryKey: join(dir, 'directory', 'directory.key'),
    offices: join(dir, 'offices'),
    office: (code: string) => join(dir, 'offices', code),
    crl: join(dir, 'crl.pem'),
    directoryJws: join(dir, 'directory.jws'),
  };
}

/** Reads and shape-checks network.json. @throws IpexError NETWORK_FOLDER_INVALID */
export function readRegister(dir: string): NetworkRegister {
  const path = networkPaths(dir).register;
  if (!existsSync(path)) {
    throw new IpexError('NETWORK_FOLDER_INVALID', `${dir} is not an ipex network folder (no network.json); create one with "ipex network init"`);
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new IpexError('NETWORK_FOLDER_INVALID', `${path} is not valid JSON`, { cause: err });
  }
  const r = value as Partial<NetworkRegister> | null;
  const bad = (why: string): never => {
    throw new IpexError('NETWORK_FOLDER_INVALID', `${path}: ${why}`);
  };
  if (typeof r !== 'object' || r === null || r.format !== NETWORK_FORMAT) bad(`format must be "${NETWORK_FORMAT}"`);
  if (typeof r!.name !== 'string' || r!.name.length === 0) bad('name is missing');
  if (!Number.isSafeInteger(r!.crlNumber) || !Number.isSafeInteger(r!.directorySerial)) bad('crlNumber/directorySerial must be integers');
  if (r!.development !== undefined && typeof r!.development !== 'boolean') bad('development must be true or false');
  if (typeof r!.offices !== 'object' || r!.offices === null || Array.isArray(r!.offices)) bad('offices must be an object');
  for (const [code, office] of Object.entries(r!.offices!)) {
    if (!isSt3Code(code)) bad(`office code ${JSON.stringify(code.slice(0, 8))} is not ST.3`);
    if (typeof office !== 'object' || office === null || !Array.isArray(office.certificates) || !Array.isArray(office.roles)) {
      bad(`office ${code} is malformed`);
    }
  }
  return r as NetworkRegister;
}

/** Writes network.json atomically (offices sorted by code). */
export function writeRegister(dir: string, register: NetworkRegister): void {
  const offices: Record<string, OfficeRecord> = {};
  for (const code of Object.keys(register.offices).sort()) offices[code] = register.offices[code]!;
  writeFileAtomic(networkPaths(dir).register, `${JSON.stringify({ ...register, offices }, null, 2)}\n`);
}

/**
 * Refuses the one-step flow, where the operator makes an office's private keys, on a network
 * that is not marked as development. @throws IpexError ENROLMENT_REQUIRED
 */
export function requireDevelopment(register: NetworkRegister, what: string): void {
  if (register.development === true) return;
  throw new IpexError('ENROLMENT_REQUIRED',
    `network ${register.name} is not a development network, so the operator does not make office keys: ` +
    `the office runs \`ipex node keygen\` and sends its request folder; then ${what} --request DIR ` +
    '(a development network made before this version: set "development": true in its network.json)');
}

/** The office record for `code`. @throws IpexError OFFICE_UNKNOWN */
export function officeRecord(register: NetworkRegister, code: string): OfficeRecord {
  const office = Object.prototype.hasOwnProperty.call(register.offices, code) ? register.offices[code] : undefined;
  if (!office) throw new IpexError('OFFICE_UNKNOWN', `office ${code} is not in network ${register.name}`);
  return office;
}

/** ISO 8601 UTC without milliseconds, as the directory format wants. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export const DAY_MS = 86_400_000;
