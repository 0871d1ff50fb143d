/**
 * `ipex node rotate --bundle DIR`: installs the certificates a network operator issued for a
 * rotation (`ipex network rotate`: `tls.next.pem/.key`, `signing.next.pem/.key` in the office
 * bundle; or, once the operator finished it, the plain files). While the directory lists both
 * the old and the new certificates, peers accept either, so the office can switch at any time
 * in that window: this command checks the new pair, keeps the old one in
 * `identity/previous-<time>/`, and swaps the files; the node uses them from its next start.
 * The new keys come from the bundle on a development network, else from the keys that
 * `ipex node keygen --rotate` left in `<data>/enrolment/` (rotation by request).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IpexError } from '../../protocol/errors/index.js';
import { fsyncDir } from '../../protocol/files/atomic-write.js';
import { dataPaths } from '../config/data-dir.js';
import { checkCertifiedPair } from './install-bundle.js';
import { pendingKeys } from './enrolment-keys.js';
import { readOfficeDescription } from './office-description.js';

const PAIRS = [
  { use: 'tls', cert: 'tls.pem', key: 'tls.key' },
  { use: 'signing', cert: 'signing.pem', key: 'signing.key' },
] as const;

export interface RotateIdentityResult {
  readonly office: string;
  /** Which files of the bundle were installed: the `.next` ones, or the plain ones. */
  readonly source: 'next' | 'current';
  readonly previous: string;
}

export async function rotateIdentity(bundleDir: string, dataDir: string, options: { passphrase?: string; now?: Date } = {}): Promise<RotateIdentityResult> {
  const paths = dataPaths(dataDir);
  if (!existsSync(paths.identity.office)) {
    throw new IpexError('NODE_NOT_INITIALISED', `${dataDir} holds no node identity: run \`ipex node init\` first`);
  }
  const installed = readOfficeDescription(paths.identity.office);
  const bundle = readOfficeDescription(join(bundleDir, 'office.json'));
  if (bundle.code !== installed.code) {
    throw new IpexError('CERT_OFFICE_MISMATCH', `the bundle is for office ${bundle.code}, this node is office ${installed.code}`);
  }
  const source = existsSync(join(bundleDir, 'tls.next.pem')) ? 'next' : 'current';
  const name = (file: string): string => (source === 'next' ? file.replace(/\.(pem|key)$/, '.next.$1') : file);
  const check = {
    officeCode: installed.code,
    passphrase: options.passphrase,
    at: options.now ?? new Date(),
    trustAnchors: [readFileSync(paths.trust.root, 'utf8')], // the root this node already trusts, not the bundle's
  };
  const keysInBundle = PAIRS.every((pair) => existsSync(join(bundleDir, name(pair.key))));
  const pending = keysInBundle ? undefined : pendingKeys(dataDir, installed.code, 'rotate');
  if (!keysInBundle && pending === undefined) {
    throw new IpexError('FILE_NOT_FOUND', `the bundle holds no new private keys and ${paths.enrolment} holds none: make them with \`ipex node keygen --rotate\` first`);
  }
  const keyPath = (pair: (typeof PAIRS)[number]): string => (pending === undefined ? join(bundleDir, name(pair.key)) : join(pending.dir, pair.key));
  for (const pair of PAIRS) await checkCertifiedPair(pair.use, join(bundleDir, name(pair.cert)), keyPath(pair), check);
  const same = PAIRS.every((p) => readFileSync(join(bundleDir, name(p.cert)), 'utf8') === readFileSync(join(paths.identity.dir, p.cert), 'utf8'));
  if (same) throw new IpexError('ALREADY_EXISTS', `the node already uses these certificates of ${installed.code}`);

  // Stage the new files beside identity/, then swap file by file; the old ones are kept.
  const staging = join(paths.identity.dir, `.rotate-${randomBytes(6).toString('hex')}`);
  const previous = join(paths.identity.dir, `previous-${check.at.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    for (const pair of PAIRS) {
      copyFileSync(join(bundleDir, name(pair.cert)), join(staging, pair.cert));
      copyFileSync(keyPath(pair), join(staging, pair.key));
    }
    fsyncDir(staging);
    mkdirSync(previous, { mode: 0o700 });
    for (const pair of PAIRS) {
      for (const file of [pair.cert, pair.key]) copyFileSync(join(paths.identity.dir, file), join(previous, file));
    }
    fsyncDir(previous);
    for (const pair of PAIRS) {
      for (const file of [pair.key, pair.cert]) renameSync(join(staging, file), join(paths.identity.dir, file));
    }
    fsyncDir(paths.identity.dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (pending !== undefined) rmSync(pending.dir, { recursive: true, force: true }); // now in identity/
  return { office: installed.code, source, previous };
}
