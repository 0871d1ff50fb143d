/**
 * Webhooks between real nodes (issue 12, "Notifications that reach people"): EP's admin registers
 * a URL of the office's own system; JP retrieves a priority document; the system on loopback
 * receives signed events whose signatures the independent `standardwebhooks` package verifies.
 * While the receiver is down the outbox retries; after N attempts the message is a dead letter,
 * which staff see on the office API and retry.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { DemoNetwork } from '../../scripts/demo/network.js';
import { EP_APP, depositPriorityDocument } from './network-fixture.js';
import { WebhookReceiver, type Delivery } from './webhook-receiver.js';

interface Body { type: string; timestamp: string; data: Record<string, unknown> }

describe('integration: webhooks to the office\'s own systems (issue 12)', function () {
  this.timeout(90_000);
  let baseDir: string;
  let net: DemoNetwork;
  let receiver: WebhookReceiver;
  let epUrl: string;
  let admin: string;

  before(async () => {
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-it-webhooks-'));
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'] });
    // Fast retries for the test: the first retry within 1 s, dead after 3 attempts.
    const config = join(net.office('EP').dataDir, 'ipex.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), notifications: { outbox: { maxAttempts: 3, retryBaseSeconds: 1, retryMaxMinutes: 1 } } }));
    await net.startAll();
    receiver = await WebhookReceiver.start();
    epUrl = net.node('EP').officeApiUrl;
    admin = net.office('EP').token!;
  });
  after(async () => {
    await net?.stopAll();
    await receiver?.close();
    rmSync(baseDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads varied shapes
    const res = await fetch(`${epUrl}/api/v1${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };
  const verified = (secret: string, d: Delivery): Body =>
    new Webhook(secret).verify(d.body, d.headers as Record<string, string>) as Body;

  it('signs each event so that a Standard Webhooks library verifies it, retries while the receiver is down, and keeps dead letters for staff', async () => {
    const node = net.node('EP').context;
    const clerk = new StaffTokens(node.db, node.clock, systemRandom).create('clerk', 'test clerk').token;
    expect((await call('POST', '/webhooks', clerk, { url: receiver.url, events: ['document.retrieved'] })).status).to.equal(403);
    expect((await call('POST', '/webhooks', admin, { url: 'http://ipas.example.org/hook', events: ['document.retrieved'] })).json.code).to.equal('WEBHOOK_URL_INVALID');

    const added = await call('POST', '/webhooks', admin, { url: receiver.url, events: ['document.deposited', 'document.retrieved', 'receipt.received'], description: 'IPAS' });
    expect(added.status).to.equal(201);
    const secret = added.json.secret as string;
    expect(secret).to.match(/^whsec_/);
    expect((await call('GET', '/webhooks', admin)).json.items[0]).to.not.have.property('secret'); // shown once

    // 1. A deposit and a retrieval by JP: three events, each signed, each with a stable id.
    const doc = await depositPriorityDocument(net.api('EP'), 1024);
    const { jobId } = await net.api('JP').retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    expect((await net.api('JP').waitForJob(jobId, 30_000)).state).to.equal('done');
    const first = await receiver.waitFor(3);
    const bodies = first.map((d) => verified(secret, d));
    expect(bodies.map((b) => b.type).sort()).to.deep.equal(['document.deposited', 'document.retrieved', 'receipt.received']);
    const retrieved = bodies.find((b) => b.type === 'document.retrieved')!;
    expect(retrieved.data).to.include({ documentId: doc.documentId, office: 'JP', applicationNumber: EP_APP.applicationNumberText });
    expect(first.find((d) => d.body === JSON.stringify(retrieved))!.headers['webhook-id']).to.equal(`audit-${retrieved.data.logIndex as number}`);
    expect(first.every((d) => d.headers['content-type'] === 'application/json')).to.equal(true);
    // A signature made with another secret is refused by the receiver's library.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(first[0]!.body, first[0]!.headers as Record<string, string>)).to.throw();

    // 2. The receiver is down (503) for the next event: the outbox tries again, and it arrives once it is up.
    receiver.answer = 503;
    const again = await net.api('JP').retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    await receiver.waitFor(4);
    const waiting = (await call('GET', '/outbox?state=queued', admin)).json.items as { attempts: number; lastError: string; eventType: string }[];
    expect(waiting.some((m) => m.eventType === 'document.retrieved' && m.attempts >= 1 && m.lastError.includes('answered 503'))).to.equal(true);
    receiver.answer = 200;
    expect((await net.api('JP').waitForJob(again.jobId, 30_000)).state).to.equal('done');
    const later = await receiver.waitFor(6);
    const resent = later.slice(3).filter((d) => (JSON.parse(d.body) as Body).type === 'document.retrieved');
    expect(resent.length).to.be.at.least(2);
    expect(new Set(resent.map((d) => d.headers['webhook-id'])).size).to.equal(1); // the same event, the same id
    expect(resent.every((d) => verified(secret, d).type === 'document.retrieved')).to.equal(true);

    // 3. A receiver that fails every time: after 3 attempts a dead letter, listed for staff, then retried.
    receiver.answer = 500;
    const before = receiver.deliveries.length;
    await net.api('JP').retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    let dead: { id: number; attempts: number; lastError: string; eventType: string }[] = [];
    const deadline = Date.now() + 30_000;
    while (dead.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      dead = ((await call('GET', '/outbox', admin)).json.items as typeof dead).filter((m) => m.eventType === 'document.retrieved');
    }
    expect(dead).to.have.length(1);
    expect(dead[0]).to.include({ attempts: 3 });
    expect(dead[0]!.lastError).to.contain('answered 500 (gave up after 3 attempts)');
    const alerts = (await call('GET', '/alerts', admin)).json.items as { kind: string; subject: string }[];
    expect(alerts.map((a) => `${a.kind} ${a.subject}`)).to.include('outbox.dead-letter webhook');
    expect((await call('POST', `/outbox/${dead[0]!.id}/retry`, clerk)).status).to.equal(403);
    receiver.answer = 200;
    const deliveredBefore = receiver.deliveries.length;
    const retried = await call('POST', `/outbox/${dead[0]!.id}/retry`, admin);
    expect(retried.json).to.include({ state: 'queued', attempts: 0 });
    await receiver.waitFor(deliveredBefore + 1);
    expect(receiver.deliveries.length - before).to.be.at.least(4); // three failed attempts and the one that went through
    // The receiver has the message; the worker marks it sent once the answer reaches it.
    let sent: { id: number }[] = [];
    for (const end = Date.now() + 30_000; !sent.some((m) => m.id === dead[0]!.id) && Date.now() < end;) {
      sent = (await call('GET', '/outbox?state=sent&limit=500', admin)).json.items as { id: number }[];
      if (!sent.some((m) => m.id === dead[0]!.id)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sent.map((m) => m.id)).to.include(dead[0]!.id);

    // 4. A removed endpoint gets nothing more.
    expect((await call('DELETE', `/webhooks/${added.json.id as number}`, admin)).status).to.equal(200);
    const other = await depositPriorityDocument(net.api('EP'), 512, { ...EP_APP, applicationNumberText: '23123457' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.deliveries.filter((d) => d.body.includes(other.documentId))).to.deep.equal([]);
  });
});
