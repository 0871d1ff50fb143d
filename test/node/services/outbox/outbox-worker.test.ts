/**
 * The outbox (issue 12, "Notifications that reach people"): a message is a row written in the
 * transaction of its event, once per channel, recipient and event; the worker sends due rows,
 * retries failures with backoff and jitter, honours Retry-After, dead-letters after N attempts or
 * at once on a permanent refusal, cancels what has nobody to go to, and takes over the lease of
 * a process that is gone. Staff retry dead letters, with an audit entry.
 */
import { expect } from 'chai';
import type { RandomSource } from '../../../../protocol/runtime/clock.js';
import { parseConfig } from '../../../../node/config/config.js';
import type { NodeContext } from '../../../../node/runtime/node-context.js';
import { Outbox, DeliveryFailure, type OutboxChannel, type OutboxRow } from '../../../../node/services/outbox/index.js';
import { OutboxStore } from '../../../../node/services/outbox/outbox-store.js';
import { OutboxWorker } from '../../../../node/services/outbox/outbox-worker.js';
import { formatHolder } from '../../../../node/runtime/process-holder.js';
import { expectCode } from '../../../helpers/error-code.js';
import { auditFixture, type AuditFixture } from '../audit/fixture.js';

/** Randomness fixed at the top of the range: every backoff is its bound. */
const highest: RandomSource = { bytes: (n) => Buffer.alloc(n, 0xff) };

/** A channel of the test: what it was given, and what it should answer next. */
class RecordingChannel implements OutboxChannel {
  readonly sent: OutboxRow[] = [];
  answers: (() => void)[] = [];
  constructor(readonly name: string) {}
  async send(row: OutboxRow): Promise<void> {
    const answer = this.answers.shift();
    answer?.();
    this.sent.push(row);
  }
}

describe('node/services/outbox (issue 12)', () => {
  let f: AuditFixture;
  let store: OutboxStore;
  let worker: OutboxWorker;
  let channel: RecordingChannel;
  let dead: string[];

  beforeEach(() => {
    f = auditFixture();
    store = new OutboxStore(f.db);
    dead = [];
    worker = new OutboxWorker({
      db: f.db, clock: f.clock, random: highest, maxAttempts: 3, backoff: { baseMs: 10_000, maxMs: 60_000 },
      warn: () => undefined, onDead: (row, error) => dead.push(`${row.id}: ${error}`),
    });
    channel = new RecordingChannel('test');
    worker.registerChannel(channel);
  });
  afterEach(async () => {
    await worker.stop();
    await f.cleanup();
  });

  const now = (): string => f.clock.now().toISOString();
  const queue = (eventId: string, extra: Partial<Parameters<OutboxStore['enqueueInTransaction']>[0]> = {}): boolean =>
    f.db.transaction(() => store.enqueueInTransaction({ channel: 'test', recipient: 'someone', eventId, eventType: 'thing.happened', payload: { n: 1 }, ...extra }, now()))();

  it('is written only inside the transaction of its event, and goes with its rollback', () => {
    expectCode(() => store.enqueueInTransaction({ channel: 'test', recipient: 'r', eventId: 'e1', eventType: 't', payload: {} }, now()), 'INTERNAL');
    expect(() => f.db.transaction(() => {
      store.enqueueInTransaction({ channel: 'test', recipient: 'r', eventId: 'e1', eventType: 't', payload: {} }, now());
      throw new Error('the event failed');
    })()).to.throw('the event failed');
    expect(store.list({ limit: 10 })).to.deep.equal([]);
  });

  it('takes a payload of up to 64 KiB of UTF-8 JSON and an event id without a dot, and refuses more', () => {
    const text = (bytes: number, char: string): { t: string } => ({ t: char.repeat((bytes - '{"t":""}'.length) / Buffer.byteLength(char)) });
    expect(queue('full', { payload: text(64 * 1024, 'a') })).to.equal(true);
    // Counted in bytes, not characters: 64 KiB of "é" is 32 Ki characters.
    expectCode(() => queue('over', { payload: text(64 * 1024 + 2, 'é') }), 'INTERNAL');
    expectCode(() => queue('audit.7'), 'INTERNAL'); // Standard Webhooks signs `id.timestamp.body`
    expectCode(() => queue('x'.repeat(129)), 'INTERNAL');
    expect(store.list({ limit: 10 }).map((r) => r.eventId)).to.deep.equal(['full']);
  });

  it('queues one event once per recipient and channel, whatever the repeats', () => {
    expect(queue('audit-7')).to.equal(true);
    expect(queue('audit-7')).to.equal(false);
    expect(queue('audit-7', { recipient: 'someone-else' })).to.equal(true);
    expect(queue('audit-7', { channel: 'other' })).to.equal(true);
    expect(store.list({ limit: 10 })).to.have.length(3);
  });

  it('sends what is due, marks it sent, and leaves other channels and later messages alone', async () => {
    queue('a');
    queue('b', { channel: 'unplugged' });
    queue('c', { notBefore: new Date(f.clock.now().getTime() + 3_600_000).toISOString() });
    expect(await worker.runDue()).to.equal(1);
    expect(channel.sent.map((r) => r.eventId)).to.deep.equal(['a']);
    expect(store.list({ state: 'sent', limit: 10 }).map((r) => r.eventId)).to.deep.equal(['a']);
    expect(await worker.runDue()).to.equal(0); // never twice

    f.clock.advance(3_600_000); // a scheduled message (a document becoming available) goes at its time
    expect(await worker.runDue()).to.equal(1);
    expect(channel.sent.map((r) => r.eventId)).to.deep.equal(['a', 'c']);
    expect(store.list({ state: 'queued', limit: 10 }).map((r) => r.eventId)).to.deep.equal(['b']);
  });

  it('retries with exponential backoff, then makes a dead letter after maxAttempts', async () => {
    queue('a');
    const fail = (): void => { throw new Error('connection refused'); };
    channel.answers = [fail, fail, fail];
    await worker.runDue();
    let row = store.list({ limit: 1 })[0]!;
    expect(row).to.include({ state: 'queued', attempts: 1, lastError: 'connection refused' });
    // full jitter drawn at its top: the first retry waits the base, 10 s
    expect(Date.parse(row.nextAttemptAt) - f.clock.now().getTime()).to.be.within(9_990, 10_000);
    expect(await worker.runDue()).to.equal(0); // not due yet

    f.clock.advance(10_000);
    await worker.runDue();
    row = store.list({ limit: 1 })[0]!;
    expect(row.attempts).to.equal(2);
    expect(Date.parse(row.nextAttemptAt) - f.clock.now().getTime()).to.be.within(19_990, 20_000); // doubled

    f.clock.advance(20_000);
    await worker.runDue();
    row = store.list({ limit: 1 })[0]!;
    expect(row).to.include({ state: 'dead', attempts: 3, lastError: 'connection refused (gave up after 3 attempts)' });
    expect(dead).to.deep.equal([`${row.id}: connection refused (gave up after 3 attempts)`]);
    expect(channel.sent).to.deep.equal([]);
  });

  it('waits as long as the receiver asks (Retry-After), up to the longest backoff', async () => {
    queue('a');
    queue('b');
    channel.answers = [
      () => { throw new DeliveryFailure('429 from the receiver', 'transient', 45_000); },
      () => { throw new DeliveryFailure('503 from the receiver', 'transient', 600_000); },
    ];
    await worker.runDue();
    const wait = (eventId: string): number => Date.parse(store.list({ limit: 10 }).find((r) => r.eventId === eventId)!.nextAttemptAt) - f.clock.now().getTime();
    expect(wait('a')).to.equal(45_000); // more than the first backoff (10 s)
    expect(wait('b')).to.equal(60_000); // capped at backoff.maxMs (retryMaxMinutes)
  });

  it('dead-letters a permanent refusal at once, and cancels a message that has nobody to go to', async () => {
    queue('a');
    queue('b');
    channel.answers = [
      () => { throw new DeliveryFailure('550 mailbox unavailable', 'permanent'); },
      () => { throw new DeliveryFailure('the webhook endpoint was removed', 'obsolete'); },
    ];
    await worker.runDue();
    const byEvent = new Map(store.list({ limit: 10 }).map((r) => [r.eventId, r]));
    expect(byEvent.get('a')).to.include({ state: 'dead', attempts: 1, lastError: '550 mailbox unavailable' });
    expect(byEvent.get('b')).to.include({ state: 'cancelled', lastError: 'the webhook endpoint was removed' });
    expect(dead).to.have.length(1);
  });

  it('takes over at once a message leased by a process that is gone, and leaves a live lease alone', async () => {
    queue('a');
    queue('b');
    const [b, a] = store.list({ limit: 10 });
    const lease = new Date(f.clock.now().getTime() + 300_000).toISOString();
    const gone = { host: (await import('node:os')).hostname(), pid: 2 ** 22 + 17, instance: 'dead' }; // no such process
    f.db.prepare('UPDATE outbox SET next_attempt_at = ?, lease_until = ?, lease_holder = ? WHERE id = ?').run(lease, lease, formatHolder(gone), a!.id);
    const alive = { host: (await import('node:os')).hostname(), pid: process.ppid, instance: 'parent' };
    f.db.prepare('UPDATE outbox SET next_attempt_at = ?, lease_until = ?, lease_holder = ? WHERE id = ?').run(lease, lease, formatHolder(alive), b!.id);
    expect(store.get(a!.id)!.leaseHolder).to.deep.equal(gone);

    await worker.runDue();
    expect(channel.sent.map((r) => r.eventId)).to.deep.equal(['a']);
    expect(store.get(b!.id)!.state).to.equal('queued');
  });

  it('lets staff retry a dead letter, logged as admin.outbox-retried, and refuses any other', async () => {
    const context = {
      db: f.db, clock: f.clock, audit: f.log, output: { warn: () => undefined },
      config: parseConfig({ office: { code: 'EP', name: 'EPO' } }, f.dir),
    } as unknown as NodeContext; // the part of a node context the outbox reads
    const outbox = new Outbox(context, highest);
    queue('a');
    queue('b');
    channel.answers = [() => { throw new DeliveryFailure('550 no such user', 'permanent'); }];
    await worker.runDue();
    const [b, a] = store.list({ limit: 10 });
    expect(a!.state).to.equal('dead');

    expectCode(() => outbox.retry(b!.id, { kind: 'node', office: 'EP' }), 'OUTBOX_NOT_DEAD');
    expectCode(() => outbox.retry(999, { kind: 'node', office: 'EP' }), 'OUTBOX_MESSAGE_NOT_FOUND');
    const size = f.log.size();
    const again = outbox.retry(a!.id, { kind: 'staff', office: 'EP', tokenId: 3 });
    expect(again).to.include({ state: 'queued', attempts: 0 });
    expect(f.log.size()).to.equal(size + 1);
    const entry = JSON.parse(f.log.entries(size, size + 1)[0]!.toString('utf8')) as { type: string; details: Record<string, unknown> };
    expect(entry.type).to.equal('admin.outbox-retried');
    expect(entry.details).to.include({ messageId: a!.id, channel: 'test', eventId: 'a' });

    await worker.runDue();
    expect(store.get(a!.id)!.state).to.equal('sent');
  });
});
