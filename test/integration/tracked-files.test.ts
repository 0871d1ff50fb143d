/**
 * Issue 12, "Tracked files", between real nodes on loopback: JP tracks EP's application; EP's new
 * search report and a new version of it reach JP by signed notifications through EP's outbox, JP
 * fetches each with a retrieval job and alerts its staff; while JP is down the notification waits
 * in EP's outbox and arrives, once, when JP is back; a repeated notification id changes nothing at
 * JP; cancelling on either side stops the notifications and shows on both nodes.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { components } from '../../protocol/generated/office.js';
import { exchangeApiBase } from '../../protocol/exchange-client/index.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { exchangeClientFor } from '../../node/services/retrieval/index.js';
import { minimalPdf } from '../../scripts/demo/sample-parts.js';
import type { OfficeApi } from '../../scripts/demo/office-api.js';
import { runCli } from '../node/cli/run-cli.js';
import { startTestNetwork, type TestNetwork } from './network-fixture.js';

type Schemas = components['schemas'];
const APP = { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-01-10', ipRightType: 'patent' } as const;

function report(api: OfficeApi, kind: Schemas['DocumentKind'], text: string, supersedes?: string) {
  return api.deposit({ documentKind: kind, bibliographicData: { ...APP }, ...(supersedes === undefined ? {} : { supersedes }) },
    [{ name: 'report.pdf', mediaType: 'application/pdf', body: () => Readable.from([minimalPdf([text])]) }]);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Entry { type: string; actor: { office?: string }; details: Record<string, unknown> }
async function entries(api: OfficeApi, type: string): Promise<Entry[]> {
  const page = await api.json<Schemas['AuditPage']>('GET', `/audit/entries?eventType=${type}&limit=500`);
  return page.items.map((e) => JSON.parse(e.entry!) as Entry);
}

describe('integration: tracked files between real nodes (issue 12)', function () {
  this.timeout(120_000);
  let t: TestNetwork;
  let subscriptionId: string;

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    // EP retries quickly, so that the test need not wait out the default backoff.
    await t.net.stop('EP');
    const config = join(t.net.office('EP').dataDir, 'ipex.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), notifications: { outbox: { maxAttempts: 50, retryBaseSeconds: 1, retryMaxMinutes: 1 } } }));
    await t.net.start('EP');
  });
  after(async () => { await t?.close(); });

  it('tracks an application at the peer, visible on both nodes', async () => {
    const tracked = await t.net.api('JP').json<Schemas['TrackedFile']>('POST', '/tracked-files', { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456' });
    expect(tracked).to.deep.include({ ipOfficeCode: 'EP', applicationNumberText: '23123456', state: 'active', notifications: 0 });
    subscriptionId = tracked.subscriptionId;
    // idempotent: the same application again is the same subscription
    expect((await t.net.api('JP').json<Schemas['TrackedFile']>('POST', '/tracked-files', { ipOfficeCode: 'EP', applicationNumberText: '23123456' })).subscriptionId).to.equal(subscriptionId);
    const atEp = await t.net.api('EP').json<Schemas['FileSubscriberList']>('GET', '/file-subscribers');
    expect(atEp.items).to.deep.equal([{ subscriptionId, office: 'JP', applicationNumberText: '23123456', state: 'active', createdAt: atEp.items[0]!.createdAt }]);
    const cli = await runCli(['track', 'subscribers', '--data', t.net.office('EP').dataDir]);
    expect(cli.out).to.include(`${subscriptionId}  JP tracks 23123456  active`);
    expect((await entries(t.net.api('EP'), 'tracking.subscribed')).map((e) => e.actor.office)).to.deep.equal(['JP']);
    expect((await entries(t.net.api('JP'), 'tracking.subscribed'))[0]!.details).to.deep.include({ side: 'subscriber', subscriptionId });
  });

  let first: string;
  it('a new report at EP is notified, signed, fetched by a retrieval job and alerted to JP\'s staff', async () => {
    const jp = t.net.api('JP');
    first = (await report(t.net.api('EP'), 'searchReport', 'EP search report 1')).documentId;
    const tracked = await until('the notification', async () => (await jp.json<Schemas['TrackedFileList']>('GET', '/tracked-files')).items.find((i) => i.notifications === 1));
    const job = await jp.waitForJob(tracked.lastJobId!, 30_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    expect((await jp.copy(job.copyId!)).documentId).to.equal(first);
    const alerts = await jp.json<Schemas['AlertPage']>('GET', '/alerts');
    expect(alerts.items.map((a) => `${a.kind} ${a.subject}`)).to.include(`dossier.updated ${first} v1`);
    const received = await entries(jp, 'tracking.notification-received');
    expect(received).to.have.length(1);
    expect(received[0]!.actor.office).to.equal('EP');
    expect(received[0]!.details).to.have.property('request'); // EP's signed request, as JP verified it
    const sent = await until('EP to log the delivery', async () => (await entries(t.net.api('EP'), 'tracking.notification-sent')).at(0));
    expect(sent.details).to.deep.include({ notificationType: 'dossier.updated', subscriptionId, result: 'accepted' });
  });

  it('while JP is down the notification waits in EP\'s outbox, and arrives once when JP is back', async () => {
    await t.net.stop('JP');
    const v2 = await report(t.net.api('EP'), 'searchReport', 'EP search report 1, corrected', first);
    expect(v2.version).to.equal(2);
    const ep = t.net.api('EP');
    const waiting = await until('a failed attempt', async () => (await ep.json<Schemas['OutboxPage']>('GET', '/outbox?state=queued')).items.find((m) => m.channel === 'peer' && m.attempts >= 1));
    expect(waiting.lastError).to.match(/PEER_UNREACHABLE/);
    await t.net.start('JP');
    const jp = t.net.api('JP');
    const tracked = await until('the delayed notification', async () => (await jp.json<Schemas['TrackedFileList']>('GET', '/tracked-files')).items.find((i) => i.notifications === 2), 60_000);
    const job = await jp.waitForJob(tracked.lastJobId!, 30_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    expect((await jp.copy(job.copyId!)).version).to.equal(2);
    expect(await entries(jp, 'tracking.notification-received')).to.have.length(2);
  });

  it('a notification id JP took before is answered duplicate and changes nothing', async () => {
    const ep = t.net.node('EP').context;
    const row = ep.db.prepare("SELECT payload FROM outbox WHERE channel = 'peer' AND event_type = 'dossier.updated' AND state = 'sent' ORDER BY id LIMIT 1").get() as { payload: string };
    const client = exchangeClientFor(ep, systemRandom);
    try {
      const res = await client.request({ method: 'POST', url: `${exchangeApiBase((await ep.trust.office('JP'))!.exchangeUrl)}/notifications`, json: JSON.parse(row.payload) });
      expect(res.json()).to.deep.include({ result: 'duplicate' });
    } finally {
      client.close();
    }
    const jp = t.net.api('JP');
    expect((await jp.json<Schemas['TrackedFileList']>('GET', '/tracked-files')).items[0]!.notifications).to.equal(2);
    expect((await jp.json<Schemas['RetrievalJobPage']>('GET', '/retrievals')).items).to.have.length(2);
    const received = await entries(jp, 'tracking.notification-received');
    expect(received.map((e) => e.details.duplicate ?? false)).to.deep.equal([false, false, true]);
  });

  it('stops when JP cancels, and shows it on both nodes', async () => {
    const jp = t.net.api('JP');
    const cancelled = await jp.json<Schemas['TrackedFile']>('DELETE', `/tracked-files/${subscriptionId}`);
    expect(cancelled).to.deep.include({ state: 'cancelled', cancelledBy: 'subscriber' });
    const ep = t.net.api('EP');
    await until('EP to learn of it', async () => (await ep.json<Schemas['FileSubscriberList']>('GET', '/file-subscribers')).items.find((s) => s.subscriptionId === subscriptionId && s.state === 'cancelled'));
    const before = (await ep.json<Schemas['OutboxPage']>('GET', '/outbox?limit=500')).items.filter((m) => m.channel === 'peer').length;
    await report(ep, 'examinationReport', 'EP examination report');
    const after = (await ep.json<Schemas['OutboxPage']>('GET', '/outbox?limit=500')).items.filter((m) => m.channel === 'peer').length;
    expect(after).to.equal(before); // nothing queued for a cancelled subscription
  });

  it('stops when EP drops the subscriber, and JP shows it cancelled by the publisher', async () => {
    const jpDir = t.net.office('JP').dataDir;
    const add = await runCli(['--json', 'track', 'add', '--office', 'EP', '--application', '23123456', '--data', jpDir]);
    expect(add.code, add.err).to.equal(0);
    const again = JSON.parse(add.out) as { subscriptionId: string };
    expect(again.subscriptionId).to.not.equal(subscriptionId);
    const ep = t.net.api('EP');
    const dropped = await ep.json<Schemas['FileSubscriber']>('DELETE', `/file-subscribers/${again.subscriptionId}`);
    expect(dropped).to.deep.include({ state: 'cancelled', cancelledBy: 'publisher' });
    const jp = t.net.api('JP');
    await until('JP to learn of it', async () => (await jp.json<Schemas['TrackedFileList']>('GET', '/tracked-files')).items.find((i) => i.subscriptionId === again.subscriptionId && i.cancelledBy === 'publisher'));
    const list = await runCli(['track', 'list', '--data', jpDir]);
    expect(list.out).to.include(`${again.subscriptionId}  EP 23123456  cancelled by the publisher`);
    const alerts = (await jp.json<Schemas['AlertPage']>('GET', '/alerts')).items.filter((a) => a.kind === 'tracking.cancelled');
    expect(alerts.map((a) => a.subject)).to.deep.equal([`subscription ${again.subscriptionId}`]);
    expect(alerts[0]!.detail).to.include('EP ended this office\'s tracking of application EP 23123456').and.to.include('ipex track add --office EP --application 23123456');
    await report(ep, 'writtenOpinion', 'EP written opinion');
    await new Promise((r) => setTimeout(r, 500));
    expect((await jp.json<Schemas['RetrievalJobPage']>('GET', '/retrievals')).items).to.have.length(2);
  });
});
