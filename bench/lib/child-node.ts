/**
 * A node run as a child process, exactly as an office runs it (the `ipex` command, bin/ipex.js,
 * executed with the Node options of its first line, from the build in dist/), with
 * its memory read from /proc/<pid>/status: VmRSS (resident now) and VmHWM (peak resident).
 * Start-up time is from spawn to the "is running" line of `ipex start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { track } from './children.js';
import { REPO_DIR } from './network.js';

export interface ChildNode {
  readonly pid: number;
  /** Milliseconds from spawn to the "is running" line. */
  readonly startupMs: number;
  /** Resident set now, bytes. */
  rss(): number;
  /** Peak resident set since start, bytes. */
  peakRss(): number;
  /** Everything it printed (for failures). */
  output(): string;
  stop(): Promise<void>;
}

/** Reads a `Vm…: N kB` line of /proc/<pid>/status, in bytes. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * CPU seconds (user + system, all threads) a process has used, from /proc/<pid>/stat: what a
 * request costs the node, which a machine busy with other work changes far less than a rate.
 */
export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds (user + system) of this process's main thread alone, from /proc/self/task/<pid>/stat:
 * for a scenario run in process, the event loop's share, which is what caps its rate (the thread
 * pool and V8's helper threads run beside it on the other core).
 */
export function mainThreadCpuSeconds(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** The `ipex` command. */
export const IPEX_BIN = join(REPO_DIR, 'bin/ipex.js');

/**
 * The Node options on the first line of bin/ipex.js (`#!/usr/bin/env -S NAME=VALUE… node …`),
 * which an installed `ipex` runs with. The benchmark passes them to this Node explicitly, because
 * V8's profiling flags cannot go through NODE_OPTIONS.
 */
export function ipexNodeOptions(): string[] {
  return (firstLine().groups?.options ?? '').split(' ').filter((o) => o !== '');
}

/**
 * The environment that first line sets (UV_THREADPOOL_SIZE). The benchmark runs with it
 * (bench/run.ts), so that its child nodes inherit it and the scenarios it runs in process
 * (bulk deposit, import) get the thread pool an `ipex` process has.
 */
export function ipexEnvironment(): Record<string, string> {
  const assignments = (firstLine().groups?.env ?? '').split(' ').filter((a) => a !== '');
  return Object.fromEntries(assignments.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
}

function firstLine(): RegExpExecArray {
  const first = readFileSync(IPEX_BIN, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env -S (?<env>(?:[A-Z_]+=\S+ )*)node(?<options>( \S+)*)$/.exec(first);
  if (match === null) throw new Error(`unexpected first line of bin/ipex.js: ${first}`);
  return match;
}

/** Spawns `ipex start --data <dataDir>` and resolves once it says it is running. */
export function startChildNode(dataDir: string, timeoutMs = 60_000): Promise<ChildNode> {
  const started = performance.now();
  // IPEX_BENCH_PROFILE=1 writes a V8 CPU profile of the node to bench/tmp/profiles when it stops.
  const profile = process.env.IPEX_BENCH_PROFILE === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', join(REPO_DIR, 'bench/tmp/profiles')];
  const child: ChildProcess = spawn(process.execPath, [...ipexNodeOptions(), ...profile, IPEX_BIN, 'start', '--data', dataDir], {
    cwd: REPO_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  track(child);
  let printed = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise<ChildNode>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the node did not say it was running within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString('utf8');
      if (/is running/.test(printed) && child.pid !== undefined) {
        clearTimeout(timer);
        const startupMs = performance.now() - started;
        const pid = child.pid;
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining the pipes so that the child never blocks on a full pipe.
        child.stdout?.on('data', (c: Buffer) => { printed += c.toString('utf8'); });
        child.stderr?.on('data', (c: Buffer) => { printed += c.toString('utf8'); });
        resolve({
          pid,
          startupMs,
          rss: () => procStatusBytes(pid, 'VmRSS'),
          peakRss: () => procStatusBytes(pid, 'VmHWM'),
          output: () => printed,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the node exited (${code ?? signal}) before it was running:\n${printed}`));
    });
  });
}
