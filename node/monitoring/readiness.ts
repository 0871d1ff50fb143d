/**
 * Whether the node can do its work now (`GET /readyz`, issue 13): the database answers, the blob
 * store takes and gives bytes, a directory is installed and not expired, and the keys sign for
 * their certificates, which are valid now; with exchange workers, all of them serve. Each failing check is named with a short reason that carries
 * neither a secret nor a path, because anyone who reaches the office listener may ask.
 *
 * A check writes to the disk (the blob store's probe), so concurrent askers share one run and a
 * result is reused for a second: an unauthenticated caller cannot turn readiness into disk load.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { isIpexError } from '../../protocol/errors/index.js';
import type { NodeContext } from '../runtime/node-context.js';
import { storageFault } from '../storage/storage-faults.js';
import { NODE_VERSION } from '../http/node-status.js';
import type { WatchedCertificate } from './watched-certificates.js';

export type CheckName = 'database' | 'blobs' | 'directory' | 'keys' | 'exchange';

export interface ReadinessCheck {
  readonly name: CheckName;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly version: string;
  readonly checks: readonly ReadinessCheck[];
}

const REUSE_MS = 1000;

export class ReadinessProbe {
  readonly #context: NodeContext;
  readonly #certificates: readonly WatchedCertificate[];
  #running: Promise<Readiness> | undefined;
  #last: { at: number; result: Readiness } | undefined;
  #workers: (() => { readonly running: number; readonly wanted: number }) | undefined;

  constructor(context: NodeContext, certificates: readonly WatchedCertificate[]) {
    this.#context = context;
    this.#certificates = certificates;
  }

  /** With exchange workers (`exchange.workers` > 1): ready only while all of them serve. */
  watchExchangeWorkers(count: () => { readonly running: number; readonly wanted: number }): void {
    this.#workers = count;
  }

  check(): Promise<Readiness> {
    const now = this.#context.clock.now().getTime();
    if (this.#last !== undefined && now >= this.#last.at && now - this.#last.at < REUSE_MS) return Promise.resolve(this.#last.result);
    this.#running ??= this.#run(now).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(now: number): Promise<Readiness> {
    const checks = [
      await named('database', () => this.#database(), 'the database does not answer'),
      await named('blobs', () => this.#context.blobs.probe(), 'the blob store cannot take or give parts'),
      await named('directory', () => this.#directory(now), 'the installed directory cannot be used'),
      await named('keys', () => this.#keys(now), 'the keys cannot be used'),
    ];
    const workers = this.#workers;
    if (workers !== undefined) {
      checks.push(await named('exchange', () => {
        const { running, wanted } = workers();
        if (running < wanted) throw new Reason(`${running} of ${wanted} exchange workers are running`);
      }, 'the exchange workers cannot be counted'));
    }
    const result: Readiness = { status: checks.every((c) => c.ok) ? 'ready' : 'not-ready', version: NODE_VERSION, checks };
    this.#last = { at: now, result };
    return result;
  }

  #database(): void {
    this.#context.db.prepare('SELECT count(*) AS n FROM schema_migrations').get();
  }

  async #directory(now: number): Promise<void> {
    const summary = this.#context.store.installedSummary();
    if (summary === undefined) throw new Reason('no directory is installed');
    if (now >= Date.parse(summary.expiresAt)) throw new Reason(`directory serial ${summary.serial} expired at ${summary.expiresAt}`);
    await this.#context.trust.refresh();
  }

  /** Each key signs, and its certificate (or, for the log key, its public key) verifies that. */
  #keys(now: number): void {
    const { identity } = this.#context;
    const probe = Buffer.from(`ipex readiness ${now}`);
    const pairs: [string, KeyObject, KeyObject][] = [
      ['tls', identity.tls.privateKey, identity.tls.certificate.publicKey],
      ['signing', identity.signing.privateKey, identity.signing.certificate.publicKey],
      ['log', identity.log.privateKey, createPublicKey(identity.log.privateKey)],
    ];
    for (const [use, privateKey, publicKey] of pairs) {
      const algorithm = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
      if (!verify(algorithm, probe, publicKey, sign(algorithm, probe, privateKey))) throw new Reason(`the ${use} key does not sign for its certificate`);
    }
    for (const c of this.#certificates) {
      if (now < c.notBefore) throw new Reason(`the ${c.use} certificate is not valid before ${new Date(c.notBefore).toISOString()}`);
      if (now > c.notAfter) throw new Reason(`the ${c.use} certificate expired at ${new Date(c.notAfter).toISOString()}`);
    }
  }
}

/** A reason written for the answer, safe to show anyone. */
class Reason extends Error {}

async function named(name: CheckName, check: () => unknown, otherwise: string): Promise<ReadinessCheck> {
  try {
    await check();
    return { name, ok: true };
  } catch (err) {
    return { name, ok: false, detail: reasonOf(err, otherwise) };
  }
}

/** Our own reason, or `otherwise` with the registry or system error code: never a message that could hold a path. */
function reasonOf(err: unknown, otherwise: string): string {
  if (err instanceof Reason) return err.message;
  const named = storageFault(err) ?? err;
  const code = isIpexError(named) ? named.code : (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${otherwise} (${code})` : otherwise;
}
