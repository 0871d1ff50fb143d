/**
 * TLS of the office listener (docs/configuration.md `officeApi.tls`, docs/portal.md "Security"):
 * the portal may face the internet, since applicants are outside the office. The certificate and
 * key files are read and checked when the node starts — readable, PEM, a key that fits the
 * certificate, the certificate valid now — so that a wrong file stops the start with a message
 * that names it, not the first browser with a handshake error.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import type { OfficeTlsFiles } from '../config/config.js';

export interface OfficeTlsMaterial {
  readonly certificatePem: string;
  readonly key: KeyObject;
}

export function loadOfficeTls(files: OfficeTlsFiles, clock: Clock, passphrase?: string): OfficeTlsMaterial {
  const read = (path: string, what: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new IpexError('CONFIG_INVALID', `officeApi.tls.${what}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
    }
  };
  const certificatePem = read(files.certificate, 'certificate');
  const keyPem = read(files.key, 'key');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `officeApi.tls.certificate: ${files.certificate} is not a PEM X.509 certificate`, { cause: err });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase === undefined ? keyPem : { key: keyPem, passphrase });
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `officeApi.tls.key: ${files.key} is not a PEM private key (or its passphrase is wrong: IPEX_PASSPHRASE)`, { cause: err });
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new IpexError('CONFIG_INVALID', `officeApi.tls.key: ${files.key} is not the key of the certificate ${files.certificate}`);
  }
  const now = clock.now().getTime();
  if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
    throw new IpexError('CONFIG_INVALID', `officeApi.tls.certificate: ${files.certificate} is valid from ${certificate.validFrom} to ${certificate.validTo}, not now`);
  }
  return { certificatePem, key };
}
