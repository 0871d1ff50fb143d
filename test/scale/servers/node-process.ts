/**
 * A node run as its own process, as an office runs it (`ipex start --data DIR`, bin/ipex.js), for
 * the tests of several processes serving one office: started, awaited until it says it is
 * running, and ended with SIGTERM (a clean stop) or SIGKILL (a crash). What it printed is kept
 * for the failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const IPEX = fileURLToPath(new URL('../../../bin/ipex.js', import.meta.url));

export interface NodeProcess {
  readonly pid: number;
  output(): string;
  /** SIGKILL, as a crash or an OOM kill would end it; resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM (the node's clean stop); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startNodeProcess(dataDir: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): Promise<NodeProcess> {
  const child: ChildProcess = spawn(process.execPath, [IPEX, 'start', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let printed = '';
  const exited = once(child, 'exit');
  const ended = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const running = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the node on ${dataDir} did not say it was running within ${timeoutMs} ms:\n${printed}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString('utf8');
      if (/is running/.test(printed)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the node on ${dataDir} ended before it was running:\n${printed}`));
    });
  });
  try {
    await running;
  } catch (err) {
    if (!ended()) child.kill('SIGKILL');
    throw err;
  }
  return {
    pid: child.pid!,
    output: () => printed,
    async kill() {
      if (!ended()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 15_000) {
      if (!ended()) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
