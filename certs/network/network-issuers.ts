/**
 * The network's two issuers, read from its folder: the root CA and the directory-signing
 * certificate, each with its private key (decrypted with the operator's passphrase). Apart from
 * network-folder.ts so that code that only reads the folder's layout and register (a
 * development node following its network) never loads the certificate library (issue 14).
 */
import type { KeyObject } from 'node:crypto';
import { readCertificatePem } from '../../protocol/pki/certificate-pem.js';
import { readPrivateKey } from '../../protocol/pki/key-files.js';
import type { Issuer } from '../issue.js';
import { networkPaths, type NetworkContext } from './network-folder.js';

function loadIssuer(certPath: string, keyPath: string, passphrase: string | undefined): Issuer {
  const privateKey: KeyObject = readPrivateKey(keyPath, passphrase === undefined ? {} : { passphrase });
  return { certificate: readCertificatePem(certPath), privateKey };
}

/** Loads the network root CA (certificate and private key). */
export function loadRoot(ctx: NetworkContext): Issuer {
  const p = networkPaths(ctx.dir);
  return loadIssuer(p.rootCert, p.rootKey, ctx.passphrase);
}

/** Loads the directory-signing certificate and key. */
export function loadDirectorySigner(ctx: NetworkContext): Issuer {
  const p = networkPaths(ctx.dir);
  return loadIssuer(p.directoryCert, p.directoryKey, ctx.passphrase);
}

