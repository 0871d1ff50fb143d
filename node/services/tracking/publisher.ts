/**
 * The publisher's side of tracked files (issue 12; docs/tracked-files.md): the peer offices that
 * track this office's applications. A peer subscribes, lists and cancels over the exchange API;
 * a deposit of a dossier document queues, in its own transaction, one signed `dossier.updated`
 * notification per live subscriber through the outbox (channel `peer`, peer-channel.ts), so the
 * notification exists exactly when the deposit does. Staff see the subscribers and can end one;
 * the peer is then told by a `subscription.cancelled` notification.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/application-number.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { Requester } from '../access/index.js';
import { auditActor, type Actor } from '../deposit/deposit-deps.js';
import type { Outbox } from '../outbox/index.js';
import type { Subscription, TrackingStore } from './tracking-store.js';

/** What a deposit tells the subscribers of its application (commit-deposit.ts). */
export interface DepositedDossierDocument {
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly ipRightType: string;
  readonly depositedAt: string;
  /** The index of the deposit's audit entry: the notification's stable id. */
  readonly logIndex: number;
}

/** What the deposit service needs of tracking: queue notifications inside its transaction. */
export interface DepositTracking {
  depositedInTransaction(document: DepositedDossierDocument): void;
}

export class FileSubscribers implements DepositTracking {
  constructor(private readonly context: NodeContext, private readonly store: TrackingStore, private readonly outbox: Outbox, private readonly random: RandomSource) {}

  /**
   * A peer tracks one of this office's applications; idempotent (one live subscription per office
   * and application). Logged as `tracking.subscribed` when it is new.
   * @throws IpexError OFFICE_NOT_THIS_NODE, APPLICATION_NUMBER_*.
   */
  subscribe(requester: Requester, key: { ipOfficeCode: string; applicationNumberText: string }): Subscription {
    const { db, audit, clock, identity } = this.context;
    if (key.ipOfficeCode !== identity.code) throw new IpexError('OFFICE_NOT_THIS_NODE', `this node serves office ${identity.code}, not ${key.ipOfficeCode}`);
    const { applicationNumberText } = normaliseApplicationNumber(identity.code, key.applicationNumberText);
    return db.transaction(() => {
      const live = this.store.liveSubscriber(requester.office, applicationNumberText);
      if (live !== undefined) return live;
      const id = `sub-${this.random.bytes(15).toString('base64url')}`;
      this.store.insertSubscriber(id, requester.office, applicationNumberText, clock.now().toISOString());
      audit.appendInTransaction({
        type: 'tracking.subscribed', actor: { kind: 'peer', office: requester.office, keyId: requester.keyId }, outcome: 'ok',
        subject: { office: requester.office, applicationNumber: applicationNumberText },
        details: { side: 'publisher', subscriptionId: id, request: requester.request },
      });
      return this.store.subscriber(id)!;
    }).immediate();
  }

  /** The live subscriptions of one peer office. */
  listFor(office: string): Subscription[] {
    return this.store.subscribers(office, true);
  }

  /** Every subscriber, cancelled ones too, for staff. */
  list(): Subscription[] {
    return this.store.subscribers();
  }

  /**
   * The subscriber cancels (exchange API); idempotent.
   * @throws IpexError SUBSCRIPTION_NOT_FOUND for an unknown id or another office's.
   */
  cancelBySubscriber(requester: Requester, subscriptionId: string): Subscription {
    const found = this.store.subscriber(subscriptionId);
    if (found === undefined || found.office !== requester.office) throw new IpexError('SUBSCRIPTION_NOT_FOUND', `office ${requester.office} has no subscription ${subscriptionId} here`);
    this.#cancel(found, 'subscriber', { kind: 'peer', office: requester.office, keyId: requester.keyId }, { request: requester.request });
    return this.store.subscriber(subscriptionId)!;
  }

  /** The subscriber answered that it no longer has the subscription (the peer channel). */
  forgottenBySubscriber(subscriptionId: string, code: string): void {
    const found = this.store.subscriber(subscriptionId);
    if (found !== undefined) this.#cancel(found, 'subscriber', { kind: 'node', office: this.context.identity.code }, { reason: code });
  }

  /**
   * Staff end a peer's subscription; the peer is told through the outbox. Idempotent.
   * @throws IpexError SUBSCRIPTION_NOT_FOUND
   */
  drop(subscriptionId: string, actor: Actor): Subscription {
    const found = this.store.subscriber(subscriptionId);
    if (found === undefined) throw new IpexError('SUBSCRIPTION_NOT_FOUND', `no peer subscription ${subscriptionId}`);
    this.#cancel(found, 'publisher', auditActor(actor, this.context.identity.code), {}, () => {
      const time = this.context.clock.now().toISOString();
      this.outbox.enqueueInTransaction({
        channel: 'peer', recipient: found.office, eventId: `cancelled-${subscriptionId}`, eventType: 'subscription.cancelled',
        payload: { notificationId: `cancelled-${subscriptionId}`, subscriptionId, type: 'subscription.cancelled', time },
      });
    });
    return this.store.subscriber(subscriptionId)!;
  }

  depositedInTransaction(d: DepositedDossierDocument): void {
    const office = this.context.identity.code;
    for (const s of this.store.subscribersOf(d.applicationNumberText)) {
      const notificationId = `audit-${d.logIndex}`;
      this.outbox.enqueueInTransaction({
        channel: 'peer', recipient: s.office, eventId: notificationId, eventType: 'dossier.updated',
        payload: {
          notificationId, subscriptionId: s.subscriptionId, type: 'dossier.updated', time: d.depositedAt,
          document: {
            documentId: d.documentId, version: d.version, documentKind: d.documentKind, ipOfficeCode: office,
            applicationNumberText: d.applicationNumberText, filingDate: d.filingDate, ipRightType: d.ipRightType, depositedAt: d.depositedAt,
          },
        },
      });
    }
  }

  /** True when notifications may still be sent for it. */
  isLive(subscriptionId: string): boolean {
    return this.store.subscriber(subscriptionId)?.state === 'active';
  }

  #cancel(s: Subscription, by: 'subscriber' | 'publisher', actor: Parameters<NodeContext['audit']['appendInTransaction']>[0]['actor'], details: Record<string, unknown>, also?: () => void): void {
    const { db, audit, clock } = this.context;
    db.transaction(() => {
      if (!this.store.cancelSubscriber(s.subscriptionId, by, clock.now().toISOString())) return;
      audit.appendInTransaction({
        type: 'tracking.cancelled', actor, outcome: 'ok', subject: { office: s.office, applicationNumber: s.applicationNumberText },
        details: { side: 'publisher', subscriptionId: s.subscriptionId, cancelledBy: by, ...details },
      });
      also?.();
    }).immediate();
  }
}
