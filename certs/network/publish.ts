/**
 * `ipex network publish`: issues the next CRL and the next signed directory (docs/design.md §3) and
 * writes crl.pem and directory.jws. The directory lists every office with its status, roles,
 * exchange URL, log key and the fingerprints of its certificates that are not revoked (both
 * during a rotation). Both documents are built and signed in memory first, then written.
 */
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { DIRECTORY_FORMAT, type Directory } from '../../protocol/directory/format.js';
import { signDirectory } from '../../protocol/directory/sign.js';
import { crlSummary } from '../../protocol/directory/crl-summary.js';
import { buildNetworkCrl } from './network-crl.js';
import { currentDirectorySigner } from './directory-cert.js';
import {
  DAY_MS, isoSeconds, networkPaths, readRegister, writeRegister, type NetworkContext, type NetworkRegister,
} from './network-folder.js';
import { loadDirectorySigner, loadRoot } from './network-issuers.js';

export interface PublishResult {
  readonly serial: number;
  readonly expiresAt: string;
  readonly crlNumber: number;
  readonly offices: number;
  readonly crlPath: string;
  readonly directoryPath: string;
}

/** Builds the directory object for `register` (without signing it). */
export function buildDirectory(
  register: NetworkRegister, serial: number, now: Date, expiresAt: Date, crl: { sha256: string; number: number; nextUpdate: string },
): Directory {
  return {
    format: DIRECTORY_FORMAT,
    network: register.name,
    serial,
    issuedAt: isoSeconds(now),
    expiresAt: isoSeconds(expiresAt),
    crl,
    offices: Object.keys(register.offices).sort().map((code) => {
      const office = register.offices[code]!;
      return {
        code,
        name: office.name,
        exchangeUrl: office.exchangeUrl,
        roles: [...office.roles],
        status: office.status,
        certificates: office.certificates
          .filter((c) => c.state !== 'revoked')
          .map((c) => ({ use: c.use, sha256: c.sha256, serialNumber: c.serialNumber, notAfter: c.notAfter, certificate: c.der })),
        logKey: office.logKey,
      };
    }),
  };
}

/** Publishes the next CRL and directory. @throws IpexError INVALID_INPUT, KEY_*, DIRECTORY_MALFORMED */
export async function publish(ctx: NetworkContext, validDays = 30): Promise<PublishResult> {
  if (!Number.isSafeInteger(validDays) || validDays < 1 || validDays > 366) {
    throw new IpexError('INVALID_INPUT', '--valid-days must be a whole number from 1 to 366');
  }
  const register = readRegister(ctx.dir);
  const root = loadRoot(ctx);
  const signer = await currentDirectorySigner(ctx, root, loadDirectorySigner(ctx), register.name);
  const paths = networkPaths(ctx.dir);
  ctx.progress?.(`issuing CRL number ${register.crlNumber + 1}`);
  const crl = await buildNetworkCrl(register, root, ctx.now, validDays);
  const serial = register.directorySerial + 1;
  const expiresAt = new Date(Math.floor(ctx.now.getTime() / 1000) * 1000 + validDays * DAY_MS);
  const directory = buildDirectory(register, serial, ctx.now, expiresAt, crlSummary(crl.pem));
  ctx.progress?.(`signing directory serial ${serial} (${directory.offices.length} offices)`);
  const jws = await signDirectory(directory, { certificate: signer.certificate, privateKey: signer.privateKey });
  writeFileAtomic(paths.crl, crl.pem);
  writeFileAtomic(paths.directoryJws, jws);
  register.crlNumber = crl.number;
  register.directorySerial = serial;
  writeRegister(ctx.dir, register);
  return {
    serial, expiresAt: directory.expiresAt, crlNumber: crl.number, offices: directory.offices.length,
    crlPath: paths.crl, directoryPath: paths.directoryJws,
  };
}
