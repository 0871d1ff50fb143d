/**
 * `ipex network add-office`: admits an office to the network, writing the office bundle
 * `offices/<CODE>/` in one step (built under a temporary name).
 *
 * - With `requestDir` (enrolment by request, every network): the office made its keys on its
 *   own machine (`ipex node keygen`); its request folder holds two PKCS#10 requests and its
 *   audit-log verifier key (protocol/pki/enrolment-request.ts). Each request's proof of
 *   possession is checked, only its public key is used, and every extension comes from the
 *   ipex profile. The bundle holds no private key: office.json, root.pem, tls.pem,
 *   signing.pem, log.vkey.
 * - Without it (development networks only, `requireDevelopment`): the operator makes the
 *   office's TLS, signing and Ed25519 log keys and puts them, unencrypted, into the bundle.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { exchangeOrigin } from '../../protocol/exchange-client/exchange-url.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { writePrivateKey } from '../../protocol/pki/key-files.js';
import { formatVerifierKey } from '../../protocol/note/verifier-key.js';
import { logKeyName, readEnrolmentRequest } from '../../protocol/pki/enrolment-request.js';
import { normaliseSt3Code } from '../../protocol/st3/index.js';
import { toPem } from '../issue.js';
import { issueOfficePair, tlsNames, type IssuedCertificate } from './office-certs.js';
import {
  OFFICE_BUNDLE_FORMAT, networkPaths, readRegister, requireDevelopment, writeRegister, type NetworkContext, type OfficeRole,
} from './network-folder.js';
import { loadRoot } from './network-issuers.js';

export { logKeyName };

export interface AddOfficeOptions {
  readonly code: string;
  readonly name: string;
  readonly exchangeUrl: string;
  readonly roles?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Validity of the certificates in days (default 365). */
  readonly validDays?: number;
  /** The office's enrolment request folder; absent: the one-step flow (development networks only). */
  readonly requestDir?: string;
}

export interface AddOfficeResult {
  readonly code: string;
  readonly bundle: string;
  /** True when the bundle holds private keys the operator made (development networks only). */
  readonly keysInBundle: boolean;
  readonly certificates: { use: string; serialNumber: string; sha256: string; notAfter: string }[];
  readonly logKey: string;
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

/**
 * Adds an office to the network.
 * @throws IpexError OFFICE_CODE_INVALID, ALREADY_EXISTS, INVALID_INPUT, ENROLMENT_REQUIRED, CSR_*, KEY_*
 */
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
  // Everything the office sent is checked before the root key is even opened.
  const request = options.requestDir === undefined ? undefined : readEnrolmentRequest(options.requestDir, code, 'enrol');
  if (request === undefined) requireDevelopment(register, `\`ipex network add-office --code ${code} …\``);
  const root = loadRoot(ctx);
  const { dnsNames, ipAddresses } = tlsNames(exchangeUrl, options.dnsNames, options.ipAddresses);
  ctx.progress?.(`issuing TLS and signing certificates for ${code}${request === undefined ? ' (keys made here: development network)' : ' from its requests'}`);
  const pair = await issueOfficePair(root, { code, name, exchangeUrl, dnsNames, ipAddresses }, ctx.now, validDays, 'current', request);
  let log: KeyObject | undefined;
  let logKey: string;
  if (request === undefined) {
    ctx.progress?.(`generating the audit-log key of ${code} (Ed25519)`);
    log = generateKeyPairSync('ed25519').privateKey;
    logKey = formatVerifierKey(logKeyName(code), log);
  } else {
    logKey = request.logKey!;
  }
  const bundle = paths.office(code);
  const certificate = (tmp: string, use: string, issued: IssuedCertificate): void => {
    writeFileAtomic(join(tmp, `${use}.pem`), issued.pem);
    if (issued.privateKey !== undefined) writePrivateKey(join(tmp, `${use}.key`), issued.privateKey);
  };
  try {
    await createDirAtomic(bundle, (tmp) => {
      const officeJson = { format: OFFICE_BUNDLE_FORMAT, code, name, exchangeUrl, roles, network: register.name };
      writeFileAtomic(join(tmp, 'office.json'), `${JSON.stringify(officeJson, null, 2)}\n`);
      writeFileAtomic(join(tmp, 'root.pem'), toPem(root.certificate));
      certificate(tmp, 'tls', pair.tls);
      certificate(tmp, 'signing', pair.signing);
      if (log !== undefined) writePrivateKey(join(tmp, 'log.key'), log);
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
    code, bundle, logKey, keysInBundle: request === undefined,
    certificates: pair.records.map(({ use, serialNumber, sha256, notAfter }) => ({ use, serialNumber, sha256, notAfter })),
  };
}
