/**
 * Private-key files (docs/design.md §3, §10). Private keys are PKCS#8 PEM (RFC 5958, RFC 7468
 * §10/§11), written atomically with mode 0600 from the first byte and encrypted (PBES2 with
 * AES-256-CBC) when a passphrase is given. Every file is untrusted input: failures carry a
 * stable code, and no message ever contains key material or a passphrase. Certificate files are
 * read by certificate-pem.ts, which the issuing code alone needs.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IpexError } from '../errors/index.js';
import { writeFileAtomic } from '../files/atomic-write.js';

export interface WritePrivateKeyOptions {
  /** Encrypts the file with this passphrase (PKCS#8 EncryptedPrivateKeyInfo, AES-256-CBC). */
  readonly passphrase?: string;
  /** Refuse to replace an existing file. */
  readonly exclusive?: boolean;
}

/** Writes `key` as PKCS#8 PEM to `path`, atomically, mode 0600. */
export function writePrivateKey(path: string, key: KeyObject, options: WritePrivateKeyOptions = {}): void {
  if (key.type !== 'private') throw new IpexError('INVALID_INPUT', 'only a private key can be written as a key file');
  const pem = options.passphrase === undefined
    ? key.export({ format: 'pem', type: 'pkcs8' })
    : key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: options.passphrase });
  writeFileAtomic(path, pem.toString(), { mode: 0o600, ...(options.exclusive ? { exclusive: true } : {}) });
}

export interface ReadPrivateKeyOptions {
  readonly passphrase?: string;
}

/**
 * Reads a PKCS#8 PEM private key (encrypted or not).
 *
 * @throws IpexError KEY_PASSPHRASE_REQUIRED, KEY_PASSPHRASE_WRONG, KEY_MALFORMED, FILE_NOT_FOUND, FILE_UNREADABLE
 */
export function readPrivateKey(path: string, options: ReadPrivateKeyOptions = {}): KeyObject {
  const text = readTextFile(path, 'private key');
  return parsePrivateKeyPem(text, path, options);
}

/** Parses PKCS#8 PEM text; `label` names the source in error messages. */
export function parsePrivateKeyPem(text: string, label: string, options: ReadPrivateKeyOptions = {}): KeyObject {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text);
  const plain = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/.test(text);
  if (!encrypted && !plain) throw new IpexError('KEY_MALFORMED', `${label} holds no PEM private key`);
  if (encrypted && options.passphrase === undefined) {
    throw new IpexError('KEY_PASSPHRASE_REQUIRED', `${label} is encrypted: give its passphrase with --passphrase-file or IPEX_PASSPHRASE`);
  }
  try {
    return createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: options.passphrase! } : { key: text, format: 'pem' });
  } catch (err) {
    if (encrypted) throw new IpexError('KEY_PASSPHRASE_WRONG', `the passphrase does not decrypt ${label}`, { cause: err });
    throw new IpexError('KEY_MALFORMED', `${label} is not a valid private key`, { cause: err });
  }
}

export interface PassphraseSource {
  /** A file whose content (without its trailing newline) is the passphrase. */
  readonly passphraseFile?: string;
  /** The environment to read IPEX_PASSPHRASE from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The passphrase from `--passphrase-file` if given, else from the IPEX_PASSPHRASE environment
 * variable, else undefined. One trailing newline (LF or CRLF) is removed; an empty passphrase
 * is refused so that a blank file cannot silently leave a key unprotected.
 */
export function resolvePassphrase(source: PassphraseSource = {}): string | undefined {
  let value: string | undefined;
  let origin: string;
  if (source.passphraseFile !== undefined) {
    value = readTextFile(source.passphraseFile, 'passphrase');
    origin = `passphrase file ${source.passphraseFile}`;
  } else {
    value = (source.env ?? process.env).IPEX_PASSPHRASE;
    origin = 'IPEX_PASSPHRASE';
    if (value === undefined) return undefined;
  }
  const passphrase = value.replace(/\r?\n$/, '');
  if (passphrase.length === 0) throw new IpexError('INVALID_INPUT', `${origin} is empty`);
  return passphrase;
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IpexError('FILE_NOT_FOUND', `${what} file not found: ${path}`, { cause: err });
    throw new IpexError('FILE_UNREADABLE', `cannot read ${what} file ${path} (${code ?? 'error'})`, { cause: err });
  }
}
