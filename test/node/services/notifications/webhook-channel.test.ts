/**
 * The webhook channel's reading of answers (issue 12; docs/notifications.md "Webhooks"): 410
 * Gone disables the endpoint, a redirect is not followed and fails for good, 429 and 503 wait for
 * Retry-After (seconds or an HTTP date, capped by retryMaxMinutes), and a removed endpoint's message is cancelled — against a real HTTP server.
 */
import { expect } from 'chai';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { DeliveryFailure, type OutboxRow } from '../../../../node/services/outbox/index.js';
import { OutboxStore } from '../../../../node/services/outbox/outbox-store.js';
import { OutboxWorker } from '../../../../node/services/outbox/outbox-worker.js';
import { webhookChannel } from '../../../../node/services/notifications/webhook-channel.js';
import { WebhookEndpoints } from '../../../../node/services/notifications/webhook-endpoints.js';
import { auditFixture, type AuditFixture } from '../audit/fixture.js';
import { WebhookReceiver } from '../../../integration/webhook-receiver.js';

describe('node/services/notifications/webhook-channel (issue 12)', () => {
  let f: AuditFixture;
  let receiver: WebhookReceiver;
  let endpoints: WebhookEndpoints;
  let id: number;

  beforeEach(async () => {
    f = auditFixture();
    receiver = await WebhookReceiver.start();
    endpoints = new WebhookEndpoints(f.db, f.clock, f.log);
    id = endpoints.add({ url: receiver.url, events: ['staff.alert'] }, 'cli', { kind: 'node' }, systemRandom).id;
  });
  afterEach(async () => {
    await receiver.close();
    await f.cleanup();
  });

  const row = (): OutboxRow => ({
    id: 1, channel: 'webhook', recipient: `webhook:${id}`, eventId: 'staff-alert-1', eventType: 'staff.alert',
    payload: { type: 'staff.alert', timestamp: f.clock.now().toISOString(), data: {} }, state: 'queued', attempts: 0,
    nextAttemptAt: f.clock.now().toISOString(), lastError: null, createdAt: f.clock.now().toISOString(), sentAt: null, leaseHolder: null,
  });
  const failure = async (): Promise<DeliveryFailure> => {
    try {
      await webhookChannel({ db: f.db, clock: f.clock, endpoints }).send(row(), new AbortController().signal);
    } catch (err) {
      return err as DeliveryFailure;
    }
    throw new Error('delivered');
  };

  it('disables the endpoint on 410 Gone', async () => {
    receiver.answer = 410;
    const err = await failure();
    expect(err.kind).to.equal('permanent');
    expect(err.message).to.contain('410 Gone');
    expect(endpoints.get(id)!.removedWhy).to.contain('410 Gone');
    expect((await failure()).kind).to.equal('obsolete'); // what was queued for it is cancelled
  });

  it('reads Retry-After in seconds or as an HTTP date, and the worker waits at least that, capped by retryMaxMinutes', async () => {
    receiver.answer = 429;
    receiver.answerHeaders = { 'retry-after': '120' };
    expect((await failure()).retryAfterMs).to.equal(120_000);
    receiver.answer = 503;
    receiver.answerHeaders = { 'retry-after': new Date(f.clock.now().getTime() + 300_000).toUTCString() };
    expect((await failure()).retryAfterMs).to.be.within(299_000, 300_000); // an HTTP date has whole seconds

    // Through the outbox worker (retryBaseSeconds 10, retryMaxMinutes 60), against the same server.
    const worker = new OutboxWorker({
      db: f.db, clock: f.clock, random: { bytes: (n) => Buffer.alloc(n, 0) }, maxAttempts: 5,
      backoff: { baseMs: 10_000, maxMs: 3_600_000 }, warn: () => undefined,
    });
    worker.registerChannel(webhookChannel({ db: f.db, clock: f.clock, endpoints }));
    const store = new OutboxStore(f.db);
    const queue = (eventId: string): void => {
      f.db.transaction(() => store.enqueueInTransaction({ channel: 'webhook', recipient: `webhook:${id}`, eventId, eventType: 'staff.alert', payload: row().payload }, f.clock.now().toISOString()))();
    };
    const wait = (eventId: string): number => Date.parse(store.list({ limit: 10 }).find((r) => r.eventId === eventId)!.nextAttemptAt) - f.clock.now().getTime();
    receiver.answer = 429;
    receiver.answerHeaders = { 'retry-after': '120' };
    queue('staff-alert-2');
    await worker.runDue();
    expect(wait('staff-alert-2')).to.equal(120_000);
    receiver.answer = 503;
    receiver.answerHeaders = { 'retry-after': new Date(f.clock.now().getTime() + 3 * 3_600_000).toUTCString() };
    queue('staff-alert-3');
    await worker.runDue();
    expect(wait('staff-alert-3')).to.equal(3_600_000); // three hours asked, one allowed
    await worker.stop();
  });

  it('fails a redirect for good and waits as long as a 429 asks', async () => {
    receiver.answer = 301;
    expect(await failure()).to.include({ kind: 'permanent' });
    receiver.answer = 429;
    const err = await failure();
    expect(err.kind).to.equal('transient');
    expect(err.retryAfterMs).to.equal(undefined); // the receiver of the test sends no Retry-After
    receiver.answer = 200;
    await webhookChannel({ db: f.db, clock: f.clock, endpoints }).send(row(), new AbortController().signal);
    expect(receiver.deliveries).to.have.length(3);
  });
});
