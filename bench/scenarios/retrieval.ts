/**
 * Retrieval of a 100 KB priority document by a peer (issue 5, docs/design.md §4): the EP node runs
 * as a child process (`ipex start`); JP's client keeps 64 retrievals in flight over keep-alive
 * mutual-TLS connections. One retrieval = a signed POST /exchange/v1/retrievals (access code
 * checked, grant made, audit entry with the signed request) + a signed GET of the part (bound
 * to the grant, `part.served` audited). Figures: retrievals/s, p50/p99 latency of a whole
 * retrieval, median of the runs.
 * Baseline in the same run: nginx serving the same 100 KB file over mutual TLS 1.3 with the same
 * certificates to the same client (one GET per operation, 64 in flight). Target ≥ 1,000/s and
 * ≥ 30 % of nginx.
 *
 * Measured twice, side by side: the node serving the exchange listener itself (`exchange.workers`
 * 1, the default) and with two exchange workers (`exchange.workers: 2`, issue 14). The node's CPU
 * and peak memory are then those of all its processes (the primary and its workers).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procStatusBytes, startChildNode } from '../lib/child-node.js';
import { processTree, treeCpuSeconds } from '../lib/process-tree.js';
import { asPdf, depositPriority, freePort, scratch, setupNetwork, startInProcess } from '../lib/network.js';
import { ensureNginx, startNginx } from '../lib/nginx.js';
import { PeerClient } from '../lib/peer-client.js';
import { ownCpuMs, retrieveOnce, summarise, type Measured } from '../lib/retrieve-once.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round, runLoad } from '../lib/stats.js';
import { loadavg } from 'node:os';

const CONCURRENCY = 64;
const SIZE = 100 * 1024;
const NAME = 'retrieval of a 100 KB priority document by a peer (64 concurrent)';
/** The settings of `exchange.workers` measured, each a row. */
const WORKERS = [1, 2];

/** Sets `exchange.workers` in the data folder's ipex.json (read when the node starts). */
function setWorkers(dataDir: string, workers: number): void {
  const file = join(dataDir, 'ipex.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { exchange?: Record<string, unknown> };
  writeFileSync(file, JSON.stringify({ ...config, exchange: { ...config.exchange, workers } }, null, 2));
}


export const retrieval: Scenario = {
  id: 'retrieval',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const nginxMissing = ensureNginx(ctx.log);
    const tmp = scratch('retrieval');
    try {
      const net = await setupNetwork(tmp.dir);
      const bytes = asPdf(randomBytes(SIZE));
      const inProcess = await startInProcess(net.epDir);
      const doc = await depositPriority(inProcess.deposits, 1, [{ name: 'application.pdf', bytes }]).finally(() => inProcess.node.close());
      const ask = {
        ipOfficeCode: 'EP', applicationNumberText: doc.wireNumber, filingDate: '2024-03-01', ipRightType: 'patent', accessCode: doc.accessCode,
      };
      const total = ctx.quick ? 2_000 : 10_000;
      const runCount = ctx.quick ? 2 : 5;
      // Each run also stops starting retrievals after `cap` seconds, however slow the node is.
      const cap = ctx.quick ? 6 : 30;

      const measured = new Map<number, { runs: Measured[]; peakRss: number }>();
      for (const workers of WORKERS) {
        setWorkers(net.epDir, workers);
        const node = await startChildNode(net.epDir);
        const client = new PeerClient({ as: net.jp, port: net.epExchangePort, publicUrl: net.publicUrl, sign: true, maxSockets: CONCURRENCY });
        const retrieve = retrieveOnce(client, ask, SIZE);
        const runs: Measured[] = [];
        let peakRss = 0;
        try {
          await runLoad(Math.min(500, total), CONCURRENCY, retrieve, ctx.quick ? 3 : 30); // warm-up: connections, JIT, caches
          const pids = processTree(node.pid);
          for (let run = 0; run < runCount; run += 1) {
            const cpuBefore = treeCpuSeconds(pids);
            const clientBefore = ownCpuMs();
            const m = summarise(await runLoad(total, CONCURRENCY, retrieve, cap));
            m.clientCpuMs = (ownCpuMs() - clientBefore) / m.count;
            m.cpuMs = ((treeCpuSeconds(pids) - cpuBefore) * 1000) / m.count;
            runs.push(m);
            ctx.log(`  ipex (${workers} exchange worker${workers === 1 ? '' : 's'}) run ${run + 1}: ${m.rate.toFixed(0)} retrievals/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, node CPU ${m.cpuMs.toFixed(2)} ms and client CPU ${m.clientCpuMs.toFixed(2)} ms a retrieval; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
          }
          peakRss = pids.reduce((sum, pid) => sum + procStatusBytes(pid, 'VmHWM'), 0);
        } finally {
          client.close();
          await node.stop();
        }
        measured.set(workers, { runs, peakRss });
      }

      let nginx: Measured[] = [];
      let nginxNote = nginxMissing;
      if (nginxMissing === undefined) {
        const root = join(tmp.dir, 'nginx-root');
        mkdirSync(root, { recursive: true });
        // nginx's workers run as an unprivileged user: they must be able to reach the file.
        chmodSync(tmp.dir, 0o755);
        chmodSync(root, 0o755);
        writeFileSync(join(root, 'application.pdf'), bytes);
        const server = await startNginx(join(tmp.dir, 'nginx'), root, await freePort(), net.ep);
        const plain = new PeerClient({ as: net.jp, port: server.port, publicUrl: `https://127.0.0.1:${server.port}`, sign: false, maxSockets: CONCURRENCY });
        const get = async (): Promise<void> => {
          const res = await plain.request('GET', '/application.pdf');
          if (res.status !== 200 || res.body.length !== SIZE) throw new Error(`nginx answered ${res.status} with ${res.body.length} bytes`);
        };
        try {
          await runLoad(Math.min(500, total), CONCURRENCY, get, ctx.quick ? 3 : 30);
          for (let run = 0; run < runCount; run += 1) {
            const clientBefore = ownCpuMs();
            const m = summarise(await runLoad(total, CONCURRENCY, get, cap));
            m.clientCpuMs = (ownCpuMs() - clientBefore) / m.count;
            nginx.push(m);
            ctx.log(`  nginx run ${run + 1}: ${m.rate.toFixed(0)} GETs/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, client CPU ${m.clientCpuMs.toFixed(2)} ms a GET`);
          }
        } catch (err) {
          nginx = [];
          nginxNote = `nginx baseline failed: ${(err as Error).message.split('\n')[0]}`;
        } finally {
          plain.close();
          await server.stop();
        }
      }
      const baseline = nginx.length === 0 ? null : median(nginx.map((m) => m.rate));
      return WORKERS.map((workers) => {
        const { runs: ipex, peakRss } = measured.get(workers)!;
        const value = median(ipex.map((m) => m.rate));
        const ratio = baseline === null ? null : value / baseline;
        const processes = workers === 1 ? 'node in a child process' : `node in a child process with ${workers} exchange workers (exchange.workers: ${workers}), CPU and peak RSS of all ${workers + 1} processes`;
        return {
          scenario: workers === 1 ? NAME : `${NAME}, ${workers} exchange workers`,
          value: round(value),
          unit: 'retrievals/s',
          baseline: baseline === null ? null : round(baseline),
          ratio: ratio === null ? null : round(ratio),
          target: '≥ 1,000/s and ≥ 30% of nginx',
          met: value >= 1000 && ratio !== null && ratio >= 0.3,
          note: `${ctx.quick ? 'QUICK: ' : ''}at most ${total.toLocaleString('en')} retrievals or ${cap} s a run, ${runCount} runs; p50 ${median(ipex.map((m) => m.p50)).toFixed(1)} ms, p99 ${median(ipex.map((m) => m.p99)).toFixed(1)} ms; node CPU ${median(ipex.map((m) => m.cpuMs ?? 0)).toFixed(2)} ms and the benchmark client's ${median(ipex.map((m) => m.clientCpuMs ?? 0)).toFixed(2)} ms a retrieval; signed POST + signed GET each; ${processes}; baseline nginx GET of the same file, same client, mutual TLS 1.3${nginxNote === undefined ? '' : `; ${nginxNote}`}`,
          details: {
            exchangeWorkers: workers,
            runs: ipex.map((m) => ({ rate: round(m.rate), p50Ms: round(m.p50), p99Ms: round(m.p99), nodeCpuMsPerRetrieval: round(m.cpuMs ?? 0), clientCpuMsPerRetrieval: round(m.clientCpuMs ?? 0) })),
            nginxRuns: nginx.map((m) => ({ rate: round(m.rate), p50Ms: round(m.p50), p99Ms: round(m.p99), clientCpuMsPerGet: round(m.clientCpuMs ?? 0) })),
            retrievalsPerRun: ipex.map((m) => m.count), timeCapSeconds: cap, concurrency: CONCURRENCY, nodePeakRssMB: round(peakRss / 1e6),
          },
        };
      });
    } finally {
      tmp.dispose();
    }
  },
};
