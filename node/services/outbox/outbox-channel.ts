/**
 * A channel of the outbox: the one thing that knows how to deliver a message of its kind (an
 * e-mail over SMTP, a signed webhook, a signed peer notification). Channels are plugged into
 * the node's one outbox worker (outbox-worker.ts); a row is sent only by the channel it names.
 *
 * A channel's `send` resolves when the receiver has taken the message (SMTP 250, HTTP 2xx); it
 * rejects with a DeliveryFailure that says whether to try again, when, or never. Any other error
 * counts as a transient failure. A message has at-least-once delivery: a crash after the receiver
 * took it and before the row is marked sent sends it again, with the same `eventId`, which the
 * receiver uses to drop the repeat (docs/notifications.md "Guarantees").
 */
import type { OutboxRow } from './outbox-store.js';

export interface OutboxChannel {
  /** The `channel` column of the rows it sends (`email`, `webhook`, `peer`, …). */
  readonly name: string;
  /**
   * Delivers one message. `signal` aborts when the node stops; the row is then sent again later.
   * @throws DeliveryFailure (or anything: taken as transient)
   */
  send(message: OutboxRow, signal: AbortSignal): Promise<void>;
}

export type FailureKind = 'transient' | 'permanent' | 'obsolete';

/**
 * Why a delivery failed, in words that hold no secret and no personal address (they are shown
 * to staff in the dead-letter list): `transient` is tried again with backoff (after
 * `retryAfterMs` when the receiver said so), `permanent` goes to the dead letters at once (a
 * receiver that refuses for good: SMTP 5xx, HTTP 4xx, 410 Gone), `obsolete` is cancelled (it no longer applies: the
 * endpoint was removed, the applicant withdrew the address).
 */
export class DeliveryFailure extends Error {
  constructor(message: string, readonly kind: FailureKind, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}
