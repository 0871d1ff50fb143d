/**
 * The network CRL (RFC 5280 §5, docs/design.md §3 "Revocation by CRL, published with the
 * directory"): every certificate the register marks revoked, under the next cRLNumber.
 */
import '../../protocol/pki/reflect-metadata.js';
import { X509CrlReason } from '@peculiar/x509';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { createCrl, type Issuer, type RevokedEntry } from '../issue.js';
import { DAY_MS, isoSeconds, networkPaths, type NetworkRegister } from './network-folder.js';

export interface WrittenCrl {
  readonly pem: string;
  readonly number: number;
  readonly nextUpdate: string;
}

/** Issues the next CRL, writes crl.pem and bumps `register.crlNumber` (the caller saves it). */
export async function writeNetworkCrl(
  dir: string, register: NetworkRegister, root: Issuer, now: Date, validDays: number,
): Promise<WrittenCrl> {
  const crl = await buildNetworkCrl(register, root, now, validDays);
  writeFileAtomic(networkPaths(dir).crl, crl.pem);
  register.crlNumber = crl.number;
  return crl;
}

/** Issues the next CRL in memory, changing nothing (to write it together with the directory). */
export async function buildNetworkCrl(register: NetworkRegister, root: Issuer, now: Date, validDays: number): Promise<WrittenCrl> {
  const revoked: RevokedEntry[] = [];
  for (const office of Object.values(register.offices)) {
    for (const cert of office.certificates) {
      if (cert.state !== 'revoked') continue;
      revoked.push({
        serialNumber: cert.serialNumber,
        revokedAt: new Date(cert.revokedAt ?? now.toISOString()),
        reason: X509CrlReason[cert.reason ?? 'cessationOfOperation'],
      });
    }
  }
  const number = register.crlNumber + 1;
  const nextUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000 + validDays * DAY_MS);
  const pem = await createCrl({ issuer: root, revoked, thisUpdate: now, nextUpdate, crlNumber: number });
  return { pem, number, nextUpdate: isoSeconds(nextUpdate) };
}
