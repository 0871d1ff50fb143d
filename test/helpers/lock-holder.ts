/**
 * Another process that holds a lock file (node/runtime/lock-file.ts) until it is killed: a live
 * holder on this host, as a running node or a joining development node would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const LOCK_MODULE = fileURLToPath(new URL('../../node/runtime/lock-file.ts', import.meta.url));

/** Starts a process that takes the lock at `path`, and resolves once it holds it. */
export async function lockHolder(path: string): Promise<ChildProcess> {
  const script = `const { tryLock } = await import(${JSON.stringify(LOCK_MODULE)}); const taken = tryLock(${JSON.stringify(path)}); ` +
    "console.log('held' in taken ? 'locked' : 'busy'); setInterval(() => {}, 1000);";
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout!, 'data') as [Buffer];
  if (!line.toString().includes('locked')) {
    child.kill('SIGKILL');
    throw new Error(`the other process could not take ${path}`);
  }
  return child;
}

/** Kills `child` and waits until it is gone (reaped, so its pid no longer answers). */
export async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}
