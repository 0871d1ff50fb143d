/**
 * The timer loop under the retrieval worker: runs `tick`, then waits `nextDelay()` and runs it
 * again, until stopped. Timers are unref'd, so the loop never keeps a process alive, and a tick
 * never overlaps the previous one. A tick or a delay that throws (the database gone for a
 * while) is given to `onError` and the loop tries again after `retryMs`: a timer's failure never
 * becomes an unhandled rejection, which would end the node. The heartbeat row (migration 005) tells `ipex retrieve --wait`
 * that a node's worker is running on the data folder.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import type { Clock } from '../../../protocol/runtime/clock.js';

export class WorkerLoop {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #started = false;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly nextDelay: () => number,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly retryMs = 5_000,
  ) {}

  get started(): boolean {
    return this.#started;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Runs the next tick soon (new work arrived); a running tick is not interrupted. */
  kick(): void {
    if (this.#started && this.#running === undefined) this.#schedule(0);
  }

  /** Stops after the tick in progress. */
  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(ms: number): void {
    if (!this.#started) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.tick().catch(this.onError).finally(() => {
        this.#running = undefined;
        let delay = this.retryMs;
        try {
          delay = this.#started ? this.nextDelay() : 0;
        } catch (err) {
          this.onError(err);
        }
        this.#schedule(delay);
      });
    }, ms);
    this.#timer.unref();
  }
}

/** Records that this process's worker is alive. */
export function beat(db: SqliteDatabase, clock: Clock): void {
  db.prepare('INSERT INTO retrieval_worker (id, heartbeat_at, pid) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, pid = excluded.pid')
    .run(clock.now().toISOString(), process.pid);
}

/** True when a node's worker refreshed its heartbeat within `withinMs` (default 15 s). */
export function workerIsRunning(context: { readonly db: SqliteDatabase; readonly clock: Clock }, withinMs = 15_000): boolean {
  const row = context.db.prepare('SELECT heartbeat_at AS at FROM retrieval_worker WHERE id = 1').get() as { at: string } | undefined;
  return row !== undefined && context.clock.now().getTime() - Date.parse(row.at) < withinMs;
}
