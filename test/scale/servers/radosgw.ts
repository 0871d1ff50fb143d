/**
 * A real S3 server for the scale tests (issue 13): a one-node Ceph cluster (one monitor, one
 * bluestore OSD on a sparse file, no manager) with radosgw on 127.0.0.1, all of its state in one
 * temporary folder. What it relies on was measured on this machine kind and is written down in
 * docs/operations.md "Testing against a real object store": cephx is required (radosgw never
 * connects without it), rgw's pools are made before radosgw starts (no stall on the first
 * request), `tcp_nodelay=1` (else ≈ 48 ms per small request), and every daemon binds only ports
 * of a range chosen free here. The Debian packages ceph-mon, ceph-osd and radosgw provide it
 * (.ci/run installs them).
 *
 * `startRadosgw()` resolves once a bucket exists and an S3 user can use it; `stop()` sends SIGTERM
 * to the recorded pids, then SIGKILL to any still alive, and removes the folder. Run this file
 * directly (`npx tsx test/scale/servers/radosgw.ts`) for a server to try things by hand.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

const run = promisify(execFile);

export interface Radosgw {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The cluster's folder (config, keyring, logs, data). */
  readonly dir: string;
  /** Pids of the monitor, the OSD and radosgw. */
  readonly pids: readonly number[];
  /** Milliseconds from the call to a usable bucket. */
  readonly startedInMs: number;
  /** A client of this server, path-style, with the test user's keys. */
  client(): S3Client;
  /** Creates another bucket. */
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The Ceph tools are there (Debian ceph-mon, ceph-osd, radosgw), or a string saying what is missing. */
export async function radosgwAvailable(): Promise<true | string> {
  for (const tool of ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'monmaptool', 'ceph-authtool']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed (apt-get install ceph-mon ceph-osd radosgw)`;
    }
  }
  return true;
}

const RGW_POOLS = ['.rgw.root', 'default.rgw.control', 'default.rgw.meta', 'default.rgw.log',
  'default.rgw.buckets.index', 'default.rgw.buckets.data', 'default.rgw.buckets.non-ec'];
/** Ports for the monitor, the OSD's four messengers and radosgw, with room to spare. */
const PORT_SPAN = 16;

export async function startRadosgw(options: { readonly bucket?: string } = {}): Promise<Radosgw> {
  const began = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ipex-rgw-'));
  const children: ChildProcess[] = [];
  const stop = (): Promise<void> => stopAll(children, dir);
  try {
    const base = await freePortRange(PORT_SPAN);
    const monPort = base;
    const rgwPort = base + PORT_SPAN - 1;
    const fsid = randomUUID();
    const conf = join(dir, 'ceph.conf');
    for (const sub of ['run', 'log', 'mon', 'osd/ceph-0', 'rgw']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(conf, cephConf(dir, fsid, monPort, base + 1, rgwPort - 1, rgwPort));
    const ceph = (args: string[]): Promise<{ stdout: string }> => run(args[0]!, [...args.slice(1), '-c', conf], { maxBuffer: 1 << 20 });

    // One keyring for every daemon and the admin: cephx must be on for radosgw to connect.
    const keyring = join(dir, 'keyring');
    await ceph(['ceph-authtool', '--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    await ceph(['ceph-authtool', keyring, '--gen-key', '-n', 'client.admin', '--cap', 'mon', 'allow *', '--cap', 'osd', 'allow *', '--cap', 'mgr', 'allow *']);
    await ceph(['ceph-authtool', keyring, '--gen-key', '-n', 'osd.0', '--cap', 'mon', 'allow profile osd', '--cap', 'osd', 'allow *', '--cap', 'mgr', 'allow profile osd']);
    await ceph(['ceph-authtool', keyring, '--gen-key', '-n', 'client.rgw.ipex', '--cap', 'mon', 'allow rw', '--cap', 'osd', 'allow rwx']);

    await ceph(['monmaptool', '--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, join(dir, 'monmap')]);
    await ceph(['ceph-mon', '--mkfs', '-i', 'a', '--monmap', join(dir, 'monmap'), '--keyring', keyring]);
    children.push(daemon(['ceph-mon', '-f', '-i', 'a', '-c', conf], dir, 'mon'));

    const osdUuid = randomUUID();
    await ceph(['ceph', 'osd', 'new', osdUuid, '0']);
    await ceph(['ceph-osd', '-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
    children.push(daemon(['ceph-osd', '-f', '-i', '0', '-c', conf], dir, 'osd'));

    // rgw's pools before radosgw: it then starts in ≈ 10 s instead of 16 and never stalls on a first request.
    const commands = RGW_POOLS.flatMap((pool) => [`osd pool create ${pool} 8 8`, `osd pool application enable ${pool} rgw`]);
    await cephBatch(conf, commands);

    const accessKeyId = `IPEX${randomBytes(8).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(24).toString('base64url');
    await ceph(['radosgw-admin', 'user', 'create', '--uid', 'ipex-test', '--display-name', 'ipex tests',
      '--access-key', accessKeyId, '--secret-key', secretAccessKey]);
    children.push(daemon(['radosgw', '-f', '-n', 'client.rgw.ipex', '-c', conf], dir, 'rgw'));

    const endpoint = `http://127.0.0.1:${rgwPort}`;
    const region = 'default';
    const client = (): S3Client => new S3Client({
      endpoint, region, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const createBucket = async (name: string): Promise<void> => {
      const s3 = client();
      try {
        await s3.send(new CreateBucketCommand({ Bucket: name }));
      } finally {
        s3.destroy();
      }
    };
    const bucket = options.bucket ?? 'ipex-test';
    await untilAnswers(() => createBucket(bucket), children, dir, 90_000);
    return {
      endpoint, region, bucket, accessKeyId, secretAccessKey, dir,
      pids: children.map((c) => c.pid!), startedInMs: Date.now() - began, client, createBucket, stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function cephConf(dir: string, fsid: string, monPort: number, portMin: number, portMax: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = [v2:127.0.0.1:${monPort}]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind port min = ${portMin}
ms bind port max = ${portMax}
ms bind msgr1 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = ${dir}/keyring
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
pid file = ${dir}/run/$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data = ${dir}/mon/$cluster-$id
paxos propose interval = 0.01
paxos min wait = 0.001
[osd]
osd data = ${dir}/osd/$cluster-$id
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 21474836480
osd memory target = 939524096
[client.rgw.ipex]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw data = ${dir}/rgw
`;
}

/** Runs `ceph` commands through one process (its interactive mode reads them from stdin): one Python start, not one each. */
async function cephBatch(conf: string, commands: readonly string[]): Promise<void> {
  const child = spawn('ceph', ['-c', conf], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  child.stdin.end(commands.map((c) => `${c}\n`).join(''));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`ceph ${commands.join('; ')} failed (${code}): ${output}`);
}

/** Daemons still running when the test process exits (a crash, a forgotten stop) are killed with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function daemon(argv: string[], dir: string, name: string): ChildProcess {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
  child.on('error', () => {}); // reported by untilAnswers through the exit code
  running.add(child);
  child.once('exit', () => running.delete(child));
  writeFileSync(join(dir, 'run', `${name}.child-pid`), `${child.pid}\n`);
  return child;
}

/** Retries `attempt` until it succeeds; fails at once when a daemon died, with the end of its log. */
async function untilAnswers(attempt: () => Promise<void>, children: ChildProcess[], dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead !== undefined) throw new Error(`${dead.spawnargs.join(' ')} exited (${dead.exitCode ?? dead.signalCode}); logs in ${dir}/log`);
    try {
      return await attempt();
    } catch (err) {
      last = err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`radosgw did not answer within ${timeoutMs / 1000} s (${(last as Error)?.message}); logs in ${dir}/log`);
}

async function stopAll(children: ChildProcess[], dir: string): Promise<void> {
  // radosgw first, while the cluster it talks to still answers, then the OSD, then the monitor.
  for (const child of [...children].reverse()) await terminate(child, 3000);
  rmSync(dir, { recursive: true, force: true });
}

/** SIGTERM, and SIGKILL when the process is still alive after `graceMs`. */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The first port of `span` consecutive free ports on 127.0.0.1, below the kernel's ephemeral ports (32768 up), so no client socket takes one meanwhile. */
async function freePortRange(span: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 24000 + span * Math.floor(Math.random() * (8000 / span));
    let free = true;
    for (let port = base; port < base + span && free; port++) free = await portFree(port);
    if (free) return base;
  }
  throw new Error('no free range of ports for the Ceph daemons');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startRadosgw();
  console.log(JSON.stringify({ endpoint: server.endpoint, bucket: server.bucket, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, dir: server.dir, pids: server.pids, startedInMs: server.startedInMs }, null, 2));
  console.log('Ctrl-C stops it');
  const onSignal = (): void => { void server.stop().then(() => process.exit(0)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
