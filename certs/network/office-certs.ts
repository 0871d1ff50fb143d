/**
 * Issuing an office's pair of certificates (docs/design.md §3): a TLS certificate (serverAuth +
 * clientAuth, SAN with the exchange host) and a document-signing certificate, both bound to the
 * office by the SAN URI urn:ipex:office:<CODE> (protocol/pki/profile.ts), and the register
 * entries that list them. Shared by add-office and rotate.
 */
import { isIP } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../../protocol/errors/index.js';
import { certificateSha256, generateKeyPair, issueCertificate, toPem, type Issuer } from '../issue.js';
import { isoSeconds, DAY_MS, type CertificateRecord } from './network-folder.js';

export interface IssuedCertificate {
  readonly pem: string;
  /** The private key, when the operator made it (development networks only); else undefined. */
  readonly privateKey?: KeyObject;
}

export interface IssuedPair {
  readonly tls: IssuedCertificate;
  readonly signing: IssuedCertificate;
  readonly records: CertificateRecord[];
}

/** The office's public keys from its enrolment request; absent: make new key pairs here. */
export interface RequestedKeys {
  readonly tls: KeyObject;
  readonly signing: KeyObject;
}

export interface OfficeIdentity {
  readonly code: string;
  readonly name: string;
  readonly exchangeUrl: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** A DNS name: dot-separated labels of letters, digits and inner hyphens (RFC 1123 §2.1). */
const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The DNS names and IP addresses a TLS certificate must carry: the URL host plus extras. */
export function tlsNames(exchangeUrl: string, dns: readonly string[] = [], ips: readonly string[] = []): { dnsNames: string[]; ipAddresses: string[] } {
  for (const ip of ips) {
    if (isIP(ip) === 0) throw new IpexError('INVALID_INPUT', `${JSON.stringify(ip.slice(0, 60))} is not an IP address`);
  }
  for (const name of dns) {
    if (!DNS_NAME.test(name)) throw new IpexError('INVALID_INPUT', `${JSON.stringify(name.slice(0, 60))} is not a DNS name`);
  }
  const host = new URL(exchangeUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  const dnsNames = new Set(dns);
  const ipAddresses = new Set(ips);
  if (isIP(host)) ipAddresses.add(host);
  else dnsNames.add(host);
  return { dnsNames: [...dnsNames], ipAddresses: [...ipAddresses] };
}

/**
 * Issues a TLS and a signing certificate for an office: for the public keys of its request
 * (only the keys are taken from it; every extension comes from the profile), or — without a
 * request, on a development network — for new P-256 keys made here.
 */
export async function issueOfficePair(
  root: Issuer, office: OfficeIdentity, now: Date, validDays: number, state: CertificateRecord['state'], requested?: RequestedKeys,
): Promise<IssuedPair> {
  const notBefore = new Date(now.getTime() - 5 * 60_000); // tolerate small clock skew at the peers
  const notAfter = new Date(now.getTime() + validDays * DAY_MS);
  const records: CertificateRecord[] = [];
  const issue = async (kind: 'tls' | 'signing') => {
    const keys = requested === undefined ? await generateKeyPair('P-256') : { publicKey: requested[kind], privateKey: undefined };
    const certificate = await issueCertificate({
      kind, issuer: root, publicKey: keys.publicKey, officeCode: office.code,
      commonName: `${office.code} ${kind === 'tls' ? 'exchange TLS' : 'document signing'}`, organization: office.name,
      ...(kind === 'tls' ? { dnsNames: office.dnsNames, ipAddresses: office.ipAddresses } : {}),
      notBefore, notAfter,
    });
    records.push({
      use: kind, serialNumber: certificate.serialNumber.toLowerCase(), sha256: await certificateSha256(certificate),
      notAfter: isoSeconds(certificate.notAfter), state, der: Buffer.from(certificate.rawData).toString('base64'),
    });
    return keys.privateKey === undefined ? { pem: toPem(certificate) } : { pem: toPem(certificate), privateKey: keys.privateKey };
  };
  const tls = await issue('tls');
  const signing = await issue('signing');
  return { tls, signing, records };
}
