/**
 * Certificate files: PEM "CERTIFICATE" blocks (RFC 7468 §5), parsed as @peculiar/x509
 * certificates for the network operator's issuing code (certs/), which reads and extends them.
 * Apart from key-files.ts so that a node, which only reads private keys, never loads that
 * library (issue 14). Every file is untrusted input: failures carry a stable code.
 */
import './reflect-metadata.js'; // before @peculiar/x509 (see that module)
import { X509Certificate } from '@peculiar/x509';
import { IpexError } from '../errors/index.js';
import { readTextFile } from './key-files.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/g;

/**
 * Parses every "CERTIFICATE" block of a PEM text, in order. Text outside the blocks (comments
 * that OpenSSL writes) is ignored; any other block, bad base64 or bad DER is refused.
 *
 * @throws IpexError CERT_PEM_MALFORMED
 */
export function parseCertificatesPem(text: string, label = 'the PEM text'): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  const begins = (text.match(/-----BEGIN /g) ?? []).length;
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (match[1] !== 'CERTIFICATE') {
      throw new IpexError('CERT_PEM_MALFORMED', `${label} holds a "${match[1]!.slice(0, 40)}" block where a certificate was expected`);
    }
    const body = match[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new IpexError('CERT_PEM_MALFORMED', `${label}: certificate ${certificates.length + 1} is not valid base64`);
    }
    try {
      certificates.push(new X509Certificate(Buffer.from(body, 'base64')));
    } catch (err) {
      throw new IpexError('CERT_PEM_MALFORMED', `${label}: certificate ${certificates.length + 1} is not a DER X.509 certificate`, { cause: err });
    }
  }
  if (certificates.length === 0) throw new IpexError('CERT_PEM_MALFORMED', `${label} holds no PEM certificate`);
  if (certificates.length !== begins) throw new IpexError('CERT_PEM_MALFORMED', `${label} holds a truncated or malformed PEM block`);
  return certificates;
}

/** Reads a PEM file of certificates (a chain: leaf first). */
export function readCertificatesPem(path: string): X509Certificate[] {
  return parseCertificatesPem(readTextFile(path, 'certificate'), path);
}

/** Reads a PEM file that holds exactly one certificate. */
export function readCertificatePem(path: string): X509Certificate {
  const list = readCertificatesPem(path);
  if (list.length !== 1) throw new IpexError('CERT_PEM_MALFORMED', `${path} holds ${list.length} certificates where one was expected`);
  return list[0]!;
}

