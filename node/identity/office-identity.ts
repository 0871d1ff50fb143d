/**
 * This office's identity as the node uses it at run time: its ST.3 code and name, the TLS
 * certificate and key of both listeners and of mutual TLS as a client, the document- and
 * message-signing certificate and key, and the Ed25519 audit-log key (docs/design.md §3).
 *
 * Loaded once at start from `<data>/identity/` (node/config/data-dir.ts). Each private key is
 * checked against its certificate here, so that a mismatched pair stops the node at start with
 * a clear error instead of failing every handshake later.
 */
import { X509Certificate, createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { readPrivateKey } from '../../protocol/pki/key-files.js';
import { OFFICE_URI_PREFIX } from '../../protocol/pki/profile.js';
import type { DataPaths } from '../config/data-dir.js';
import { readOfficeDescription, type OfficeDescription } from './office-description.js';

/** A certificate with its private key. */
export interface CertifiedKey {
  readonly certificatePem: string;
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
  /** Lowercase hex SHA-256 of the certificate's DER: how the directory lists it. */
  readonly sha256: string;
}

export interface OfficeIdentity extends OfficeDescription {
  readonly tls: CertifiedKey;
  readonly signing: CertifiedKey;
  readonly log: { readonly privateKey: KeyObject; readonly verifierKey: string };
  /** The network root CA that this office was issued under. */
  readonly rootPem: string;
}

/** Reads and cross-checks the identity in a data folder. */
export function loadIdentity(paths: DataPaths, passphrase?: string): OfficeIdentity {
  const office = readOfficeDescription(paths.identity.office);
  const keyOptions = passphrase === undefined ? {} : { passphrase };
  const tls = certifiedKey(paths.identity.tlsCert, readPrivateKey(paths.identity.tlsKey, keyOptions), office.code);
  const signing = certifiedKey(paths.identity.signingCert, readPrivateKey(paths.identity.signingKey, keyOptions), office.code);
  const logKey = readPrivateKey(paths.identity.logKey, keyOptions);
  if (logKey.asymmetricKeyType !== 'ed25519') {
    throw new IpexError('KEY_MALFORMED', `${paths.identity.logKey} is not an Ed25519 key: the audit log is signed with Ed25519`);
  }
  return {
    ...office,
    tls,
    signing,
    log: { privateKey: logKey, verifierKey: readFileSync(paths.identity.logVkey, 'utf8').trim() },
    rootPem: readFileSync(paths.trust.root, 'utf8'),
  };
}

/** Reads a certificate file and pairs it with its key, refusing a pair that does not match. */
export function certifiedKey(certPath: string, privateKey: KeyObject, officeCode: string): CertifiedKey {
  const certificatePem = readFileSync(certPath, 'utf8');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (err) {
    throw new IpexError('CERT_PEM_MALFORMED', `${certPath} does not hold a PEM certificate`, { cause: err });
  }
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fromCert = certificate.publicKey.export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(fromCert)) {
    throw new IpexError('KEY_MALFORMED', `the private key beside ${certPath} does not belong to that certificate`);
  }
  const expectedUri = `URI:${OFFICE_URI_PREFIX}${officeCode}`;
  const sans = (certificate.subjectAltName ?? '').split(', ');
  if (!sans.includes(expectedUri)) {
    throw new IpexError('CERT_OFFICE_MISMATCH', `${certPath} is not issued to office ${officeCode} (no ${expectedUri.slice(4)} in its subjectAltName)`);
  }
  return { certificatePem, certificate, privateKey, sha256: createHash('sha256').update(certificate.raw).digest('hex') };
}
