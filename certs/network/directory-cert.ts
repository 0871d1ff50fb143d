/**
 * The network operator's directory-signing certificate (docs/trust.md "Object identifiers"):
 * issued by `ipex network init`, and reissued for the same key by `ipex network publish` when
 * the folder still holds one of the profile used before issue 10 (the UUID-arc EKU that
 * python3-cryptography and Go cannot parse, and no urn:ipex:directory URI), so that a network
 * moves to the current profile on its next publish without the operator doing anything.
 */
import '../../protocol/pki/reflect-metadata.js';
import type { KeyObject } from 'node:crypto';
import { SubjectAlternativeNameExtension, type X509Certificate } from '@peculiar/x509';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { DIRECTORY_URI } from '../../protocol/pki/profile.js';
import { issueCertificate, toPem, type Issuer } from '../issue.js';
import { DAY_MS, networkPaths, type NetworkContext } from './network-folder.js';

/** Validity of a directory certificate. */
const VALID_DAYS = 730;

/** Issues a directory-signing certificate for `publicKey` under the root. */
export function issueDirectoryCertificate(root: Issuer, publicKey: KeyObject, network: string, now: Date): Promise<X509Certificate> {
  return issueCertificate({
    kind: 'directory', issuer: root, publicKey, commonName: `ipex ${network} directory`, organization: network,
    notBefore: new Date(now.getTime() - 5 * 60_000), notAfter: new Date(now.getTime() + VALID_DAYS * DAY_MS),
  });
}

/** True when the certificate carries the urn:ipex:directory binding of the current profile. */
export function hasDirectoryBinding(cert: X509Certificate): boolean {
  const san = cert.getExtension(SubjectAlternativeNameExtension);
  return (san?.names.items ?? []).some((name) => name.type === 'url' && name.value === DIRECTORY_URI);
}

/**
 * Returns the signer to publish with: `signer` itself, or — when its certificate predates the
 * current profile — a new certificate for the same key, written to directory/directory.pem first.
 */
export async function currentDirectorySigner(ctx: NetworkContext, root: Issuer, signer: Issuer, network: string): Promise<Issuer> {
  if (hasDirectoryBinding(signer.certificate)) return signer;
  ctx.progress?.('reissuing the directory certificate with the current profile (documentSigning, urn:ipex:directory)');
  const certificate = await issueDirectoryCertificate(root, signer.privateKey, network, ctx.now);
  writeFileAtomic(networkPaths(ctx.dir).directoryCert, toPem(certificate));
  return { certificate, privateKey: signer.privateKey };
}
