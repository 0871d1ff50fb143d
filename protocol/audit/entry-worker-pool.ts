/**
 * The worker threads of the multi-threaded entry check (parallel-entry-scan.ts, issue 5): starts
 * them on entry-worker.ts and sends them jobs. Node's module hooks are not inherited by worker
 * threads, so when running from the TypeScript sources each worker first registers tsx's
 * loader (resolved from this module, not from the working folder).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EntryWorkerJob } from './entry-worker.js';

/** Sends a job to one worker; rejects (ending the caller's loop) once that worker has failed. */
export type Ask = <T>(job: EntryWorkerJob) => Promise<T>;

/**
 * Worker threads running entry-worker.ts. Each worker gets two
 * jobs in flight, so that it never waits for this thread to hand out the next one. A worker
 * that cannot start or fails gets no more jobs; a job it did not finish stays undone and is
 * then done on this thread.
 */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  #nextId = 0;

  /** Starts up to `count` workers (fewer when one cannot start). */
  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      try {
        this.#workers.push(startWorker());
      } catch {
        break;
      }
    }
  }

  /** Number of running workers. */
  get size(): number {
    return this.#workers.length;
  }

  /** Runs `loop` twice per worker, each with an `ask` bound to that worker; resolves when all end. */
  async loops(loop: (ask: Ask) => Promise<void>): Promise<void> {
    await Promise.all(this.#workers.flatMap((w) => {
      let broken = false;
      const ask: Ask = async <T>(job: EntryWorkerJob): Promise<T> => {
        if (broken) throw new Error('the worker failed');
        try {
          return await askWorker<T>(w, { ...job, id: this.#nextId++ });
        } catch (err) {
          broken = true;
          throw err;
        }
      };
      return [loop(ask).catch(() => undefined), loop(ask).catch(() => undefined)];
    }));
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.#workers) void w.terminate();
  }
}

function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const target = new URL(`./entry-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(target);
  const boot = `import(${JSON.stringify(tsxApi())}).then((m) => { m.register(); return import(${JSON.stringify(target.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** The URL of tsx's loader API, resolved from this module (not from the working folder). */
function tsxApi(): string {
  // import.meta.resolve is missing when tsx has compiled this module for require() (mocha);
  // require.resolve then finds the package's "require" entry, whose ESM twin is index.mjs.
  const meta = import.meta as { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

/** Sends one job and waits for the reply with its id. */
function askWorker<T>(worker: Worker, job: EntryWorkerJob & { readonly id: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (m: { id: number; ok: boolean; error?: string; value?: unknown }): void => {
      if (m.id !== job.id) return;
      cleanup();
      if (m.ok) resolve(m.value as T);
      else reject(new Error(m.error));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onExit = (): void => {
      cleanup();
      reject(new Error('the worker stopped'));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
