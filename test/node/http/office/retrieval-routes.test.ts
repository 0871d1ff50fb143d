// The retrieval and certified-copy operations of the office API (openapi/office.yaml, tags
// retrieval and copy) on a JP node that retrieves from a real EP node (issue 3, OSF side).
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, type RunningNode } from '../../../../node/runtime/start-node.js';
import { RetrievalJobs, exchangeClientFor, stopRetrievalJobs } from '../../../../node/services/retrieval/index.js';
import { StaffTokens } from '../../../../node/services/staff/staff-tokens.js';
import { verifyBundle } from '../../../../protocol/certification/index.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { quiet, startExchangeNetwork, type ExchangeNetwork } from '../exchange-peer-fixture.js';

describe('office API: retrievals and certified copies', function () {
  this.timeout(120_000);
  let net: ExchangeNetwork;
  let jp: RunningNode;
  let runner: RetrievalJobs;
  let clerk: string;
  let auditor: string;

  before(async () => {
    net = await startExchangeNetwork();
    jp = await startNode({ dataDir: join(net.root, 'jp'), output: quiet, clock: net.clock, ports: { exchange: 0, officeApi: 0 } });
    await stopRetrievalJobs(jp.context); // the jobs are run below, connected to EP's loopback port
    const epPort = Number(new URL(net.ep.exchangeUrl).port);
    runner = new RetrievalJobs(jp.context, {
      random: systemRandom,
      client: exchangeClientFor(jp.context, systemRandom, { connect: () => ({ host: '127.0.0.1', port: epPort }) }),
    });
    const tokens = new StaffTokens(jp.context.db, net.clock, systemRandom);
    clerk = tokens.create('clerk', 'test clerk').token;
    auditor = tokens.create('auditor', 'test auditor').token;
  });
  after(async () => {
    await runner?.stop();
    await jp?.close();
    await net?.close();
  });

  async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; headers: Headers; body: any; bytes: Buffer }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}` } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${jp.officeApiUrl}/api/v1${path}`, init);
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, bytes, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined };
  }

  it('queues a job, shows its progress, and serves the verified copy and its bundle', async () => {
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 300 001.7' });
    const created = await call('POST', '/retrievals', clerk, { ipOfficeCode: 'EP', applicationNumberText: '23300001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    const { jobId } = created.body as { jobId: string };
    expect(created.headers.get('location')).to.equal(`/api/v1/retrievals/${jobId}`);
    expect((await call('GET', `/retrievals/${jobId}`, auditor)).body.state).to.equal('queued');

    await runner.runJob(jobId);
    const job = (await call('GET', `/retrievals/${jobId}`, clerk)).body;
    expect(job.state, JSON.stringify(job)).to.equal('done');
    expect(job.applicationNumberText).to.equal('23300001');

    const list = await call('GET', '/copies?ipOfficeCode=EP&applicationNumberText=23300001', clerk);
    expect(list.status).to.equal(200);
    expect(list.body.items.map((c: { copyId: string }) => c.copyId)).to.deep.equal([job.copyId]);
    const copy = (await call('GET', `/copies/${job.copyId}`, auditor)).body;
    expect(copy.documentId).to.equal(documentId);
    expect(copy.verified).to.equal(true);
    expect(copy.receiptSent).to.equal(true);

    const bundle = await call('GET', `/copies/${job.copyId}/bundle`, clerk);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get('content-type')).to.match(/^application\/zip/);
    const dir = mkdtempSync(join(tmpdir(), 'ipex-copy-'));
    try {
      writeFileSync(join(dir, 'copy.zip'), bundle.bytes);
      const report = await verifyBundle(join(dir, 'copy.zip'), { trustAnchors: jp.context.store.trustAnchors(), at: net.clock.now(), expectedOffice: 'EP' });
      expect(report.ok).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a mistyped access code with 400 and makes no job', async () => {
    const before = (jp.context.db.prepare('SELECT COUNT(*) AS n FROM retrieval_jobs').get() as { n: number }).n;
    const res = await call('POST', '/retrievals', clerk, { ipOfficeCode: 'EP', applicationNumberText: '23300002', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: 'ABCD-EFGH-JKMN-Q' });
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('ACCESS_CODE_MALFORMED');
    expect((jp.context.db.prepare('SELECT COUNT(*) AS n FROM retrieval_jobs').get() as { n: number }).n).to.equal(before);
  });

  it('lets only clerks and admins start a retrieval, and answers 404 for an unknown job or copy', async () => {
    const res = await call('POST', '/retrievals', auditor, { ipOfficeCode: 'EP', applicationNumberText: '23300003', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: '0000-0000-0000-0' });
    expect(res.status).to.equal(403);
    expect((await call('GET', '/retrievals/job-unknown0000', clerk)).status).to.equal(404);
    expect((await call('GET', '/copies/copy-unknown0000', clerk)).status).to.equal(404);
  });
});
