/**
 * Two exchange workers (`exchange.workers: 2`, issue 14) on a node whose metadata is in
 * PostgreSQL: the workers are one more kind of "several node processes" (issue 13), so the same
 * guarantees hold through the server — a nonce sent to both workers at once is taken once, and
 * retrievals served by both land once each in one log that verifies.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'chai';
import { exportAuditBundle } from '../../../node/services/audit/export-bundle.js';
import { verifyAuditBundle } from '../../../protocol/audit/verify-bundle.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from '../../node/http/exchange-peer-fixture.js';
import { answeredBy, retrieve, since } from '../../node/runtime/exchange-workers-fixture.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';

describe('two exchange workers on PostgreSQL', function () {
  let server: PostgresServer;
  let net: ExchangeNetwork;

  before(async () => {
    server = await startPostgres();
    const url = server.createDatabase();
    process.env.IPEX_TEST_PG_PASSWORD = server.password; // the workers inherit it with the environment
    net = await startExchangeNetwork({
      epConfig: { storage: { database: url, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' } },
      epExchange: { workers: 2 },
    });
  });
  after(async () => {
    await net?.close();
    server?.stop();
    delete process.env.IPEX_TEST_PG_PASSWORD;
  });

  it('takes a nonce sent to both workers at the same moment once', async () => {
    const before = await answeredBy(net);
    for (let round = 0; round < 10; round += 1) {
      expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
      const { created } = net.lastRequest!.options;
      const nonce = `race-${round}-${randomUUID()}`;
      const both = await Promise.all([0, 1].map(() => net.send('GET', '/exchange/v1/status', { nonce, created })));
      expect(both.map((r) => r.status).sort()).to.deep.equal([200, 401]);
    }
    for (const counts of since(before, await answeredBy(net))) expect(counts.get('401') ?? 0).to.be.greaterThan(0);
  });

  it('writes one audit entry per retrieval from both workers into one log that verifies', async () => {
    const { audit, identity, clock } = net.ep.context;
    const { accessCode } = await net.depositPriority({ application: 'EP 23 123 456.8' });
    const sizeBefore = audit.size();
    const done = await Promise.all(Array.from({ length: 16 }, () => retrieve(net, accessCode, 'EP 23 123 456.8')));
    expect(done.map((d) => d.status)).to.deep.equal(done.map(() => 200));
    const entries = auditEntries(net).filter((e) => e.idx >= sizeBefore);
    expect(entries.map((e) => e.idx)).to.deep.equal(entries.map((_, i) => sizeBefore + i));
    const attempts = entries.filter((e) => e.type === 'retrieval.attempt');
    expect(attempts.map((e) => e.entry.details.requestId as string).sort()).to.deep.equal(done.map((d) => d.requestId).sort());
    expect(entries.filter((e) => e.type === 'part.served')).to.have.length(done.length);

    const out = join(net.root, 'audit-bundle');
    await exportAuditBundle({ audit, identity, clock, out });
    const report = await verifyAuditBundle(out, { trustedVkey: identity.log.verifierKey });
    expect(report.problems).to.deep.equal([]);
    expect(report.ok).to.equal(true);
  });
});
