/**
 * `ipex network init`: creates a network folder with a fresh root CA (ECDSA P-256, 10 years),
 * a directory-signing certificate (2 years), the first (empty) CRL and network.json. The folder
 * is built under a temporary name and renamed into place, so a failure leaves nothing. With
 * `development`, the network is marked as one where the operator may make office keys.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { writePrivateKey } from '../../protocol/pki/key-files.js';
import { createRootCa, generateKeyPair, toPem } from '../issue.js';
import { issueDirectoryCertificate } from './directory-cert.js';
import { writeNetworkCrl } from './network-crl.js';
import { DAY_MS, NETWORK_FORMAT, isoSeconds, networkPaths, writeRegister, type NetworkContext, type NetworkRegister } from './network-folder.js';

export interface InitResult {
  readonly dir: string;
  readonly name: string;
  readonly rootSha256: string;
  readonly encrypted: boolean;
  readonly development: boolean;
}

export interface InitOptions {
  /** Mark the network as development: the operator may then make office keys (one-step flow). */
  readonly development?: boolean;
}

/** Creates the network folder `ctx.dir`. @throws IpexError ALREADY_EXISTS, INVALID_INPUT */
export async function initNetwork(ctx: NetworkContext, name: string, options: InitOptions = {}): Promise<InitResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(name)) {
    throw new IpexError('INVALID_INPUT', 'network name must be 1-64 letters, digits, spaces, dots, dashes or underscores');
  }
  if (existsSync(ctx.dir)) throw new IpexError('ALREADY_EXISTS', `${ctx.dir} already exists; choose another --dir`);
  const keyOptions = ctx.passphrase === undefined ? {} : { passphrase: ctx.passphrase };
  ctx.progress?.('creating the network root CA (ECDSA P-256)');
  const root = await createRootCa({
    name: `ipex ${name} Root CA`, notBefore: new Date(ctx.now.getTime() - 5 * 60_000), notAfter: new Date(ctx.now.getTime() + 3650 * DAY_MS),
  });
  ctx.progress?.('issuing the directory-signing certificate');
  const dirKeys = await generateKeyPair('P-256');
  const directoryCert = await issueDirectoryCertificate(root, dirKeys.publicKey, name, ctx.now);
  const register: NetworkRegister = {
    format: NETWORK_FORMAT, name, createdAt: isoSeconds(ctx.now), crlNumber: 0, directorySerial: 0,
    ...(options.development === true ? { development: true } : {}), offices: {},
  };
  try {
    await createDirAtomic(ctx.dir, async (tmp) => {
      const p = networkPaths(tmp);
      writeFileAtomic(p.rootCert, toPem(root.certificate));
      writePrivateKey(p.rootKey, root.privateKey, keyOptions);
      writeFileAtomic(p.directoryCert, toPem(directoryCert));
      writePrivateKey(p.directoryKey, dirKeys.privateKey, keyOptions);
      writeFileAtomic(join(p.offices, '.keep'), '');
      await writeNetworkCrl(tmp, register, root, ctx.now, 30);
      writeRegister(tmp, register);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new IpexError('ALREADY_EXISTS', `${ctx.dir} already exists; choose another --dir`, { cause: err });
    throw err;
  }
  const sha = Buffer.from(await root.certificate.getThumbprint('SHA-256')).toString('hex');
  return { dir: ctx.dir, name, rootSha256: sha, encrypted: ctx.passphrase !== undefined, development: options.development === true };
}
