/**
 * The node's installed directory and CRL, kept under the data folder's `trust/` (docs/design.md §3,
 * docs/trust.md). `install` verifies a new directory + CRL pair against the network root
 * (`trust/root.pem`) before anything is written, refuses a rollback (a serial lower than the
 * installed one, or the same serial with other content) and writes atomically, so a bad
 * directory never replaces the last good one. The pair is staged then renamed; after a crash
 * between the two renames, the next read completes or discards the staged pair.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDirectory, parseDirectoryPayload, type Directory } from '../../protocol/directory/index.js';
import { IpexError } from '../../protocol/errors/index.js';
import { fsyncDir, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { parseCrl, type ParsedCrl } from '../../protocol/pki/crl.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import { dataPaths, type DataPaths } from '../config/data-dir.js';

/** A verified directory with the CRL published with it. */
export interface InstalledDirectory {
  readonly directory: Directory;
  readonly jws: string;
  readonly crl: ParsedCrl;
  readonly crlPem: string;
}

export interface DirectoryStoreOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  /** Network roots (PEM); read from `trust/root.pem` when absent. */
  readonly trustAnchors?: readonly string[];
}

/** How long a verification result is reused for unchanged files. */
const REVERIFY_MS = 60_000;

/** Splits a PEM file into its CERTIFICATE blocks. */
export function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export class DirectoryStore {
  readonly #paths: DataPaths['trust'];
  readonly #clock: Clock;
  readonly #anchors: readonly string[] | undefined;
  #cache: { jws: string; crlPem: string; verifiedAt: number; value: InstalledDirectory; stamp: string | undefined } | undefined;
  /** The look at the files taken in this turn of the event loop, until the turn ends. */
  #thisTurn: { stamp: string | undefined } | undefined;

  constructor(options: DirectoryStoreOptions) {
    this.#paths = dataPaths(options.dataDir).trust;
    this.#clock = options.clock;
    this.#anchors = options.trustAnchors;
  }

  /** The network roots this node trusts. @throws IpexError FILE_NOT_FOUND / CERT_UNTRUSTED. */
  trustAnchors(): readonly string[] {
    if (this.#anchors !== undefined) return this.#anchors;
    if (!existsSync(this.#paths.root)) {
      throw new IpexError('FILE_NOT_FOUND', `no network root at ${this.#paths.root}; install the network root first`);
    }
    const roots = pemCertificates(readFileSync(this.#paths.root, 'utf8'));
    if (roots.length === 0) throw new IpexError('CERT_UNTRUSTED', `${this.#paths.root} holds no certificate`);
    return roots;
  }

  /**
   * Verifies `jws` with `crlPem` and installs both. Returns the new directory.
   * @throws IpexError DIRECTORY_ROLLBACK, or any verification code; nothing is written then.
   */
  async install(jws: string, crlPem: string): Promise<InstalledDirectory> {
    this.#recover();
    const jwsText = jws.trim();
    const verified = await this.#verify(jwsText, crlPem);
    const installed = this.#installedPayload();
    if (installed !== undefined) {
      const same = installed.jws === jwsText;
      if (verified.directory.serial < installed.directory.serial || (verified.directory.serial === installed.directory.serial && !same)) {
        throw new IpexError('DIRECTORY_ROLLBACK',
          `directory serial ${verified.directory.serial} does not follow the installed serial ${installed.directory.serial}`);
      }
      if (same && existsSync(this.#paths.crl) && readFileSync(this.#paths.crl, 'utf8') === crlPem) return verified;
    }
    writeFileAtomic(this.#staged('directory'), `${jwsText}\n`);
    writeFileAtomic(this.#staged('crl'), crlPem);
    renameSync(this.#staged('crl'), this.#paths.crl);
    renameSync(this.#staged('directory'), this.#paths.directory);
    fsyncDir(this.#paths.dir);
    this.#cache = { jws: jwsText, crlPem, verifiedAt: this.#clock.now().getTime(), value: verified, stamp: this.#stamp() };
    return verified;
  }

  /**
   * What the installed directory says of itself — network, serial, expiry — read without
   * verifying it again (it was verified when installed), so that an expired one can still be
   * reported (readiness, metrics, alerts). Undefined when none is installed or it is unreadable.
   */
  installedSummary(): { readonly network: string; readonly serial: number; readonly expiresAt: string } | undefined {
    const installed = this.#installedPayload();
    if (installed === undefined) return undefined;
    const { network, serial, expiresAt } = installed.directory;
    return { network, serial, expiresAt };
  }

  /** True when a directory has been installed (whether or not it is still valid). */
  installed(): boolean {
    return existsSync(this.#paths.directory);
  }

  /**
   * Loads and verifies the installed directory at the clock's time.
   * @throws IpexError NOT_FOUND when none is installed, DIRECTORY_EXPIRED when it has expired, …
   */
  async current(): Promise<InstalledDirectory> {
    const now = this.#clock.now().getTime();
    // Every exchange request asks: when neither file changed (two stat calls, once per turn of
    // the event loop: the requests read in one turn share one look, as if they had come a few
    // microseconds earlier), the verified result of the last minute stands, without reading or
    // re-verifying anything.
    const stamp = this.#thisTurn === undefined ? this.#stamp() : this.#thisTurn.stamp;
    const cached = this.#cache;
    if (cached !== undefined && stamp !== undefined && cached.stamp === stamp && now - cached.verifiedAt < REVERIFY_MS &&
      now >= cached.verifiedAt && now < Date.parse(cached.value.directory.expiresAt)) {
      return cached.value;
    }
    this.#recover();
    if (!this.installed()) throw new IpexError('NOT_FOUND', 'no directory is installed; run `ipex directory install`');
    const jws = readFileSync(this.#paths.directory, 'utf8').trim();
    const crlPem = readFileSync(this.#paths.crl, 'utf8');
    if (cached !== undefined && cached.jws === jws && cached.crlPem === crlPem && now - cached.verifiedAt < REVERIFY_MS &&
      now >= cached.verifiedAt && now < Date.parse(cached.value.directory.expiresAt)) {
      this.#cache = { ...cached, stamp: this.#stamp() };
      return cached.value;
    }
    const value = await this.#verify(jws, crlPem);
    this.#cache = { jws, crlPem, verifiedAt: now, value, stamp: this.#stamp() };
    return value;
  }

  /** Identity of the two installed files (inode, size, change time), or undefined when absent. */
  #stamp(): string | undefined {
    let stamp: string | undefined;
    try {
      const d = statSync(this.#paths.directory);
      const c = statSync(this.#paths.crl);
      stamp = `${d.ino}:${d.size}:${d.mtimeMs}:${d.ctimeMs}/${c.ino}:${c.size}:${c.mtimeMs}:${c.ctimeMs}`;
    } catch {
      stamp = undefined;
    }
    if (this.#thisTurn === undefined) setImmediate(() => { this.#thisTurn = undefined; }).unref();
    this.#thisTurn = { stamp };
    return stamp;
  }

  async #verify(jws: string, crlPem: string): Promise<InstalledDirectory> {
    const crl = parseCrl(crlPem);
    const directory = await verifyDirectory(jws, { trustAnchors: this.trustAnchors(), at: this.#clock.now(), crl });
    return { directory, jws, crl, crlPem };
  }

  /** The installed directory's payload, read without re-verifying (it was verified when written). */
  #installedPayload(): { jws: string; directory: Directory } | undefined {
    if (!this.installed()) return undefined;
    const jws = readFileSync(this.#paths.directory, 'utf8').trim();
    try {
      return { jws, directory: decodePayload(jws) };
    } catch {
      return undefined; // an unreadable file holds no serial to protect; a verified one replaces it
    }
  }

  #staged(which: 'directory' | 'crl'): string {
    return join(this.#paths.dir, which === 'directory' ? 'directory.jws.staged' : 'crl.pem.staged');
  }

  /** Completes an install interrupted between its two renames, or discards a partial one. */
  #recover(): void {
    const stagedDirectory = this.#staged('directory');
    const stagedCrl = this.#staged('crl');
    if (existsSync(stagedDirectory)) {
      const crlFile = existsSync(stagedCrl) ? stagedCrl : this.#paths.crl;
      let complete = false;
      try {
        const named = decodePayload(readFileSync(stagedDirectory, 'utf8').trim()).crl.sha256;
        complete = existsSync(crlFile) && parseCrl(readFileSync(crlFile, 'utf8')).sha256 === named;
      } catch {
        complete = false;
      }
      if (complete) {
        if (crlFile === stagedCrl) renameSync(stagedCrl, this.#paths.crl);
        renameSync(stagedDirectory, this.#paths.directory);
      }
    }
    rmSync(stagedDirectory, { force: true });
    rmSync(stagedCrl, { force: true });
  }
}

function decodePayload(jws: string): Directory {
  const payload = jws.split('.')[1] ?? '';
  try {
    return parseDirectoryPayload(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (err) {
    throw new IpexError('DIRECTORY_MALFORMED', 'the installed directory cannot be read; reinstall it', { cause: err });
  }
}
