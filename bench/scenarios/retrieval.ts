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
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procCpuSeconds, startChildNode } from '../lib/child-node.js';
import { asPdf, depositPriority, freePort, scratch, setupNetwork, startInProcess } from '../lib/network.js';
import { ensureNginx, startNginx } from '../lib/nginx.js';
import { PeerClient } from '../lib/peer-client.js';
import { retrieveOnce, summarise, type Measured } from '../lib/retrieve-once.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round, runLoad } from '../lib/stats.js';

const CONCURRENCY = 64;
const SIZE = 100 * 1024;
const NAME = 'retrieval of a 100 KB priority document by a peer (64 concurrent)';


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
      const runs = ctx.quick ? 2 : 5;
      // Each run also stops starting retrievals after `cap` seconds, however slow the node is.
      const cap = ctx.quick ? 6 : 30;

      const node = await startChildNode(net.epDir);
      const client = new PeerClient({ as: net.jp, port: net.epExchangePort, publicUrl: net.publicUrl, sign: true, maxSockets: CONCURRENCY });
      const retrieve = retrieveOnce(client, ask, SIZE);
      const ipex: Measured[] = [];
      let peakRss = 0;
      try {
        await runLoad(Math.min(500, total), CONCURRENCY, retrieve, ctx.quick ? 3 : 30); // warm-up: connections, JIT, caches
        for (let run = 0; run < runs; run += 1) {
          const cpuBefore = procCpuSeconds(node.pid);
          const m = summarise(await runLoad(total, CONCURRENCY, retrieve, cap));
          m.cpuMs = ((procCpuSeconds(node.pid) - cpuBefore) * 1000) / m.count;
          ipex.push(m);
          ctx.log(`  ipex run ${run + 1}: ${m.rate.toFixed(0)} retrievals/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, node CPU ${m.cpuMs.toFixed(2)} ms a retrieval`);
        }
        peakRss = node.peakRss();
      } finally {
        client.close();
        await node.stop();
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
          for (let run = 0; run < runs; run += 1) {
            const m = summarise(await runLoad(total, CONCURRENCY, get, cap));
            nginx.push(m);
            ctx.log(`  nginx run ${run + 1}: ${m.rate.toFixed(0)} GETs/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms`);
          }
        } catch (err) {
          nginx = [];
          nginxNote = `nginx baseline failed: ${(err as Error).message.split('\n')[0]}`;
        } finally {
          plain.close();
          await server.stop();
        }
      }
      const value = median(ipex.map((m) => m.rate));
      const baseline = nginx.length === 0 ? null : median(nginx.map((m) => m.rate));
      const ratio = baseline === null ? null : value / baseline;
      return [{
        scenario: NAME,
        value: round(value),
        unit: 'retrievals/s',
        baseline: baseline === null ? null : round(baseline),
        ratio: ratio === null ? null : round(ratio),
        target: '≥ 1,000/s and ≥ 30% of nginx',
        met: value >= 1000 && ratio !== null && ratio >= 0.3,
        note: `${ctx.quick ? 'QUICK: ' : ''}at most ${total.toLocaleString('en')} retrievals or ${cap} s a run, ${runs} runs; p50 ${median(ipex.map((m) => m.p50)).toFixed(1)} ms, p99 ${median(ipex.map((m) => m.p99)).toFixed(1)} ms; node CPU ${median(ipex.map((m) => m.cpuMs ?? 0)).toFixed(2)} ms a retrieval; signed POST + signed GET each; node in a child process; baseline nginx GET of the same file, same client, mutual TLS 1.3${nginxNote === undefined ? '' : `; ${nginxNote}`}`,
        details: {
          runs: ipex.map((m) => ({ rate: round(m.rate), p50Ms: round(m.p50), p99Ms: round(m.p99), nodeCpuMsPerRetrieval: round(m.cpuMs ?? 0) })),
          nginxRuns: nginx.map((m) => ({ rate: round(m.rate), p50Ms: round(m.p50), p99Ms: round(m.p99) })),
          retrievalsPerRun: ipex.map((m) => m.count), timeCapSeconds: cap, concurrency: CONCURRENCY, nodePeakRssMB: round(peakRss / 1e6),
        },
      }];
    } finally {
      tmp.dispose();
    }
  },
};
