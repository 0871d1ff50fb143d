/**
 * `ipex network add-office`: admits an office to the network. Issues its TLS and signing
 * certificates (bound by urn:ipex:office:<CODE>), generates its Ed25519 audit-log key, and
 * writes the office bundle `offices/<CODE>/` in one step (built under a temporary name):
 * office.json, root.pem, tls.pem/.key, signing.pem/.key, log.key, log.vkey (C2SP verifier key
 * named `ipex/audit/<CODE>`). Private keys are PKCS#8 PEM, mode 0600, unencrypted: the bundle
 * is handed to the office over a secure channel and installed by its administrators.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { exchangeOrigin } from '../../protocol/exchange-client/exchange-url.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { writePrivateKey } from '../../protocol/pki/key-files.js';
import { formatVerifierKey } from '../../protocol/note/verifier-key.js';
import { normaliseSt3Code } from '../../protocol/st3/index.js';
import { toPem } from '../issue.js';
import { issueOfficePair, tlsNames } from './office-certs.js';
import {
  OFFICE_BUNDLE_FORMAT, loadRoot, networkPaths, readRegister, writeRegister, type NetworkContext, type OfficeRole,
} from './network-folder.js';

export interface AddOfficeOptions {
  readonly code: string;
  readonly name: string;
  readonly exchangeUrl: string;
  readonly roles?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Validity of the certificates in days (default 365). */
  readonly validDays?: number;
}

export interface AddOfficeResult {
  readonly code: string;
  readonly bundle: string;
  readonly certificates: { use: string; serialNumber: string; sha256: string; notAfter: string }[];
  readonly logKey: string;
}

/** The name of an office's audit-log key in checkpoints and log.vkey. */
export function logKeyName(code: string): string {
  return `ipex/audit/${code}`;
}

export function parseRoles(roles: readonly string[] | undefined): OfficeRole[] {
  const list = roles === undefined || roles.length === 0 ? ['depositing', 'accessing'] : roles;
  const out: OfficeRole[] = [];
  for (const role of list) {
    if (role !== 'depositing' && role !== 'accessing') {
      throw new IpexError('INVALID_INPUT', `role ${JSON.stringify(role.slice(0, 20))} is not "depositing" or "accessing"`);
    }
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

/** The office's exchange URL as the directory holds it: an https origin (docs/trust.md). */
export function checkExchangeUrl(url: string): string {
  return exchangeOrigin(url);
}

/** Adds an office to the network. @throws IpexError OFFICE_CODE_INVALID, ALREADY_EXISTS, INVALID_INPUT, KEY_* */
export async function addOffice(ctx: NetworkContext, options: AddOfficeOptions): Promise<AddOfficeResult> {
  const code = normaliseSt3Code(options.code);
  const name = options.name.trim();
  if (name.length === 0 || name.length > 200) throw new IpexError('INVALID_INPUT', 'office name must be 1-200 characters');
  const exchangeUrl = checkExchangeUrl(options.exchangeUrl);
  const roles = parseRoles(options.roles);
  const validDays = options.validDays ?? 365;
  const register = readRegister(ctx.dir);
  const paths = networkPaths(ctx.dir);
  if (Object.prototype.hasOwnProperty.call(register.offices, code)) {
    throw new IpexError('ALREADY_EXISTS', `office ${code} is already in network ${register.name}`);
  }
  const root = loadRoot(ctx);
  const { dnsNames, ipAddresses } = tlsNames(exchangeUrl, options.dnsNames, options.ipAddresses);
  ctx.progress?.(`issuing TLS and signing certificates for ${code}`);
  const pair = await issueOfficePair(root, { code, name, exchangeUrl, dnsNames, ipAddresses }, ctx.now, validDays, 'current');
  ctx.progress?.(`generating the audit-log key of ${code} (Ed25519)`);
  const log = generateKeyPairSync('ed25519');
  const logKey = formatVerifierKey(logKeyName(code), log.publicKey);
  const bundle = paths.office(code);
  try {
    await createDirAtomic(bundle, (tmp) => {
      const officeJson = { format: OFFICE_BUNDLE_FORMAT, code, name, exchangeUrl, roles, network: register.name };
      writeFileAtomic(join(tmp, 'office.json'), `${JSON.stringify(officeJson, null, 2)}\n`);
      writeFileAtomic(join(tmp, 'root.pem'), toPem(root.certificate));
      writeFileAtomic(join(tmp, 'tls.pem'), pair.tls.pem);
      writePrivateKey(join(tmp, 'tls.key'), pair.tls.privateKey);
      writeFileAtomic(join(tmp, 'signing.pem'), pair.signing.pem);
      writePrivateKey(join(tmp, 'signing.key'), pair.signing.privateKey);
      writePrivateKey(join(tmp, 'log.key'), log.privateKey);
      writeFileAtomic(join(tmp, 'log.vkey'), `${logKey}\n`);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new IpexError('ALREADY_EXISTS', `${bundle} already exists but ${code} is not in network.json; move it away first`, { cause: err });
    }
    throw err;
  }
  register.offices[code] = { name, exchangeUrl, roles, status: 'active', certificates: pair.records, logKey };
  writeRegister(ctx.dir, register);
  return {
    code, bundle, logKey,
    certificates: pair.records.map(({ use, serialNumber, sha256, notAfter }) => ({ use, serialNumber, sha256, notAfter })),
  };
}
