/**
 * Two builds of ipex compared on the retrieval path at the same time (issue 14, docs/benchmarks.md
 * "Fourth round"): on a machine shared with other work, sequential runs of the same code move by
 * ±20 %, more than most single changes gain, so both builds are served in the same seconds and
 * suffer the same contention. Two development networks; build A's EP node on one and build B's on
 * the other (each an `ipex start` child of its own checkout's bin/ipex.js and dist/), each driven
 * by its own client (bench/lib/peer-client.ts, signed POST + signed GET of a 100 KB part); the
 * networks are swapped every round. Prints each round's node CPU per retrieval of both and the
 * median of the per-round differences.
 *
 *   npx tsx bench/paired-retrieval.ts OLD_CHECKOUT NEW_CHECKOUT
 *
 * A checkout is a folder with bin/, dist/ built from its sources (kept with their modification
 * times, e.g. `cp -a`), openapi/ and node/storage/migrations/. Environment: ROUNDS (6), TOTAL
 * retrievals a side a round (3,000, at most 12 s), IN_FLIGHT a side (32), WARM_UP retrievals a
 * side before each round (400).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ipexNodeOptions, procCpuSeconds } from './lib/child-node.js';
import { track } from './lib/children.js';
import { asPdf, depositPriority, scratch, setupNetwork, startInProcess, type BenchNetwork } from './lib/network.js';
import { PeerClient } from './lib/peer-client.js';
import { retrieveOnce, summarise, type RetrievalAsk } from './lib/retrieve-once.js';
import { median, runLoad } from './lib/stats.js';

const SIZE = 100 * 1024;
const setting = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

interface Served { readonly pid: number; stop(): Promise<void> }

/** `ipex start` from `checkout`, resolved once it says it is running. */
function serve(checkout: string, dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [...ipexNodeOptions(), join(checkout, 'bin/ipex.js'), 'start', '--data', dataDir], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let printed = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveServed, reject) => {
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString('utf8');
      if (!/is running/.test(printed)) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolveServed({ pid: child.pid!, stop: async () => { child.kill('SIGTERM'); await exited; } });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
    child.once('exit', (code) => reject(new Error(`${checkout} exited (${code}) before it was running:\n${printed}`)));
  });
}

async function main(): Promise<void> {
  const [a, b] = process.argv.slice(2).map((p) => resolve(p));
  if (a === undefined || b === undefined) throw new Error('usage: npx tsx bench/paired-retrieval.ts OLD_CHECKOUT NEW_CHECKOUT');
  const rounds = setting('ROUNDS', 6);
  const total = setting('TOTAL', 3000);
  const inFlight = setting('IN_FLIGHT', 32);
  const warmUp = setting('WARM_UP', 400);
  const tmp = scratch('paired');
  try {
    const networks: { net: BenchNetwork; ask: RetrievalAsk }[] = [];
    for (const i of [0, 1]) {
      const net = await setupNetwork(join(tmp.dir, `network-${i}`));
      const inProcess = await startInProcess(net.epDir);
      const doc = await depositPriority(inProcess.deposits, 1, [{ name: 'application.pdf', bytes: asPdf(randomBytes(SIZE)) }]).finally(() => inProcess.node.close());
      networks.push({ net, ask: { ipOfficeCode: 'EP', applicationNumberText: doc.wireNumber, filingDate: '2024-03-01', ipRightType: 'patent', accessCode: doc.accessCode } });
    }
    const cpu = { A: [] as number[], B: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      const order: ['A' | 'B', string][] = round % 2 === 0 ? [['A', a], ['B', b]] : [['B', b], ['A', a]];
      const sides = await Promise.all(order.map(async ([name, checkout], i) => {
        const { net, ask } = networks[i]!;
        const node = await serve(checkout, net.epDir);
        const client = new PeerClient({ as: net.jp, port: net.epExchangePort, publicUrl: net.publicUrl, sign: true, maxSockets: inFlight });
        return { name, node, client, retrieve: retrieveOnce(client, ask, SIZE) };
      }));
      try {
        await Promise.all(sides.map((s) => runLoad(warmUp, inFlight, s.retrieve, 30)));
        const before = sides.map((s) => procCpuSeconds(s.node.pid));
        const measured = await Promise.all(sides.map(async (s) => summarise(await runLoad(total, inFlight, s.retrieve, 12))));
        const line = sides.map((s, i) => {
          const ms = ((procCpuSeconds(s.node.pid) - before[i]!) * 1000) / measured[i]!.count;
          cpu[s.name].push(ms);
          return `${s.name} ${measured[i]!.rate.toFixed(0)}/s ${ms.toFixed(3)} ms`;
        });
        console.log(`round ${round + 1}: ${line.join(' | ')} (load average ${loadavg()[0]!.toFixed(1)})`);
      } finally {
        for (const s of sides) {
          s.client.close();
          await s.node.stop();
        }
      }
    }
    const differences = cpu.A.map((ms, i) => cpu.B[i]! - ms);
    const difference = median(differences);
    console.log(`node CPU a retrieval, A (${a}): ${cpu.A.map((v) => v.toFixed(3)).join(' ')}`);
    console.log(`node CPU a retrieval, B (${b}): ${cpu.B.map((v) => v.toFixed(3)).join(' ')}`);
    console.log(`B − A by round: ${differences.map((v) => v.toFixed(3)).join(' ')}; median ${difference.toFixed(3)} ms (${((100 * difference) / median(cpu.A)).toFixed(1)} % of A)`);
  } finally {
    tmp.dispose();
  }
}

await main();
