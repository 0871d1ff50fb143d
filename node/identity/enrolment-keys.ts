/**
 * `ipex node keygen`: the office side of enrolment by request (docs/network-operator.md
 * "Enrolling an office"). The office makes its TLS and signing keys (or takes them from PKCS#12
 * files) and its Ed25519 audit-log key on its own machine; they stay in `<data>/enrolment/`
 * (mode 0600, encrypted when a passphrase is given) and never leave it. Only the request folder
 * (`--out`: two PKCS#10 requests and the log verifier key, protocol/pki/enrolment-request.ts)
 * goes to the network operator. `ipex node init --bundle` (or `node rotate` with `--rotate`)
 * later pairs the issued certificates with these keys.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { writePrivateKey } from '../../protocol/pki/key-files.js';
import { ENROLMENT_FORMAT, writeEnrolmentRequest, type EnrolmentPurpose } from '../../protocol/pki/enrolment-request.js';
import { normaliseSt3Code } from '../../protocol/st3/index.js';
import { dataPaths } from '../config/data-dir.js';
import { readOfficeDescription } from './office-description.js';

export interface KeygenOptions {
  /** The office's ST.3 code (for --rotate: the installed office's, when given it must match). */
  readonly code?: string;
  readonly dataDir: string;
  /** The request folder to create for the operator; must not exist (default ./ipex-request-CODE, ./ipex-rotation-CODE). */
  readonly outDir?: string;
  /** Encrypts the kept private keys. */
  readonly passphrase?: string;
  /** New keys for a certificate rotation of an installed node, instead of a first enrolment. */
  readonly rotate?: boolean;
  /** Keys taken from elsewhere (PKCS#12) instead of made here. */
  readonly imported?: { readonly tls?: KeyObject; readonly signing?: KeyObject };
}

export interface KeygenResult {
  readonly code: string;
  readonly purpose: EnrolmentPurpose;
  /** Where the private keys stay. */
  readonly keysDir: string;
  /** The request folder for the operator. */
  readonly requestDir: string;
  readonly files: string[];
}

/** What `<data>/enrolment/request.json` records about the keys waiting there. */
export interface PendingKeys {
  readonly code: string;
  readonly purpose: EnrolmentPurpose;
  readonly dir: string;
}

/** Makes the office's keys and its request folder. @throws IpexError ALREADY_EXISTS, NODE_NOT_INITIALISED, INVALID_INPUT */
export async function makeEnrolmentRequest(options: KeygenOptions): Promise<KeygenResult> {
  const paths = dataPaths(options.dataDir);
  const purpose: EnrolmentPurpose = options.rotate === true ? 'rotate' : 'enrol';
  const code = officeCodeFor(options, purpose);
  const outDir = resolve(options.outDir ?? `ipex-${purpose === 'enrol' ? 'request' : 'rotation'}-${code}`);
  if (existsSync(paths.enrolment)) {
    throw new IpexError('ALREADY_EXISTS', `keys from an earlier keygen wait in ${paths.enrolment}: install the bundle issued for them, or remove that folder to start over`);
  }
  if (existsSync(outDir)) throw new IpexError('ALREADY_EXISTS', `${outDir} already exists; choose another --out`);
  const keys = {
    tls: options.imported?.tls ?? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
    signing: options.imported?.signing ?? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
    ...(purpose === 'enrol' ? { log: generateKeyPairSync('ed25519').privateKey } : {}),
  };
  const der = (key: KeyObject) => key.export({ format: 'der', type: 'pkcs8' });
  if (der(keys.tls).equals(der(keys.signing))) throw new IpexError('INVALID_INPUT', 'the TLS and the signing key are the same key; each use needs its own');
  const keyOptions = options.passphrase === undefined ? {} : { passphrase: options.passphrase };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  await createDirAtomic(paths.enrolment, (tmp) => {
    writeFileAtomic(join(tmp, 'request.json'), `${JSON.stringify({ format: ENROLMENT_FORMAT, code, purpose }, null, 2)}\n`);
    writePrivateKey(join(tmp, 'tls.key'), keys.tls, keyOptions);
    writePrivateKey(join(tmp, 'signing.key'), keys.signing, keyOptions);
    if (keys.log !== undefined) writePrivateKey(join(tmp, 'log.key'), keys.log, keyOptions);
    writeEnrolmentRequest(tmp, code, purpose, keys); // the same public files, kept to compare the bundle with
  });
  try {
    await createDirAtomic(outDir, (tmp) => writeEnrolmentRequest(tmp, code, purpose, keys));
  } catch (err) {
    rmSync(paths.enrolment, { recursive: true, force: true }); // nothing is left half-made
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new IpexError('ALREADY_EXISTS', `${outDir} already exists; choose another --out`, { cause: err });
    throw err;
  }
  const files = ['request.json', 'tls.csr', 'signing.csr', ...(purpose === 'enrol' ? ['log.vkey'] : [])];
  return { code, purpose, keysDir: paths.enrolment, requestDir: outDir, files };
}

function officeCodeFor(options: KeygenOptions, purpose: EnrolmentPurpose): string {
  const paths = dataPaths(options.dataDir);
  if (purpose === 'enrol') {
    if (options.code === undefined) throw new IpexError('USAGE', 'give the office code with --office CODE');
    if (existsSync(paths.identity.dir) || existsSync(paths.config)) {
      throw new IpexError('ALREADY_EXISTS', `${options.dataDir} already holds a node; for new certificates of that node use \`ipex node keygen --rotate\``);
    }
    return normaliseSt3Code(options.code);
  }
  if (!existsSync(paths.identity.office)) throw new IpexError('NODE_NOT_INITIALISED', `${options.dataDir} holds no node to rotate: run \`ipex node init\` first`);
  const installed = readOfficeDescription(paths.identity.office).code;
  if (options.code !== undefined && normaliseSt3Code(options.code) !== installed) {
    throw new IpexError('INVALID_INPUT', `this node is office ${installed}, not ${normaliseSt3Code(options.code)}`);
  }
  return installed;
}

/**
 * The keys keygen left in `<data>/enrolment/` for `code` and `purpose`, or undefined when there
 * are none. @throws IpexError INVALID_INPUT when they are for another office or purpose.
 */
export function pendingKeys(dataDirectory: string, code: string, purpose: EnrolmentPurpose): PendingKeys | undefined {
  const dir = dataPaths(dataDirectory).enrolment;
  if (!existsSync(join(dir, 'request.json'))) return undefined;
  let meta: { format?: unknown; code?: unknown; purpose?: unknown } | null;
  try {
    meta = JSON.parse(readFileSync(join(dir, 'request.json'), 'utf8')) as typeof meta;
  } catch (err) {
    throw new IpexError('INVALID_INPUT', `${join(dir, 'request.json')} is not valid JSON; remove ${dir} and run \`ipex node keygen\` again`, { cause: err });
  }
  if (meta === null || meta.format !== ENROLMENT_FORMAT || meta.code !== code || meta.purpose !== purpose) {
    throw new IpexError('INVALID_INPUT', `the keys waiting in ${dir} were made for ${String(meta?.purpose)} of office ${String(meta?.code).slice(0, 8)}, not ${purpose} of ${code}`);
  }
  return { code, purpose, dir };
}
