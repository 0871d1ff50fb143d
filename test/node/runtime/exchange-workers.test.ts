/**
 * The exchange listener served by two `node:cluster` workers on one SQLite data folder
 * (`exchange.workers: 2`, issue 14; docs/operations.md "Several exchange workers"): what the
 * node keeps as one stays one — a signature replayed to the other worker is refused, the audit
 * log has one entry per request in one verifiable tree, a CRL that revokes a peer is obeyed by
 * both workers at once, and a killed worker is replaced without losing an acknowledged retrieval.
 *
 * Which worker served a request is read from each worker's own metrics (the primary asks them
 * over IPC): every request comes on a new connection, which node:cluster hands to the workers in
 * turn, and the tests check that both of them answered.
 */
import { randomUUID } from 'node:crypto';
import { answeredBy, retrieve, since } from './exchange-workers-fixture.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { publish, revoke } from '../../../certs/network/index.js';
import { networkPaths } from '../../../certs/network/network-folder.js';
import { DirectoryStore } from '../../../node/trust/index.js';
import { exportAuditBundle } from '../../../node/services/audit/export-bundle.js';
import { verifyAuditBundle } from '../../../protocol/audit/verify-bundle.js';
import { createOutput } from '../../../node/cli/output.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

describe('node/runtime exchange workers (exchange.workers: 2, SQLite)', function () {
  this.timeout(120_000);
  let net: ExchangeNetwork;
  let closed = false;
  /** The node's log, the workers' lines included. */
  const logged: string[] = [];

  before(async () => {
    const sink = { write: (chunk: string) => logged.push(chunk) > 0 };
    net = await startExchangeNetwork({ epExchange: { workers: 2 }, output: createOutput(false, { stdout: sink, stderr: sink }, true) });
  });
  after(async () => {
    if (!closed) await net?.close();
  });

  it('serves the exchange listener from two worker processes, not from the node process, whose lines reach the node\'s log', async () => {
    const pids = net.ep.exchangeWorkers!.pids();
    expect([...pids.keys()]).to.deep.equal([1, 2]);
    expect(new Set(pids.values()).size).to.equal(2);
    expect([...pids.values()]).to.not.include(process.pid);
    const before = await answeredBy(net);
    for (let i = 0; i < 4; i += 1) expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
    const answered = since(before, await answeredBy(net));
    expect(answered).to.have.length(2);
    for (const counts of answered) expect(counts.get('200') ?? 0).to.be.greaterThan(0);
    const lines = logged.join('').split('\n').filter((l) => l.includes('"path":"/exchange/v1/status"')).map((l) => JSON.parse(l) as { worker?: number });
    expect(new Set(lines.map((l) => l.worker))).to.deep.equal(new Set([1, 2]));
  });

  it('keeps serving when a worker is sent the Ctrl-C meant for the node (it stops when the node tells it)', async () => {
    const pids = [...net.ep.exchangeWorkers!.pids().values()];
    for (const pid of pids) process.kill(pid, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...net.ep.exchangeWorkers!.pids().values()]).to.deep.equal(pids);
    for (let i = 0; i < 4; i += 1) expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
  });

  it('refuses a signature replayed to the other worker (SIGNATURE_REPLAYED), at once after the first answer', async () => {
    // A status request writes nothing else: its nonce alone must reach the other worker in time.
    expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
    const { nonce, created } = net.lastRequest!.options;
    const before = await answeredBy(net);
    for (let i = 0; i < 4; i += 1) {
      const replay = await net.send('GET', '/exchange/v1/status', { nonce, created });
      expect([replay.status, replay.json().code]).to.deep.equal([401, 'SIGNATURE_REPLAYED']);
    }
    // Both workers refused it: the one that never saw the first use too.
    for (const counts of since(before, await answeredBy(net))) expect(counts.get('401') ?? 0).to.be.greaterThan(0);
  });

  it('takes each nonce once when the same signed request reaches both workers at the same moment', async () => {
    for (let round = 0; round < 10; round += 1) {
      expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
      const fresh = net.lastRequest!.options;
      const nonce = `race-${round}-${randomUUID()}`;
      const both = await Promise.all([0, 1].map(() => net.send('GET', '/exchange/v1/status', { nonce, created: fresh.created })));
      expect(both.map((r) => r.status).sort()).to.deep.equal([200, 401]);
    }
  });

  it('writes one audit entry per retrieval from both workers into one log that verifies', async () => {
    const { audit, identity, clock } = net.ep.context;
    const { accessCode } = await net.depositPriority({ application: 'EP 23 123 456.8' });
    const sizeBefore = audit.size();
    const before = await answeredBy(net);
    const done = await Promise.all(Array.from({ length: 24 }, () => retrieve(net, accessCode, 'EP 23 123 456.8')));
    expect(done.map((d) => d.status)).to.deep.equal(done.map(() => 200));
    for (const counts of since(before, await answeredBy(net))) expect(counts.get('200') ?? 0).to.be.greaterThan(0);

    // One `retrieval.attempt` and one `part.served` per retrieval, each once, in one order with no gap.
    const entries = auditEntries(net).filter((e) => e.idx >= sizeBefore);
    expect(entries.map((e) => e.idx)).to.deep.equal(entries.map((_, i) => sizeBefore + i));
    const attempts = entries.filter((e) => e.type === 'retrieval.attempt');
    expect(attempts.map((e) => e.entry.details.requestId as string).sort()).to.deep.equal(done.map((d) => d.requestId).sort());
    expect(entries.filter((e) => e.type === 'part.served')).to.have.length(done.length);
    for (const d of done) expect(attempts.find((e) => e.idx === d.logIndex)?.entry.details.requestId).to.equal(d.requestId);

    const out = join(net.root, 'audit-bundle');
    await exportAuditBundle({ audit, identity, clock, out });
    const report = await verifyAuditBundle(out, { trustedVkey: identity.log.verifierKey });
    expect(report.problems).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    expect(report.entries).to.equal(audit.size());
  });

  it('sums the workers\' request counts into the node\'s /metrics', async () => {
    const exchangeRequests = async (): Promise<number> => {
      const { body } = await net.ep.context.metrics!.exposition();
      return body.split('\n').filter((l) => l.startsWith('ipex_http_requests_total{') && l.includes('listener="exchange"'))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    };
    const before = await exchangeRequests();
    for (let i = 0; i < 6; i += 1) await net.send('GET', '/exchange/v1/status');
    expect(await exchangeRequests()).to.equal(before + 6);
  });

  it('replaces a killed worker, and every retrieval acknowledged around the kill is in the log', async () => {
    const workers = net.ep.exchangeWorkers!;
    const { accessCode } = await net.depositPriority({ application: 'EP 23 100 001.9' });
    const victim = workers.pids().get(1)!;
    const replaced = workers.replaced(1);
    let sent = 0;
    const acknowledged: { logIndex?: number; requestId: string }[] = [];
    const lane = async (): Promise<void> => {
      while (sent < 40) {
        sent += 1;
        if (sent === 12) process.kill(victim, 'SIGKILL');
        // A retrieval in flight at the worker that died fails on its connection: never acknowledged.
        // One being handed to it as it died is held by node:cluster's primary until the peer gives up.
        const done = await retrieve(net, accessCode, 'EP 23 100 001.9', 5000).catch(() => undefined);
        if (done?.status === 200) acknowledged.push(done);
      }
    };
    const lanes = Promise.all([lane(), lane(), lane(), lane()]);
    const pid = await replaced;
    expect(pid).to.not.equal(victim);
    expect(workers.pids().get(1)).to.equal(pid);
    // One that dies young (within 5 s of listening) is replaced after a pause, so that a worker that cannot start does not spin.
    const again = workers.replaced(1);
    process.kill(pid, 'SIGKILL');
    // Meanwhile the node is not ready: /readyz names the missing worker.
    while (workers.pids().size === 2) await new Promise((resolve) => setTimeout(resolve, 20));
    net.clock.advance(2000); // readiness results are reused for a second
    const unready = await fetch(`${net.ep.officeApiUrl}/readyz`);
    expect(unready.status).to.equal(503);
    expect(((await unready.json()) as { checks: unknown[] }).checks).to.deep.include({ name: 'exchange', ok: false, detail: '1 of 2 exchange workers are running' });
    const third = await again;
    // The pause doubles with each young death: 1 s, or 2 s when the first victim was itself young (a fast start).
    expect(logged.join('')).to.match(new RegExp(`exchange worker 1 \\(pid ${pid}\\) ended \\(signal SIGKILL\\); starting another in [12] s`));
    expect(workers.pids().get(1)).to.equal(third);
    await lanes;
    expect(acknowledged.length).to.be.greaterThan(10);
    expect(logged.join('')).to.include(`exchange worker 1 (pid ${victim}) ended (signal SIGKILL); starting another`);
    net.clock.advance(2000);
    const ready = await fetch(`${net.ep.officeApiUrl}/readyz`);
    expect(ready.status).to.equal(200);
    expect(((await ready.json()) as { checks: unknown[] }).checks).to.deep.include({ name: 'exchange', ok: true });

    const entries = auditEntries(net);
    for (const done of acknowledged) {
      expect(entries.find((e) => e.idx === done.logIndex)?.entry.details.requestId).to.equal(done.requestId);
    }
    // The new worker serves: both answer again.
    const before = await answeredBy(net);
    for (let i = 0; i < 4; i += 1) expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
    for (const counts of since(before, await answeredBy(net))) expect(counts.get('200') ?? 0).to.be.greaterThan(0);
  });

  it('refuses a peer whose TLS certificate a newly installed CRL revokes, at every worker from the next request on', async () => {
    const before = await answeredBy(net);
    const ctx = { dir: join(net.root, 'network'), now: net.clock.now(), progress: () => undefined };
    await revoke(ctx, { code: 'JP', serialNumber: net.jp.tls.certificate.serialNumber.toLowerCase() });
    await publish(ctx, 30);
    // What `ipex directory install` does in another process: the files change under the node.
    const paths = networkPaths(join(net.root, 'network'));
    await new DirectoryStore({ dataDir: join(net.root, 'ep'), clock: net.clock }).install(readFileSync(paths.directoryJws, 'utf8'), readFileSync(paths.crl, 'utf8'));
    for (let i = 0; i < 4; i += 1) {
      const refused = await net.send('GET', '/exchange/v1/status');
      expect([refused.status, refused.json().code]).to.deep.equal([401, 'CERT_REVOKED']);
    }
    for (const counts of since(before, await answeredBy(net))) expect(counts.get('401') ?? 0).to.be.greaterThan(0);
  });

  it('stops its workers when the node stops', async () => {
    const pids = [...net.ep.exchangeWorkers!.pids().values()];
    closed = true;
    await net.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).to.throw().with.property('code', 'ESRCH');
  });
});
