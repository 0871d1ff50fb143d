/**
 * The outbox (docs/design.md §2, docs/notifications.md): the one way anything leaves the node for
 * a person or another system — e-mails, webhooks, and peer notifications.
 *
 * How a service uses it:
 *
 *   const outbox = outboxFor(context);
 *   db.transaction(() => {
 *     … the rows of the event, its audit entry …
 *     outbox.enqueueInTransaction({ channel: 'peer', recipient: 'EP', eventId: `notification:${id}`,
 *       eventType: 'dossier.updated', payload: { … } });
 *   })();
 *
 * and, once per running node, before or after the worker starts:
 *
 *   outbox.registerChannel({ name: 'peer', send: async (row, signal) => { … } });
 *
 * `enqueueInTransaction` writes the row in the caller's open transaction: the message exists
 * exactly when the event does (a rollback takes both). The row's key is (channel, recipient,
 * eventId): queuing the same event twice for one recipient writes nothing the second time. The
 * worker (outbox-worker.ts) sends due rows with retries, backoff and jitter, and keeps dead
 * letters for staff (`ipex outbox list --dead`, `ipex outbox retry ID`, `GET /api/v1/outbox`).
 * Delivery is at least once: the receiver drops repeats by `eventId` (outbox-channel.ts).
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { AuditActor } from '../audit/index.js';
import type { OutboxChannel } from './outbox-channel.js';
import { OutboxStore, type OutboxMessage, type OutboxRow, type OutboxState } from './outbox-store.js';
import { OutboxWorker } from './outbox-worker.js';

export { DeliveryFailure, type FailureKind, type OutboxChannel } from './outbox-channel.js';
export type { OutboxMessage, OutboxRow, OutboxState } from './outbox-store.js';

export class Outbox {
  readonly store: OutboxStore;
  readonly #context: NodeContext;
  readonly #random: RandomSource;
  #worker: OutboxWorker | undefined;
  readonly #channels: OutboxChannel[] = [];

  constructor(context: NodeContext, random: RandomSource = systemRandom) {
    this.#context = context;
    this.#random = random;
    this.store = new OutboxStore(context.db);
  }

  /**
   * Queues a message in the caller's open transaction; false when it was queued already.
   * @throws IpexError INTERNAL outside a transaction.
   */
  enqueueInTransaction(message: OutboxMessage): boolean {
    const queued = this.store.enqueueInTransaction(message, this.#context.clock.now().toISOString());
    if (queued && this.#worker !== undefined) setImmediate(() => this.#worker?.kick()); // after the commit
    return queued;
  }

  /** Plugs a channel into the worker (now, or when it starts). */
  registerChannel(channel: OutboxChannel): void {
    this.#channels.push(channel);
    this.#worker?.registerChannel(channel);
  }

  /**
   * Starts the sending worker of the running node (one per data folder: the node lock);
   * `onDead` hears of each message that became a dead letter (start-node.ts raises a staff alert).
   */
  start(onDead?: (row: OutboxRow, error: string) => void): OutboxWorker {
    if (this.#worker !== undefined) return this.#worker;
    const { db, clock, config, output } = this.#context;
    const settings = config.notifications.outbox;
    const worker = new OutboxWorker({
      db, clock, random: this.#random,
      maxAttempts: settings.maxAttempts,
      backoff: { baseMs: settings.retryBaseSeconds * 1000, maxMs: settings.retryMaxMinutes * 60_000 },
      warn: (line) => output.warn(line),
      ...(onDead === undefined ? {} : { onDead }),
    });
    for (const channel of this.#channels) worker.registerChannel(channel);
    worker.start();
    this.#worker = worker;
    return worker;
  }

  async stop(): Promise<void> {
    await this.#worker?.stop();
    this.#worker = undefined;
  }

  list(options: { readonly state?: OutboxState; readonly limit?: number; readonly before?: number } = {}): OutboxRow[] {
    return this.store.list({ ...options, limit: options.limit ?? 50 });
  }

  /**
   * Queues a dead letter again (due now, attempts from zero), logged as `admin.outbox-retried`.
   * @throws IpexError OUTBOX_MESSAGE_NOT_FOUND, OUTBOX_NOT_DEAD
   */
  retry(id: number, actor: AuditActor): OutboxRow {
    const { db, clock, audit } = this.#context;
    const row = db.transaction(() => {
      const before = this.store.get(id);
      if (before === undefined) throw new IpexError('OUTBOX_MESSAGE_NOT_FOUND', `no outbox message ${id}`);
      if (!this.store.requeueDead(id, clock.now().toISOString())) {
        throw new IpexError('OUTBOX_NOT_DEAD', `outbox message ${id} is ${before.state}; only a dead letter can be retried`);
      }
      audit.appendInTransaction({
        type: 'admin.outbox-retried', actor, outcome: 'ok',
        details: { messageId: id, channel: before.channel, eventType: before.eventType, eventId: before.eventId, attempts: before.attempts },
      });
      return this.store.get(id)!;
    }).immediate();
    this.#worker?.kick();
    return row;
  }
}

const byContext = new WeakMap<NodeContext, Outbox>();

/** The outbox of a node context (one per context; the CLI's queues rows, the node's sends them). */
export function outboxFor(context: NodeContext): Outbox {
  let outbox = byContext.get(context);
  if (outbox === undefined) {
    outbox = new Outbox(context);
    byContext.set(context, outbox);
  }
  return outbox;
}

/** Stops the node's outbox worker, if one runs (before the database closes). */
export async function stopOutbox(context: NodeContext): Promise<void> {
  await byContext.get(context)?.stop();
}
