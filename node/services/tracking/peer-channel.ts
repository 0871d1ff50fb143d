/**
 * The `peer` channel of the outbox (docs/tracked-files.md "Delivery"): signed exchange requests to
 * a peer office about tracked files, sent at least once with the outbox's retries and backoff.
 *
 * - `dossier.updated` and `subscription.cancelled`: `POST /exchange/v1/notifications` with the
 *   notification (its id is the outbox event id, the same on every retry: the receiver drops a
 *   repeat by it). A `dossier.updated` whose subscription was cancelled meanwhile is not sent
 *   (cancelled). The subscriber answering `404 SUBSCRIPTION_NOT_FOUND` or `410
 *   SUBSCRIPTION_CANCELLED` ends the subscription here too.
 * - `subscription.cancel` (this office stopped tracking): `DELETE /exchange/v1/subscriptions/{id}`.
 *
 * Each delivery is logged here as `tracking.notification-sent` with the signed request and the
 * receiver's signed answer's key id. A peer down, a timeout, 408, 429 or 5xx are tried again; any
 * other problem answer fails for good (a dead letter staff can retry).
 */
import { PeerError, type ExchangeClient } from '../../../protocol/exchange-client/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { DeliveryFailure, type OutboxChannel, type OutboxRow } from '../outbox/index.js';
import type { FileSubscribers } from './publisher.js';
import { signedCall, type SignedAnswer } from './signed-call.js';

type Wire = components['schemas'];

export function peerChannel(context: NodeContext, subscribers: FileSubscribers, client: () => ExchangeClient): OutboxChannel {
  return {
    name: 'peer',
    async send(row: OutboxRow): Promise<void> {
      const office = row.recipient;
      if (row.eventType === 'subscription.cancel') {
        const { subscriptionId } = row.payload as { subscriptionId: string };
        const answer = await deliver(() => signedCall<Wire['Subscription']>(context, client(), office,
          { method: 'DELETE', path: `/subscriptions/${encodeURIComponent(subscriptionId)}` }, 'Subscription'), ['SUBSCRIPTION_NOT_FOUND']);
        logSent(context, row, { subscriptionId, result: answer === undefined ? 'unknown-at-peer' : answer.body.state }, answer);
        return;
      }
      const n = row.payload as Wire['Notification'];
      if (row.eventType === 'dossier.updated' && !subscribers.isLive(n.subscriptionId)) {
        throw new DeliveryFailure(`subscription ${n.subscriptionId} was cancelled before the notification went out`, 'obsolete');
      }
      const answer = await deliver(() => signedCall<Wire['NotificationAccepted']>(context, client(), office,
        { method: 'POST', path: '/notifications', json: n }, 'NotificationAccepted'), ['SUBSCRIPTION_NOT_FOUND', 'SUBSCRIPTION_CANCELLED']);
      if (answer === undefined) {
        // The subscriber no longer has it: end it here too (a cancellation both sides agree on).
        if (row.eventType === 'dossier.updated') {
          subscribers.forgottenBySubscriber(n.subscriptionId, 'SUBSCRIPTION_CANCELLED');
          logSent(context, row, { subscriptionId: n.subscriptionId, result: 'subscription-ended-by-subscriber' }, undefined);
          throw new DeliveryFailure(`${office} no longer tracks it (subscription ${n.subscriptionId})`, 'obsolete');
        }
        logSent(context, row, { subscriptionId: n.subscriptionId, result: 'unknown-at-peer' }, undefined);
        return;
      }
      logSent(context, row, { subscriptionId: n.subscriptionId, result: answer.body.result, ...(answer.body.jobId === undefined ? {} : { peerJobId: answer.body.jobId }) }, answer);
    },
  };
}

/** Runs the call; undefined when the peer answered one of `ending` (no such subscription there). */
async function deliver<T>(call: () => Promise<SignedAnswer<T>>, ending: readonly string[]): Promise<SignedAnswer<T> | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PeerError) {
      if (ending.includes(err.code)) return undefined;
      const s = err.peerStatus;
      const said = `the peer answered ${s}${err.code === 'PEER_ERROR' ? '' : ` ${err.code}`}`;
      if (s === 408 || s === 429 || s >= 500) throw new DeliveryFailure(said, 'transient', err.retryAfterSeconds === undefined ? undefined : err.retryAfterSeconds * 1000);
      throw new DeliveryFailure(said, 'permanent');
    }
    if (isIpexError(err, 'OFFICE_REVOKED') || isIpexError(err, 'OFFICE_UNKNOWN')) throw new DeliveryFailure((err as Error).message, 'permanent');
    // Unreachable, timeout, a suspended office, an answer that did not verify: tried again (the
    // receiver drops a repeat by the notification id).
    throw new DeliveryFailure(isIpexError(err) ? `${err.code}: ${err.message}` : String(err), 'transient');
  }
}

function logSent(context: NodeContext, row: OutboxRow, details: Record<string, unknown>, answer: SignedAnswer<unknown> | undefined): void {
  context.db.transaction(() => context.audit.appendInTransaction({
    type: 'tracking.notification-sent', actor: { kind: 'node', office: context.identity.code }, outcome: 'ok', subject: { office: row.recipient },
    details: {
      notificationId: row.eventId, notificationType: row.eventType, outboxId: row.id, ...details,
      ...(answer === undefined ? {} : { request: answer.request, responseKeyId: answer.keyId }),
    },
  })).immediate();
}
