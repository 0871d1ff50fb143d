/**
 * `ipex network rotate`: certificate rotation without an outage (docs/design.md §3). Step one issues
 * new TLS and signing certificates marked 'next' beside the current ones; the next directory
 * lists both, so peers accept either while the office installs the new ones
 * (offices/<CODE>/tls.next.pem etc.; the .key files only on a development network, where the
 * operator makes the keys). `--finish` makes 'next' current and drops the old
 * certificates from the register; the directory published after that lists only the new ones.
 */
import '../../protocol/pki/reflect-metadata.js';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { fsyncDir, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { SubjectAlternativeNameExtension } from '@peculiar/x509';
import { readCertificatePem } from '../../protocol/pki/certificate-pem.js';
import { writePrivateKey } from '../../protocol/pki/key-files.js';
import { readEnrolmentRequest } from '../../protocol/pki/enrolment-request.js';
import { normaliseSt3Code } from '../../protocol/st3/index.js';
import { issueOfficePair, tlsNames } from './office-certs.js';
import {
  networkPaths, officeRecord, readRegister, requireDevelopment, writeRegister, type CertificateRecord, type NetworkContext,
} from './network-folder.js';
import { loadRoot } from './network-issuers.js';

const FILES = ['tls.pem', 'tls.key', 'signing.pem', 'signing.key'] as const;
const nextName = (file: string) => file.replace(/\.(pem|key)$/, '.next.$1');

export interface RotateResult {
  readonly code: string;
  readonly phase: 'started' | 'finished';
  readonly certificates: CertificateRecord[];
}

/**
 * Starts a rotation: new certificates in state 'next', for the keys of the office's rotation
 * request (`ipex node keygen --rotate`), or — on a development network only — for keys made here.
 * @throws IpexError NETWORK_STATE_CONFLICT, ENROLMENT_REQUIRED, CSR_*
 */
export async function startRotation(ctx: NetworkContext, codeInput: string, validDays = 365, requestDir?: string): Promise<RotateResult> {
  const code = normaliseSt3Code(codeInput);
  const register = readRegister(ctx.dir);
  const office = officeRecord(register, code);
  if (office.status === 'revoked') throw new IpexError('NETWORK_STATE_CONFLICT', `office ${code} is revoked; add it again under a new bundle instead`);
  if (office.certificates.some((c) => c.state === 'next')) {
    throw new IpexError('NETWORK_STATE_CONFLICT', `a rotation of ${code} is already in progress; finish it with --finish`);
  }
  const request = requestDir === undefined ? undefined : readEnrolmentRequest(requestDir, code, 'rotate');
  if (request === undefined) requireDevelopment(register, `\`ipex network rotate --code ${code}\``);
  const root = loadRoot(ctx);
  const current = currentTlsNames(ctx.dir, code);
  const { dnsNames, ipAddresses } = tlsNames(office.exchangeUrl, current.dns, current.ips);
  ctx.progress?.(`issuing next TLS and signing certificates for ${code}`);
  const pair = await issueOfficePair(root, { code, name: office.name, exchangeUrl: office.exchangeUrl, dnsNames, ipAddresses }, ctx.now, validDays, 'next', request);
  const bundle = networkPaths(ctx.dir).office(code);
  for (const [use, issued] of [['tls', pair.tls], ['signing', pair.signing]] as const) {
    writeFileAtomic(join(bundle, `${use}.next.pem`), issued.pem);
    if (issued.privateKey !== undefined) writePrivateKey(join(bundle, `${use}.next.key`), issued.privateKey);
  }
  office.certificates.push(...pair.records);
  writeRegister(ctx.dir, register);
  return { code, phase: 'started', certificates: office.certificates };
}

/** Finishes a rotation: 'next' becomes 'current', the old certificates are dropped. */
export function finishRotation(ctx: NetworkContext, codeInput: string): RotateResult {
  const code = normaliseSt3Code(codeInput);
  const register = readRegister(ctx.dir);
  const office = officeRecord(register, code);
  if (!office.certificates.some((c) => c.state === 'next')) {
    throw new IpexError('NETWORK_STATE_CONFLICT', `no rotation of ${code} is in progress; start one with "ipex network rotate --code ${code}"`);
  }
  const bundle = networkPaths(ctx.dir).office(code);
  // Each rename is atomic; a repeated --finish after a crash skips files already moved.
  for (const file of FILES) {
    const next = join(bundle, nextName(file));
    if (existsSync(next)) renameSync(next, join(bundle, file));
  }
  fsyncDir(bundle);
  office.certificates = office.certificates
    .filter((c) => c.state !== 'current')
    .map((c) => (c.state === 'next' ? { ...c, state: 'current' as const } : c));
  writeRegister(ctx.dir, register);
  ctx.progress?.(`${code} now uses its new certificates; publish a new directory`);
  return { code, phase: 'finished', certificates: office.certificates };
}

/** The DNS names and IP addresses of the office's current TLS certificate, kept on rotation. */
function currentTlsNames(dir: string, code: string): { dns: string[]; ips: string[] } {
  const path = join(networkPaths(dir).office(code), 'tls.pem');
  if (!existsSync(path)) return { dns: [], ips: [] };
  const san = readCertificatePem(path).getExtension(SubjectAlternativeNameExtension);
  const items = san?.names.items ?? [];
  return {
    dns: items.filter((n) => n.type === 'dns').map((n) => n.value),
    ips: items.filter((n) => n.type === 'ip').map((n) => n.value),
  };
}
