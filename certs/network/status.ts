/**
 * `ipex network revoke | suspend | resume`: changing an office's standing. Revocation is final
 * and goes into a new CRL at once (RFC 5280 §5); suspension only changes the directory status,
 * so a suspended office is refused by peers from the next directory on and can be resumed.
 */
import { IpexError } from '../../protocol/errors/index.js';
import { normaliseSt3Code } from '../../protocol/st3/index.js';
import { writeNetworkCrl } from './network-crl.js';
import {
  isoSeconds, officeRecord, readRegister, writeRegister, REVOCATION_REASONS,
  type CertificateRecord, type NetworkContext, type OfficeStatus, type RevocationReason,
} from './network-folder.js';
import { loadRoot } from './network-issuers.js';

export interface RevokeOptions {
  readonly code: string;
  /** Revoke only this certificate (hex serial; colons and case ignored). */
  readonly serialNumber?: string;
  readonly reason?: string;
  /** nextUpdate of the new CRL, in days (default 30). */
  readonly crlValidDays?: number;
}

export interface RevokeResult {
  readonly code: string;
  readonly status: OfficeStatus;
  readonly revoked: string[];
  readonly crlNumber: number;
}

function parseReason(reason: string | undefined, fallback: RevocationReason): RevocationReason {
  if (reason === undefined) return fallback;
  if (!(REVOCATION_REASONS as readonly string[]).includes(reason)) {
    throw new IpexError('INVALID_INPUT', `revocation reason must be one of ${REVOCATION_REASONS.join(', ')}`);
  }
  return reason as RevocationReason;
}

/** Revokes an office (all its certificates) or one certificate, and writes the new CRL. */
export async function revoke(ctx: NetworkContext, options: RevokeOptions): Promise<RevokeResult> {
  const code = normaliseSt3Code(options.code);
  const register = readRegister(ctx.dir);
  const office = officeRecord(register, code);
  const root = loadRoot(ctx); // before changing anything: a wrong passphrase leaves all as it was
  let targets: CertificateRecord[];
  let reason: RevocationReason;
  if (options.serialNumber !== undefined) {
    const serial = options.serialNumber.replace(/:/g, '').toLowerCase().replace(/^0+(?=.)/, '');
    const cert = office.certificates.find((c) => c.serialNumber.replace(/^0+(?=.)/, '') === serial);
    if (!cert) throw new IpexError('NOT_FOUND', `office ${code} has no certificate with serial ${serial.slice(0, 40)}`);
    if (cert.state === 'revoked') throw new IpexError('NETWORK_STATE_CONFLICT', `certificate ${serial} is already revoked`);
    targets = [cert];
    reason = parseReason(options.reason, 'keyCompromise');
  } else {
    if (office.status === 'revoked') throw new IpexError('NETWORK_STATE_CONFLICT', `office ${code} is already revoked`);
    targets = office.certificates.filter((c) => c.state !== 'revoked');
    office.status = 'revoked';
    reason = parseReason(options.reason, 'cessationOfOperation');
  }
  for (const cert of targets) {
    cert.state = 'revoked';
    cert.revokedAt = isoSeconds(ctx.now);
    cert.reason = reason;
  }
  ctx.progress?.(`writing a new CRL revoking ${targets.length} certificate(s) of ${code}`);
  const crl = await writeNetworkCrl(ctx.dir, register, root, ctx.now, options.crlValidDays ?? 30);
  writeRegister(ctx.dir, register);
  return { code, status: office.status, revoked: targets.map((c) => c.serialNumber), crlNumber: crl.number };
}

/** Sets an office's status to suspended or back to active. Revoked offices stay revoked. */
export function setSuspended(ctx: NetworkContext, codeInput: string, suspended: boolean): { code: string; status: OfficeStatus } {
  const code = normaliseSt3Code(codeInput);
  const register = readRegister(ctx.dir);
  const office = officeRecord(register, code);
  const from: OfficeStatus = suspended ? 'active' : 'suspended';
  if (office.status !== from) {
    throw new IpexError('NETWORK_STATE_CONFLICT', `office ${code} is ${office.status}, not ${from}`);
  }
  office.status = suspended ? 'suspended' : 'active';
  writeRegister(ctx.dir, register);
  return { code, status: office.status };
}
