/**
 * The certificates a running node depends on and whose expiry operators must see coming
 * (issue 13): the exchange TLS certificate, the signing certificate, and the office listener's
 * own TLS certificate when one is configured. Readiness, the expiry metrics and the expiry
 * alerts all read this one list, made once at start.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { OfficeIdentity } from '../identity/office-identity.js';

export interface WatchedCertificate {
  /** `tls` (exchange listener and client), `signing`, `office-api-tls`. */
  readonly use: string;
  readonly sha256: string;
  readonly notBefore: number;
  readonly notAfter: number;
}

export function watchedCertificates(identity: OfficeIdentity, officeApiTlsPem?: string): WatchedCertificate[] {
  const list = [watched('tls', identity.tls.certificate), watched('signing', identity.signing.certificate)];
  if (officeApiTlsPem !== undefined) list.push(watched('office-api-tls', new X509Certificate(officeApiTlsPem)));
  return list;
}

function watched(use: string, certificate: X509Certificate): WatchedCertificate {
  return {
    use,
    sha256: createHash('sha256').update(certificate.raw).digest('hex'),
    notBefore: Date.parse(certificate.validFrom),
    notAfter: Date.parse(certificate.validTo),
  };
}

/** Whole and fractional days from `now` to `at` (negative once past). */
export function daysUntil(at: number, now: number): number {
  return (at - now) / 86_400_000;
}
