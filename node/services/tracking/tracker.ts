/**
 * The subscriber's side of tracked files (issue 12; docs/tracked-files.md): the applications this
 * office tracks at peers. Tracking asks the peer at once (a signed `POST /subscriptions`; a peer
 * that cannot be reached keeps nothing here); ending it is recorded here at once and told to the
 * peer through the outbox. A signed notification from the peer is taken once per notification id:
 * its document is fetched by a retrieval job (by id, verified as every certified copy) and staff
 * get a `dossier.updated` alert, which the staff e-mail and webhooks carry on.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import type { ExchangeClient } from '../../../protocol/exchange-client/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/application-number.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { Requester } from '../access/index.js';
import { actorLabel, auditActor, type Actor } from '../deposit/deposit-deps.js';
import type { Outbox } from '../outbox/index.js';
import { retrievalJobsFor } from '../retrieval/index.js';
import { staffAlertsFor } from '../staff/staff-alerts.js';
import { signedCall } from './signed-call.js';
import type { ReceivedSummary, Subscription, TrackingStore } from './tracking-store.js';

type Wire = components['schemas'];
export type TrackedFile = Subscription & ReceivedSummary;

export class TrackedFiles {
  constructor(private readonly context: NodeContext, private readonly store: TrackingStore, private readonly outbox: Outbox, private readonly client: () => ExchangeClient) {}

  /**
   * Tracks an application at a peer; idempotent. Logged as `tracking.subscribed`.
   * @throws IpexError INVALID_INPUT (this office), OFFICE_*, APPLICATION_NUMBER_*, PEER_* or the peer's code.
   */
  async add(input: { ipOfficeCode: string; applicationNumberText: string }, actor: Actor): Promise<TrackedFile> {
    const { identity, db, audit, clock } = this.context;
    const office = normaliseSt3Code(input.ipOfficeCode);
    if (office === identity.code) throw new IpexError('INVALID_INPUT', `office ${office} is this office: its own applications need no tracking`);
    const { applicationNumberText } = normaliseApplicationNumber(office, input.applicationNumberText);
    const live = this.store.liveTracked(office, applicationNumberText);
    if (live !== undefined) return this.#view(live);
    const answer = await signedCall<Wire['Subscription']>(this.context, this.client(), office,
      { method: 'POST', path: '/subscriptions', json: { ipOfficeCode: office, applicationNumberText } }, 'Subscription');
    const s = answer.body;
    if (s.ipOfficeCode !== office || s.office !== identity.code || s.applicationNumberText !== applicationNumberText || s.state !== 'active') {
      throw new IpexError('PEER_RESPONSE_INVALID', `${office} answered a subscription of another office or application`);
    }
    db.transaction(() => {
      this.store.insertTracked({ id: s.subscriptionId, office, applicationNumber: applicationNumberText, createdAt: clock.now().toISOString(), createdBy: actorLabel(actor) });
      audit.appendInTransaction({
        type: 'tracking.subscribed', actor: auditActor(actor, identity.code), outcome: 'ok', subject: { office, applicationNumber: applicationNumberText },
        details: { side: 'subscriber', subscriptionId: s.subscriptionId, request: answer.request, responseKeyId: answer.keyId },
      });
    }).immediate();
    return this.#view(this.store.tracked(office, s.subscriptionId)!);
  }

  list(): TrackedFile[] {
    return this.store.trackedFiles().map((s) => this.#view(s));
  }

  /**
   * Stops tracking: cancelled here at once, the peer told through the outbox. Idempotent.
   * @throws IpexError SUBSCRIPTION_NOT_FOUND
   */
  remove(subscriptionId: string, actor: Actor): TrackedFile {
    const { identity, db, audit, clock } = this.context;
    const found = this.store.trackedById(subscriptionId);
    if (found === undefined) throw new IpexError('SUBSCRIPTION_NOT_FOUND', `this office tracks nothing under ${subscriptionId}`);
    db.transaction(() => {
      if (!this.store.cancelTracked(found.office, subscriptionId, 'subscriber', clock.now().toISOString())) return;
      audit.appendInTransaction({
        type: 'tracking.cancelled', actor: auditActor(actor, identity.code), outcome: 'ok', subject: { office: found.office, applicationNumber: found.applicationNumberText },
        details: { side: 'subscriber', subscriptionId, cancelledBy: 'subscriber' },
      });
      this.outbox.enqueueInTransaction({ channel: 'peer', recipient: found.office, eventId: `cancel-${subscriptionId}`, eventType: 'subscription.cancel', payload: { subscriptionId } });
    }).immediate();
    return this.#view(this.store.tracked(found.office, subscriptionId)!);
  }

  /**
   * A signed notification from `peer` (exchange API). Idempotent by (office, notification id).
   * @throws IpexError SUBSCRIPTION_NOT_FOUND, SUBSCRIPTION_CANCELLED, NOTIFICATION_INVALID
   */
  async receive(peer: Requester, n: Wire['Notification']): Promise<Wire['NotificationAccepted']> {
    const seen = this.store.received(peer.office, n.notificationId);
    if (seen !== undefined) {
      this.#logReceived(peer, n, undefined, { duplicate: true });
      return { notificationId: n.notificationId, result: 'duplicate', ...(seen.jobId === null ? {} : { jobId: seen.jobId }) };
    }
    const tracked = this.store.tracked(peer.office, n.subscriptionId);
    if (tracked === undefined) throw new IpexError('SUBSCRIPTION_NOT_FOUND', `this office has no subscription ${n.subscriptionId} with ${peer.office}`);
    if (n.type === 'subscription.cancelled') {
      this.#take(peer, n, tracked, null, () => {
        if (!this.store.cancelTracked(peer.office, tracked.subscriptionId, 'publisher', this.context.clock.now().toISOString())) return;
        // Nobody here asked for this: staff learn that new documents will no longer be told.
        staffAlertsFor(this.context).raiseInTransaction({
          kind: 'tracking.cancelled',
          subject: `subscription ${tracked.subscriptionId}`,
          detail: `${peer.office} ended this office's tracking of application ${peer.office} ${tracked.applicationNumberText} (${tracked.subscriptionId}): ` +
            `new dossier documents of it will no longer be notified; \`ipex track add --office ${peer.office} --application ${tracked.applicationNumberText}\` asks again`,
        });
      });
      return { notificationId: n.notificationId, result: 'accepted' };
    }
    if (tracked.state !== 'active') throw new IpexError('SUBSCRIPTION_CANCELLED', `the subscription ${n.subscriptionId} was cancelled`);
    const d = n.document;
    if (d === undefined || d.ipOfficeCode !== peer.office || d.applicationNumberText !== tracked.applicationNumberText || d.documentKind === 'priorityDocument') {
      throw new IpexError('NOTIFICATION_INVALID', `a dossier.updated notification of ${peer.office} must name a dossier document of ${peer.office} ${tracked.applicationNumberText}`);
    }
    // The job first, with a request id made from the notification id: a repeat after a crash
    // between the two steps finds the same job rather than making a second one.
    const job = await retrievalJobsFor(this.context).enqueue(
      { ipOfficeCode: d.ipOfficeCode, applicationNumberText: d.applicationNumberText, filingDate: d.filingDate, ipRightType: d.ipRightType, documentKind: d.documentKind, documentId: d.documentId },
      { createdBy: `tracking:${tracked.subscriptionId}`, requestId: requestIdOf(peer.office, n.notificationId) },
    );
    const taken = this.#take(peer, n, tracked, job.jobId, () => {
      staffAlertsFor(this.context).raiseInTransaction({
        kind: 'dossier.updated',
        subject: `${d.documentId} v${d.version}`,
        detail: `${peer.office} deposited ${d.documentKind} ${d.documentId} (version ${d.version}) for application ${peer.office} ${d.applicationNumberText}, ` +
          `which this office tracks (${tracked.subscriptionId}); retrieval job ${job.jobId} fetches and verifies it (GET /api/v1/retrievals/${job.jobId})`,
      });
    });
    return { notificationId: n.notificationId, result: taken ? 'accepted' : 'duplicate', jobId: job.jobId };
  }

  /** Records the notification, its audit entry and `also`, in one transaction; false for a concurrent repeat. */
  #take(peer: Requester, n: Wire['Notification'], tracked: Subscription, jobId: string | null, also: () => void): boolean {
    return this.context.db.transaction(() => {
      if (this.store.received(peer.office, n.notificationId) !== undefined) return false;
      const logIndex = this.#logReceived(peer, n, jobId, {});
      this.store.insertReceived({
        office: peer.office, notificationId: n.notificationId, subscriptionId: tracked.subscriptionId, documentId: n.document?.documentId ?? '-',
        version: n.document?.version ?? 1, jobId, receivedAt: this.context.clock.now().toISOString(), logIndex,
      });
      also();
      return true;
    }).immediate();
  }

  #logReceived(peer: Requester, n: Wire['Notification'], jobId: string | null | undefined, extra: Record<string, unknown>): number {
    return this.context.db.transaction(() => this.context.audit.appendInTransaction({
      type: 'tracking.notification-received', actor: { kind: 'peer', office: peer.office, keyId: peer.keyId }, outcome: 'ok',
      subject: { office: peer.office, ...(n.document === undefined ? {} : { documentId: n.document.documentId, version: n.document.version, applicationNumber: n.document.applicationNumberText }) },
      details: { notificationId: n.notificationId, subscriptionId: n.subscriptionId, notificationType: n.type, ...(jobId == null ? {} : { jobId }), ...extra, request: peer.request },
    }))();
  }

  #view(s: Subscription): TrackedFile {
    return { ...s, ...this.store.receivedSummary(s.office, s.subscriptionId) };
  }
}

/** A UUID (version 4 layout) derived from the notification: the retrieval job's request id. */
function requestIdOf(office: string, notificationId: string): string {
  const b = createHash('sha256').update(`ipex-tracking\u0000${office}\u0000${notificationId}`).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
