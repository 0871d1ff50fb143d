/**
 * `ipex node init --bundle DIR`: turns the office bundle that the network operator issued
 * (`ipex network add-office`) into this node's data folder — identity/, trust/root.pem and
 * ipex.json — after checking every piece of it, so that a node that installed cleanly starts.
 *
 * The private keys come from the office's own `<data>/enrolment/` folder (`ipex node keygen`:
 * enrolment by request, the bundle holds certificates only), or — on a development network,
 * where the operator made them — from the bundle. Each key must belong to its certificate, and
 * the log key to the log.vkey the directory lists for the office.
 *
 * All or nothing: the files are built in a staging folder inside the data folder and moved into
 * place at the end; a failure at any step leaves the data folder as it was.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IpexError } from '../../protocol/errors/index.js';
import { fsyncDir, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { readPrivateKey } from '../../protocol/pki/key-files.js';
import { validatePath } from '../../protocol/pki/path-validation.js';
import { logKeyName } from '../../protocol/pki/enrolment-request.js';
import { formatVerifierKey } from '../../protocol/note/verifier-key.js';
import { dataPaths } from '../config/data-dir.js';
import { parseConfig } from '../config/config.js';
import { certifiedKey } from './office-identity.js';
import { readOfficeDescription, type OfficeDescription } from './office-description.js';
import { pendingKeys } from './enrolment-keys.js';

/** Public files of an office bundle, by their name in the bundle and in `<data>/identity/`. */
const PUBLIC_FILES = ['office.json', 'tls.pem', 'signing.pem', 'log.vkey'] as const;
/** Private keys, from the bundle (development network) or from `<data>/enrolment/`. */
const KEY_FILES = ['tls.key', 'signing.key', 'log.key'] as const;

export interface InstallBundleOptions {
  readonly passphrase?: string;
  /** Where the exchange listener binds; its public URL comes from the bundle. */
  readonly exchangeHost?: string;
  readonly exchangePort?: number;
  readonly officeApiPort?: number;
  /** The time certificates are checked at (default now). */
  readonly now?: Date;
}

/** Installs `bundleDir` into `dataDir`; returns the office it installed. */
export async function installOfficeBundle(bundleDir: string, dataDir: string, options: InstallBundleOptions = {}): Promise<OfficeDescription> {
  const paths = dataPaths(dataDir);
  for (const existing of [paths.config, paths.identity.dir]) {
    if (existsSync(existing)) {
      throw new IpexError('ALREADY_EXISTS', `${existing} exists: this data folder already holds a node (use another --data folder)`);
    }
  }
  for (const name of [...PUBLIC_FILES, 'root.pem']) {
    if (!existsSync(join(bundleDir, name))) {
      throw new IpexError('FILE_NOT_FOUND', `${bundleDir} is not an office bundle: ${name} is missing`);
    }
  }
  const office = readOfficeDescription(join(bundleDir, 'office.json'));
  const keysDir = keySource(bundleDir, dataDir, office.code);
  await checkBundle(bundleDir, keysDir, office.code, options.passphrase, options.now ?? new Date());
  const url = new URL(office.exchangeUrl);
  const config = {
    office: { code: office.code, name: office.name },
    exchange: {
      host: options.exchangeHost ?? '0.0.0.0',
      port: options.exchangePort ?? (url.port === '' ? 443 : Number(url.port)),
      publicUrl: office.exchangeUrl,
    },
    ...(options.officeApiPort === undefined ? {} : { officeApi: { port: options.officeApiPort } }),
  };
  parseConfig(config, dataDir); // the configuration we are about to write must load

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = join(dataDir, `.init-${randomBytes(6).toString('hex')}`);
  mkdirSync(join(staging, 'identity'), { recursive: true, mode: 0o700 });
  try {
    for (const name of PUBLIC_FILES) copyFileSync(join(bundleDir, name), join(staging, 'identity', name));
    for (const name of KEY_FILES) copyFileSync(join(keysDir, name), join(staging, 'identity', name));
    writeFileAtomic(join(staging, 'trust', 'root.pem'), readFileSync(join(bundleDir, 'root.pem'), 'utf8'));
    fsyncDir(join(staging, 'identity'));
    renameSync(join(staging, 'identity'), paths.identity.dir);
    mkdirSync(paths.trust.dir, { recursive: true });
    renameSync(join(staging, 'trust', 'root.pem'), paths.trust.root);
    writeFileAtomic(paths.config, `${JSON.stringify(config, null, 2)}\n`, { exclusive: true });
  } catch (err) {
    rmSync(paths.identity.dir, { recursive: true, force: true });
    rmSync(paths.trust.root, { force: true });
    throw err;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (keysDir === paths.enrolment) rmSync(paths.enrolment, { recursive: true, force: true }); // now in identity/
  return office;
}

/**
 * Where the private keys come from: the bundle when it holds them (development network), else
 * the keys `ipex node keygen` left for this office. @throws IpexError FILE_NOT_FOUND, INVALID_INPUT
 */
function keySource(bundleDir: string, dataDir: string, code: string): string {
  const inBundle = KEY_FILES.filter((name) => existsSync(join(bundleDir, name)));
  if (inBundle.length === KEY_FILES.length) return bundleDir;
  if (inBundle.length > 0) throw new IpexError('FILE_NOT_FOUND', `${bundleDir} holds ${inBundle.join(', ')} but not every private key`);
  const pending = pendingKeys(dataDir, code, 'enrol');
  if (pending === undefined) {
    throw new IpexError('FILE_NOT_FOUND',
      `the bundle in ${bundleDir} holds no private keys (enrolment by request) and ${dataPaths(dataDir).enrolment} holds none for ${code}: ` +
      `run \`ipex node init\` with the --data folder where \`ipex node keygen --office ${code}\` made them`);
  }
  for (const name of KEY_FILES) {
    if (!existsSync(join(pending.dir, name))) throw new IpexError('FILE_NOT_FOUND', `${join(pending.dir, name)} is missing`);
  }
  return pending.dir;
}

/** Every key opens and belongs to its certificate; the log key is Ed25519 and is the bundle's log.vkey. */
async function checkBundle(bundleDir: string, keysDir: string, officeCode: string, passphrase: string | undefined, at: Date): Promise<void> {
  const trustAnchors = [readFileSync(join(bundleDir, 'root.pem'), 'utf8')];
  const check = { officeCode, passphrase, at, trustAnchors };
  await checkCertifiedPair('tls', join(bundleDir, 'tls.pem'), join(keysDir, 'tls.key'), check);
  await checkCertifiedPair('signing', join(bundleDir, 'signing.pem'), join(keysDir, 'signing.key'), check);
  const logKey = readPrivateKey(join(keysDir, 'log.key'), passphrase === undefined ? {} : { passphrase });
  if (logKey.asymmetricKeyType !== 'ed25519') {
    throw new IpexError('KEY_MALFORMED', `${join(keysDir, 'log.key')} is not an Ed25519 key`);
  }
  const listed = readFileSync(join(bundleDir, 'log.vkey'), 'utf8').trim();
  if (formatVerifierKey(logKeyName(officeCode), logKey) !== listed) {
    throw new IpexError('KEY_MALFORMED', `${join(keysDir, 'log.key')} does not belong to the log key ${join(bundleDir, 'log.vkey')} the operator registered`);
  }
}

export interface PairCheck {
  readonly officeCode: string;
  readonly passphrase: string | undefined;
  readonly at: Date;
  readonly trustAnchors: readonly string[];
}

/**
 * A certificate and its key: the key opens with the passphrase and belongs to the certificate,
 * which is valid at `at` for its use and this office under the network root.
 */
export async function checkCertifiedPair(use: 'tls' | 'signing', certPath: string, keyPath: string, check: PairCheck): Promise<void> {
  const key = readPrivateKey(keyPath, check.passphrase === undefined ? {} : { passphrase: check.passphrase });
  const pair = certifiedKey(certPath, key, check.officeCode);
  const purposes = use === 'tls' ? (['tls-server', 'tls-client'] as const) : (['signing'] as const);
  for (const purpose of purposes) {
    await validatePath({ leaf: pair.certificatePem, trustAnchors: check.trustAnchors, purpose, at: check.at, officeCode: check.officeCode });
  }
}
