/**
 * One office served by two node processes (`ipex start`, each a child process with a data
 * folder of its own) on one PostgreSQL database and one radosgw bucket, behind a TCP balancer
 * for the exchange listener and another for the office API (issue 13; docs/operations.md
 * "Several node processes"). A peer retrieves through the balancer, the office deposits through
 * it and retrieves from the peer with retrieval jobs, and one process is killed with SIGKILL in
 * the middle of it all. Afterwards every acknowledged deposit and retrieval is there, the audit
 * log verifies as one tree with no gap, every job was worked to its end exactly once, a replayed
 * request is refused by either process, and the lock-out count is the office's, not a process's.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { withNodeContext } from '../../../node/cli/workspace.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity, type OfficeIdentity } from '../../../node/identity/office-identity.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { depositServiceFor } from '../../../node/services/deposit/deposit-service.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { OfficeApi } from '../../../scripts/demo/office-api.js';
import { minimalPdf } from '../../../scripts/demo/sample-parts.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { TcpBalancer } from '../../../scripts/lib/tcp-balancer.js';
import { quiet } from '../../node/http/exchange-peer-fixture.js';
import { runCli } from '../../node/cli/run-cli.js';
import { startNodeProcess, type NodeProcess } from '../servers/node-process.js';
import { PG_PASSWORD_ENV, processEnv, processFolder, setProcessPorts, useSharedStorage } from '../servers/office-processes.js';
import { sendPeerRequest, signPeerRequest, type SignedRequest } from '../servers/peer-requests.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';
import type { Radosgw } from '../servers/radosgw.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';

const FILING = '2024-03-01';
const epApp = (n: number): string => `24${String(100_000 + n)}`;
const pdf = (label: string): { name: string; mediaType: string; body: () => Readable } =>
  ({ name: 'application.pdf', mediaType: 'application/pdf', body: () => Readable.from([minimalPdf([label])]) });

describe('test/scale one office on two node processes behind a balancer, one of them killed', function () {
  this.timeout(300_000);
  let pg: PostgresServer;
  let s3: Radosgw;
  let bucket: string;
  let root: string;
  let database: string;
  let jp: RunningNode;
  let jpId: OfficeIdentity;
  let publicUrl: string;
  let exchangeLb: TcpBalancer;
  let apiLb: TcpBalancer;
  let office: OfficeApi;
  const ports = { a: { exchange: 0, officeApi: 0 }, b: { exchange: 0, officeApi: 0 } };
  const procs: { a?: NodeProcess; b?: NodeProcess } = {};
  let firstTakenByA: SignedRequest;

  const psql = (sql: string): string[] => pg.psql(database, sql).split('\n').filter((l) => l !== '');
  const retrievalBody = (app: string, accessCode: string) => ({ ipOfficeCode: 'EP', applicationNumberText: app, filingDate: FILING, ipRightType: 'patent', accessCode, requestId: randomUUID() });

  before(async () => {
    [pg, s3] = await Promise.all([startPostgres(), sharedRadosgw()]);
    const url = pg.createDatabase();
    database = new URL(url).pathname.slice(1);
    bucket = await freshBucket(s3, 'two-procs');
    root = mkdtempSync(join(tmpdir(), 'ipex-two-procs-'));
    const networkDir = join(root, 'network');
    const [epA, epB, jpDir] = [join(root, 'ep-a'), join(root, 'ep-b'), join(root, 'jp')];
    // The directory names the balancers' ports: the office's one address.
    const lbPorts = { exchange: await freePort(), officeApi: await freePort() };
    const ep = { officeCode: 'EP', exchangePort: lbPorts.exchange, officeApiPort: lbPorts.officeApi, networkDir, output: quiet };
    await ensureDevNode(epA, ep);
    await ensureDevNode(jpDir, { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: await freePort(), networkDir, output: quiet });
    await ensureDevNode(epA, ep); // the directory that lists JP too
    useSharedStorage(epA, url, s3, bucket);
    for (const p of [ports.a, ports.b]) Object.assign(p, { exchange: await freePort(), officeApi: await freePort() });
    setProcessPorts(epA, ports.a);
    publicUrl = `https://127.0.0.1:${lbPorts.exchange}`;

    process.env[PG_PASSWORD_ENV] = pg.password;
    const token = await withNodeContext({ data: epA }, (ctx) => new StaffTokens(ctx.db, systemClock, systemRandom).create('admin', 'two processes').token);
    procs.a = await startNodeProcess(epA, processEnv(pg));
    processFolder(epA, epB, ports.b);
    procs.b = await startNodeProcess(epB, processEnv(pg));
    exchangeLb = await TcpBalancer.start(lbPorts.exchange, [ports.a, ports.b].map((p) => ({ host: '127.0.0.1', port: p.exchange })));
    apiLb = await TcpBalancer.start(lbPorts.officeApi, [ports.a, ports.b].map((p) => ({ host: '127.0.0.1', port: p.officeApi })));
    office = new OfficeApi(`http://127.0.0.1:${lbPorts.officeApi}`, token);
    jp = await startNode({ dataDir: jpDir, output: quiet, witnessIntervalMs: 0, ports: { officeApi: 0 } });
    jpId = loadIdentity(dataPaths(jpDir));
  });

  after(async () => {
    await procs.a?.kill();
    await procs.b?.stop();
    await exchangeLb?.close();
    await apiLb?.close();
    await jp?.close();
    pg?.stop();
    delete process.env[PG_PASSWORD_ENV];
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('refuses a request replayed to the other process, and counts access failures of both processes against one lock-out', async () => {
    const status = signPeerRequest(jpId, publicUrl, 'GET', '/exchange/v1/status');
    expect((await sendPeerRequest(jpId, ports.a.exchange, status)).status).to.equal(200);
    for (const port of [ports.b.exchange, ports.a.exchange]) {
      const replay = await sendPeerRequest(jpId, port, status);
      expect([replay.status, replay.json().code]).to.deep.equal([401, 'SIGNATURE_REPLAYED']);
    }
    firstTakenByA = status;

    const deposit = (n: number) => office.deposit({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: epApp(n), filingDate: FILING, ipRightType: 'patent' } }, [pdf(`document ${n}`)]);
    const doc = await deposit(0);
    const wrong = (await deposit(1_000)).accessCode!; // well-formed, but another document's
    // five wrong codes, alternately to each process: the fifth locks the document for JP
    for (let i = 0; i < 5; i++) {
      const answer = await sendPeerRequest(jpId, i % 2 === 0 ? ports.a.exchange : ports.b.exchange,
        signPeerRequest(jpId, publicUrl, 'POST', '/exchange/v1/retrievals', retrievalBody(epApp(0), wrong)));
      expect(answer.json().code).to.equal('DOCUMENT_UNAVAILABLE');
    }
    expect(psql(`SELECT failures FROM access_locks WHERE document_id = '${doc.documentId}' AND office = 'JP'`)).to.deep.equal(['5']);
    for (const port of [ports.a.exchange, ports.b.exchange]) {
      const right = await sendPeerRequest(jpId, port, signPeerRequest(jpId, publicUrl, 'POST', '/exchange/v1/retrievals', retrievalBody(epApp(0), doc.accessCode!)));
      expect([right.status, right.json().code]).to.deep.equal([404, 'DOCUMENT_UNAVAILABLE']); // locked, on either process
    }
  });

  it('keeps every acknowledged deposit and retrieval, one audit log and every job worked once, while a process is killed', async () => {
    // What EP's retrieval jobs fetch: three documents deposited at JP.
    const jpDeposits = depositServiceFor(jp.context);
    const jpDocs: { app: string; accessCode: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const app = `2024-0${String(10_000 + i)}`;
      const draft = jpDeposits.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'JP', applicationNumberText: app, filingDate: FILING, ipRightType: 'patent' } }, { kind: 'cli' });
      await jpDeposits.uploadPart(draft.depositId, 'application.pdf', 'application/pdf', Readable.from([minimalPdf([`jp ${i}`])]));
      jpDocs.push({ app, accessCode: (await jpDeposits.commit(draft.depositId, { kind: 'cli' })).accessCode! });
    }
    const served = await office.deposit({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: epApp(1), filingDate: FILING, ipRightType: 'patent' } }, [pdf('served')]);

    let running = true;
    const deposited: { documentId: string; sha256: string[] }[] = [];
    const retrieved: string[] = [];
    let cut = 0;
    const failures: string[] = [];
    const progress = (): string => `${deposited.length} deposits and ${retrieved.length} retrievals acknowledged, ${cut} cut; ${failures.slice(0, 3).join('; ')}`;
    const depositLoop = async (): Promise<void> => {
      for (let n = 2; running; n++) {
        try {
          const doc = await office.deposit({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: epApp(n), filingDate: FILING, ipRightType: 'patent' } }, [pdf(`deposit ${n}`)]);
          deposited.push({ documentId: doc.documentId, sha256: (doc.parts ?? []).map((p) => p.sha256) });
        } catch (err) {
          cut++; // not acknowledged: the process that had it died
          failures.push(`deposit: ${(err as Error).message}`);
        }
      }
    };
    const retrieveLoop = async (): Promise<void> => {
      while (running) {
        try {
          const answer = await sendPeerRequest(jpId, exchangeLb.port, signPeerRequest(jpId, publicUrl, 'POST', '/exchange/v1/retrievals', retrievalBody(epApp(1), served.accessCode!)));
          const body = answer.json<{ outcome: string; retrievalId: string; document: { parts: { url: string }[] } }>();
          if (answer.status !== 200 || body.outcome !== 'success') throw new Error(`answered ${answer.status} ${answer.body.toString('utf8')}`);
          const part = await sendPeerRequest(jpId, exchangeLb.port, signPeerRequest(jpId, publicUrl, 'GET', new URL(body.document.parts[0]!.url).pathname));
          if (part.status !== 200) throw new Error(`part answered ${part.status}`);
          retrieved.push(body.retrievalId);
        } catch (err) {
          failures.push(`retrieval: ${(err as Error).message}`);
          if (/answered/.test((err as Error).message)) throw err;
          cut++;
        }
      }
    };
    const loops = [depositLoop(), retrieveLoop(), retrieveLoop()];
    const jobs = await Promise.all(jpDocs.map((d) => office.retrieve({ ipOfficeCode: 'JP', applicationNumberText: d.app, filingDate: FILING, ipRightType: 'patent', accessCode: d.accessCode })));

    await until(() => deposited.length >= 3 && retrieved.length >= 10, 60_000, progress);
    await procs.a!.kill();
    const atKill = { deposited: deposited.length, retrieved: retrieved.length };
    await until(() => deposited.length >= atKill.deposited + 3 && retrieved.length >= atKill.retrieved + 10, 60_000, progress);
    running = false;
    await Promise.all(loops);
    expect(exchangeLb.connections[0], 'the killed process served the peer too').to.be.greaterThan(0);

    // Every job ends, worked to its end once: one completion and one copy each.
    for (const { jobId } of jobs) expect((await office.waitForJob(jobId, 120_000)).state, jobId).to.equal('done');
    for (const { jobId } of jobs) {
      expect(psql(`SELECT count(*) FROM audit_entries WHERE type = 'retrieval.completed' AND convert_from(entry, 'UTF8') LIKE '%${jobId}%'`), jobId).to.deep.equal(['1']);
      expect(psql(`SELECT state, (SELECT count(*) FROM certified_copies c WHERE c.job_id = j.job_id) FROM retrieval_jobs j WHERE job_id = '${jobId}'`)).to.deep.equal(['done|1']);
    }

    // Every acknowledged deposit and retrieval is there, its parts in the bucket.
    const keys = new Set(((await s3.client().send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key));
    for (const doc of deposited) {
      expect(psql(`SELECT count(*) FROM documents WHERE document_id = '${doc.documentId}'`), doc.documentId).to.deep.equal(['1']);
      for (const sha256 of doc.sha256) expect(keys.has(sha256), sha256).to.equal(true);
    }
    const grants = new Set(psql(`SELECT retrieval_id FROM retrieval_grants WHERE document_id = '${served.documentId}'`));
    expect(retrieved.filter((id) => !grants.has(id))).to.deep.equal([]);

    // One audit log: indexes 0..n-1 with no gap, one checkpoint per size, verified end to end through the balancer.
    const [count, top] = psql('SELECT count(*), max(idx) FROM audit_entries')[0]!.split('|').map(Number) as [number, number];
    expect(top).to.equal(count - 1);
    expect(psql('SELECT count(*) = count(DISTINCT size) FROM audit_checkpoints')).to.deep.equal(['t']);
    const verified = await runCli(['audit', 'verify', '--node', office.baseUrl, '--token', office.token, '--data', join(root, 'ep-b')]);
    expect(verified.code, `${verified.out}\n${verified.err}`).to.equal(0);

    // The request process A took before it died is still refused, now by B.
    const replay = await sendPeerRequest(jpId, exchangeLb.port, firstTakenByA);
    expect([replay.status, replay.json().code]).to.deep.equal([401, 'SIGNATURE_REPLAYED']);
  });
});

async function until(done: () => boolean, withinMs: number, progress: () => string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${withinMs} ms: ${progress()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
