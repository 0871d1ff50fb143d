// `ipex start` with exchange workers (issue 14, docs/operations.md "Several exchange workers"):
// the workers are the node's child processes, and the node's end is theirs — a stop (SIGTERM)
// stops them before the node exits, and a node killed outright takes them with it (node:cluster
// ends a worker whose IPC channel to its primary closes).
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { quiet } from '../http/exchange-peer-fixture.js';
import { startedNode } from './started-node.js';

/** The exchange workers among the processes whose parent is `pid` (/proc/<pid>/stat: pid (comm) state ppid …). */
function workersOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('exchange-worker-main')) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** `ipex start` as its own process, once it says that the node runs, and its workers' pids. */
async function startedWithWorkers(dataDir: string): Promise<{ child: ChildProcess; workers: number[]; output: () => string }> {
  const started = await startedNode(['--data', dataDir]);
  return { ...started, workers: workersOf(started.child.pid!) };
}

describe('ipex start with exchange.workers: 2', function () {
  this.timeout(120_000);
  let root: string;
  let dataDir: string;
  let child: ChildProcess | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-workers-'));
    dataDir = join(root, 'ep');
    await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: await freePort(), officeApiPort: 0, output: quiet });
    const file = dataPaths(dataDir).config;
    const config = JSON.parse(readFileSync(file, 'utf8')) as { exchange: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...config, exchange: { ...config.exchange, workers: 2 } }));
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('stops its two workers when it is stopped (SIGTERM), and exits 0', async () => {
    const started = await startedWithWorkers(dataDir);
    child = started.child;
    expect(started.workers).to.have.length(2);
    expect(started.output()).to.include('starting 2 exchange workers');
    expect(started.output()).to.match(/exchange API \(peers, mutual TLS\): https:\/\/\S+\/exchange\/v1 {3}public URL \S+ {3}\(2 exchange workers\)/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit') as [number | null];
    child = undefined;
    expect(code).to.equal(0);
    for (const pid of started.workers) expect(alive(pid), `worker ${pid}`).to.equal(false);
  });

  it('takes its workers with it when it is killed (SIGKILL)', async () => {
    const started = await startedWithWorkers(dataDir);
    child = started.child;
    expect(started.workers).to.have.length(2);
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;
    expect(await until(() => started.workers.every((pid) => !alive(pid)), 10_000)).to.equal(true);
  });
});
