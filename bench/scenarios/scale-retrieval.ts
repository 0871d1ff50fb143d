/**
 * Retrievals/s with one and with two node processes on PostgreSQL + S3 (issue 13), beside the
 * SQLite figure of the same run: the client, document and load of the `retrieval` scenario (a
 * 100 KB priority document, 64 retrievals in flight, each a signed POST + a signed GET of the
 * part). The real servers are started as `npm run test:scale` starts them (test/scale/servers/:
 * a PostgreSQL 15 cluster, a one-OSD Ceph cluster with radosgw, on loopback); the office's two
 * processes are `ipex start` children, each with a data folder of its own
 * (test/scale/servers/office-processes.ts), behind a node:net round-robin TCP balancer
 * (scripts/lib/tcp-balancer.ts) that runs in this process beside the client. The one-process
 * figure goes through the same balancer, so the two differ only in the second process. Skipped,
 * with the reason in the row, when PostgreSQL 15 or the Ceph tools are not installed.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startChildNode } from '../lib/child-node.js';
import { depositPriority, freePort, scratch, setupNetwork, startInProcess, type BenchNetwork, type DepositedDocument } from '../lib/network.js';
import { PeerClient } from '../lib/peer-client.js';
import { notRun, type ResultRow } from '../lib/results.js';
import { retrieveOnce, summarise, type Measured } from '../lib/retrieve-once.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round, runLoad } from '../lib/stats.js';
import { TcpBalancer } from '../../scripts/lib/tcp-balancer.js';
import { PG_PASSWORD_ENV, processFolder, setProcessPorts, useSharedStorage } from '../../test/scale/servers/office-processes.js';
import { startPostgres } from '../../test/scale/servers/postgres.js';
import { radosgwAvailable, startRadosgw } from '../../test/scale/servers/radosgw.js';

const CONCURRENCY = 64;
const SIZE = 100 * 1024;
const UNIT = 'retrievals/s';
const TARGET = 'none set; issue 13 asks for the figures';
const ROWS = [
  'retrieval of a 100 KB document, SQLite (64 concurrent, same run)',
  'retrieval of a 100 KB document, one node process on PostgreSQL + S3 (64 concurrent)',
  'retrieval of a 100 KB document, two node processes on PostgreSQL + S3 behind a TCP balancer (64 concurrent)',
];

/** A node or the balancer: what `measure` stops when it is done. */
interface Stoppable { stop(): Promise<void>; output?(): string }

/** Rows of a run that did not happen, each saying why. */
export function scaleRetrievalNotRun(why: string): ResultRow[] {
  return ROWS.map((name) => notRun(name, UNIT, TARGET, why));
}

async function missingServers(): Promise<string | undefined> {
  if (!existsSync('/usr/lib/postgresql/15/bin/initdb')) return 'skipped: PostgreSQL 15 is not installed (apt-get install postgresql-15)';
  const rgw = await radosgwAvailable();
  return rgw === true ? undefined : `skipped: ${rgw}`;
}

export const scaleRetrieval: Scenario = {
  id: 'scale-retrieval',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const missing = await missingServers();
    if (missing !== undefined) {
      ctx.log(`  ${missing}`);
      return scaleRetrievalNotRun(missing);
    }
    const tmp = scratch('scale-retrieval');
    const stops: (() => Promise<void> | void)[] = [];
    try {
      const net = await setupNetwork(tmp.dir);
      const epPg = join(tmp.dir, 'ep-pg-a');
      cpSync(net.epDir, epPg, { recursive: true }); // the same office, before either folder has a database
      const bytes = randomBytes(SIZE);
      bytes.write('%PDF-1.7\n', 0); // declared application/pdf: its first bytes are checked (issue 15)
      const runs = ctx.quick ? 2 : 5;
      const load = { total: ctx.quick ? 2_000 : 10_000, cap: ctx.quick ? 6 : 30, warm: ctx.quick ? 3 : 20 };

      const sqliteDoc = await depositOne(net.epDir, bytes);
      const sqlite = await measure(ctx, 'SQLite', net, net.epExchangePort, sqliteDoc, runs, load, async () => [await startChildNode(net.epDir)]);

      ctx.log('  starting PostgreSQL and radosgw');
      const pg = await startPostgres();
      stops.push(() => pg.stop());
      const rgw = await startRadosgw();
      stops.push(() => rgw.stop());
      process.env[PG_PASSWORD_ENV] = pg.password;
      stops.push(() => { delete process.env[PG_PASSWORD_ENV]; });
      useSharedStorage(epPg, pg.createDatabase(), rgw, rgw.bucket);
      const ports = [{ exchange: await freePort(), officeApi: await freePort() }, { exchange: await freePort(), officeApi: await freePort() }];
      setProcessPorts(epPg, ports[0]!);
      const pgDoc = await depositOne(epPg, bytes);
      processFolder(epPg, join(tmp.dir, 'ep-pg-b'), ports[1]!);
      const folders = [epPg, join(tmp.dir, 'ep-pg-b')];

      const behindBalancer = (count: number) => async (): Promise<Stoppable[]> => {
        const started: Stoppable[] = [];
        for (const dir of folders.slice(0, count)) started.push(await startChildNode(dir));
        const balancer = await TcpBalancer.start(net.epExchangePort, ports.slice(0, count).map((p) => ({ host: '127.0.0.1', port: p.exchange })));
        return [...started, { stop: () => balancer.close() }];
      };
      const one = await measure(ctx, 'one process on PostgreSQL + S3', net, net.epExchangePort, pgDoc, runs, load, behindBalancer(1));
      const two = await measure(ctx, 'two processes on PostgreSQL + S3', net, net.epExchangePort, pgDoc, runs, load, behindBalancer(2));

      const rate = (m: Measured[]): number => median(m.map((r) => r.rate));
      const note = (m: Measured[], more: string): string =>
        `${ctx.quick ? 'QUICK: ' : ''}at most ${load.total.toLocaleString('en')} retrievals or ${load.cap} s a run, ${runs} runs; p50 ${median(m.map((r) => r.p50)).toFixed(1)} ms, p99 ${median(m.map((r) => r.p99)).toFixed(1)} ms; ${more}`;
      const row = (i: number, m: Measured[], baseline: number | null, more: string): ResultRow => ({
        scenario: ROWS[i]!, value: round(rate(m)), unit: UNIT, baseline: baseline === null ? null : round(baseline),
        ratio: baseline === null ? null : round(rate(m) / baseline), target: TARGET, met: true, note: note(m, more),
        details: { runs: m.map((r) => ({ rate: round(r.rate), p50Ms: round(r.p50), p99Ms: round(r.p99) })) },
      });
      return [
        row(0, sqlite, null, 'node in a child process on SQLite and the blobs folder, no balancer (as the `retrieval` scenario)'),
        row(1, one, rate(sqlite), 'baseline: the SQLite figure of this run; PostgreSQL 15 and radosgw on this machine (fsync off: test servers); through the TCP balancer'),
        row(2, two, rate(one), 'baseline: one process on PostgreSQL + S3, this run; each process has a data folder of its own; 2 cores shared by both processes, PostgreSQL, radosgw, the balancer and the client'),
      ];
    } finally {
      for (const stop of stops.reverse()) await stop();
      tmp.dispose();
    }
  },
};

/** Deposits the benchmark's document through a node started in this process on `dataDir`. */
async function depositOne(dataDir: string, bytes: Buffer): Promise<DepositedDocument> {
  const inProcess = await startInProcess(dataDir);
  return depositPriority(inProcess.deposits, 1, [{ name: 'application.pdf', bytes }]).finally(() => inProcess.node.close());
}

/** Starts the nodes, warms up, measures `runs` runs, stops them. */
async function measure(ctx: BenchContext, label: string, net: BenchNetwork, port: number, doc: DepositedDocument, runs: number,
  load: { total: number; cap: number; warm: number }, start: () => Promise<Stoppable[]>): Promise<Measured[]> {
  const nodes = await start();
  const client = new PeerClient({ as: net.jp, port, publicUrl: net.publicUrl, sign: true, maxSockets: CONCURRENCY });
  const ask = { ipOfficeCode: 'EP', applicationNumberText: doc.wireNumber, filingDate: '2024-03-01', ipRightType: 'patent', accessCode: doc.accessCode };
  const retrieve = retrieveOnce(client, ask, SIZE);
  const measured: Measured[] = [];
  try {
    await runLoad(Math.min(500, load.total), CONCURRENCY, retrieve, load.warm);
    for (let run = 0; run < runs; run += 1) {
      const m = summarise(await runLoad(load.total, CONCURRENCY, retrieve, load.cap));
      measured.push(m);
      ctx.log(`  ${label} run ${run + 1}: ${m.rate.toFixed(0)} retrievals/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms`);
    }
  } catch (err) {
    // What the nodes said is where the cause is.
    for (const node of nodes) if (node.output !== undefined) ctx.log(`  node output (last lines):\n${node.output().split('\n').slice(-15).join('\n')}`);
    throw err;
  } finally {
    client.close();
    for (const node of nodes.reverse()) await node.stop();
  }
  return measured;
}
