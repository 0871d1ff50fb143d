/**
 * issue 13, "Prometheus metrics": a running node is scraped over HTTP and the exposition format
 * parsed as Prometheus reads it. On the office listener `/metrics` needs an auditor or admin
 * token; with `metrics.port` it moves to a loopback listener of its own, without a token.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { startNode } from '../../../node/runtime/start-node.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { outboxFor } from '../../../node/services/outbox/index.js';
import { parseExposition, valueOf, type Sample } from '../../helpers/prometheus.js';
import { quiet, startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

describe('metrics (issue 13)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const tokens: Record<string, string> = {};

  before(async () => {
    net = await startExchangeNetwork();
    const staff = new StaffTokens(net.ep.context.db, net.ep.context.clock, systemRandom);
    for (const role of ['clerk', 'auditor', 'admin']) tokens[role] = staff.create(role, `metrics ${role}`).token;
  });
  after(async () => { await net?.close(); });

  const scrape = async (token: string | null = tokens.auditor!): Promise<{ status: number; type: string | null; text: string }> => {
    const res = await fetch(`${net.ep.officeApiUrl}/metrics`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const samples = async (): Promise<Sample[]> => {
    const res = await scrape();
    expect(res.status, res.text).to.equal(200);
    return parseExposition(res.text);
  };

  it('answers only a staff token of the auditor or admin role', async () => {
    const none = await scrape(null);
    expect(none.status).to.equal(401);
    expect(JSON.parse(none.text)).to.include({ code: 'AUTH_REQUIRED' });
    expect(JSON.parse((await scrape('ipex_' + 'A'.repeat(43))).text)).to.include({ code: 'AUTH_INVALID' });
    const clerk = await scrape(tokens.clerk!);
    expect(clerk.status).to.equal(403);
    expect(JSON.parse(clerk.text)).to.include({ code: 'ROLE_NOT_ALLOWED' });
    const admin = await scrape(tokens.admin!);
    expect(admin.status).to.equal(200);
    expect(admin.type).to.equal('text/plain; version=0.0.4; charset=utf-8');
    expect(admin.text).to.not.contain(tokens.admin!);
  });

  it('counts requests by listener, operation and status, with latency histograms of both listeners', async () => {
    const before = await samples();
    const count = (s: Sample[], labels: Record<string, string>): number => valueOf(s, 'ipex_http_requests_total', labels) ?? 0;
    await net.send('GET', '/exchange/v1/status');
    await net.send('GET', '/exchange/v1/status', { unsigned: true });
    await fetch(`${net.ep.officeApiUrl}/api/v1/status`, { headers: { authorization: `Bearer ${tokens.clerk}` } });
    // Counted when each response has ended on the server, which may be a turn after the client has it.
    let after = await samples();
    for (let turns = 0; turns < 1000 && count(after, { listener: 'office', operation: 'getStatus', status: '200' }) === count(before, { listener: 'office', operation: 'getStatus', status: '200' }); turns++) {
      await new Promise((resolve) => setImmediate(resolve));
      after = await samples();
    }
    expect(count(after, { listener: 'exchange', operation: 'getStatus', status: '200' }) - count(before, { listener: 'exchange', operation: 'getStatus', status: '200' })).to.equal(1);
    expect(count(after, { listener: 'exchange', operation: 'none', status: '401' }) - count(before, { listener: 'exchange', operation: 'none', status: '401' })).to.equal(1);
    expect(count(after, { listener: 'office', operation: 'getStatus', status: '200' }) - count(before, { listener: 'office', operation: 'getStatus', status: '200' })).to.equal(1);
    for (const listener of ['exchange', 'office']) {
      expect(valueOf(after, 'ipex_http_request_duration_seconds_count', { listener, operation: 'getStatus' })).to.be.at.least(1);
      expect(valueOf(after, 'ipex_http_request_duration_seconds_bucket', { listener, operation: 'getStatus', le: '+Inf' })).to.be.at.least(1);
    }
  });

  it('reads the audit log, storage and expiry from the node\'s state when scraped', async () => {
    await net.depositPriority({ application: 'EP 23 300 001.7', parts: [{ name: 'a.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4991, 1)]), mediaType: 'application/pdf' }] });
    await net.ep.context.audit.flush();
    net.clock.advance(61_000); // the blob total is recounted at most once a minute
    // Refusals of the test before are logged in the background: the log may grow while scraped.
    const { audit } = net.ep.context;
    const sizeBefore = audit.size();
    const checkpointBefore = audit.latestCheckpoint().size;
    const s = await samples();
    expect(valueOf(s, 'ipex_audit_log_entries')).to.be.within(Math.max(1, sizeBefore), audit.size());
    expect(valueOf(s, 'ipex_audit_checkpoint_size')).to.be.within(checkpointBefore, audit.latestCheckpoint().size);
    expect(valueOf(s, 'ipex_audit_checkpoint_age_seconds')).to.be.at.least(0);
    expect(valueOf(s, 'ipex_storage_bytes', { kind: 'blobs' })).to.be.at.least(5000);
    expect(valueOf(s, 'ipex_storage_bytes', { kind: 'database' })).to.be.greaterThan(0);
    expect(valueOf(s, 'ipex_data_filesystem_bytes', { kind: 'free' })).to.be.greaterThan(0);
    for (const state of ['queued', 'pending', 'downloading', 'verifying', 'done', 'failed']) expect(valueOf(s, 'ipex_retrieval_jobs', { state })).to.equal(0);
    expect(valueOf(s, 'ipex_witness_inconsistencies')).to.equal(0);
    const { identity } = net.ep.context;
    const days = (validTo: string): number => (Date.parse(validTo) - net.clock.now().getTime()) / 86_400_000;
    expect(valueOf(s, 'ipex_certificate_expiry_days', { use: 'tls', sha256: identity.tls.sha256 })).to.be.closeTo(days(identity.tls.certificate.validTo), 0.01);
    expect(valueOf(s, 'ipex_certificate_expiry_days', { use: 'signing' })).to.be.closeTo(days(identity.signing.certificate.validTo), 0.01);
    const directory = net.ep.context.store.installedSummary()!;
    expect(valueOf(s, 'ipex_directory_expiry_days', { serial: String(directory.serial) })).to.be.closeTo(days(directory.expiresAt), 0.01);
    expect(valueOf(s, 'ipex_info', { office: 'EP' })).to.equal(1);
    for (const state of ['queued', 'sent', 'dead', 'cancelled']) expect(valueOf(s, 'ipex_outbox_messages', { state })).to.be.a('number');
    expect(valueOf(s, 'process_resident_memory_bytes')).to.be.greaterThan(0);
  });

  it('counts the outbox by state: a queued message shows, and leaves the count when it is cancelled', async () => {
    const { context } = net.ep;
    const before = valueOf(await samples(), 'ipex_outbox_messages', { state: 'queued' }) ?? 0;
    const id = context.db.transaction(() => {
      // A channel no worker takes, so the row stays queued until the test moves it.
      outboxFor(context).enqueueInTransaction({ channel: 'metricstest', recipient: 'metrics-test', eventId: 'metrics-test-1', eventType: 'staff.alert', payload: {} });
      return (context.db.prepare("SELECT id FROM outbox WHERE event_id = 'metrics-test-1'").get() as { id: number }).id;
    })();
    expect(valueOf(await samples(), 'ipex_outbox_messages', { state: 'queued' })).to.equal(before + 1);
    context.db.prepare("UPDATE outbox SET state = 'cancelled' WHERE id = ?").run(id);
    const after = await samples();
    expect(valueOf(after, 'ipex_outbox_messages', { state: 'queued' })).to.equal(before);
    expect(valueOf(after, 'ipex_outbox_messages', { state: 'cancelled' })).to.be.at.least(1);
  });

  it('serves /metrics without a token on a loopback port of its own when metrics.port is set, and not on the office listener', async () => {
    const dataDir = join(net.root, 'metrics-port');
    await ensureDevNode(dataDir, { officeCode: 'FR', exchangePort: 0, officeApiPort: 0, output: quiet });
    const config = JSON.parse(readFileSync(join(dataDir, 'ipex.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dataDir, 'ipex.json'), JSON.stringify({ ...config, metrics: { port: 9 } }));
    const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0, metrics: 0 }, witnessIntervalMs: 0 });
    try {
      expect(node.metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const res = await fetch(node.metricsUrl!);
      expect(res.status).to.equal(200);
      expect(valueOf(parseExposition(await res.text()), 'ipex_info', { office: 'FR' })).to.equal(1);
      expect((await fetch(node.metricsUrl!.replace('/metrics', '/other'))).status).to.equal(404);
      expect((await fetch(`${node.officeApiUrl}/metrics`)).status).to.equal(404);
    } finally {
      await node.close();
    }
  });
});
