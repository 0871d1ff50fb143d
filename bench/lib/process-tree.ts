/**
 * A node and the processes it started (its exchange workers, `exchange.workers` > 1), found by
 * their parent in /proc, so that what a retrieval costs the node counts every process of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { procCpuSeconds } from './child-node.js';

/** The parent of a process, from /proc/<pid>/stat (`pid (comm) state ppid …`); undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `pid` and its child processes that run Node (not, say, a shell a test started). */
export function processTree(pid: number): number[] {
  const children = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((p) => parentOf(p) === pid);
  return [pid, ...children.filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0] === process.execPath;
    } catch {
      return false;
    }
  })];
}

/** CPU seconds used so far by the processes of `pids` that still run. */
export function treeCpuSeconds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + procCpuSeconds(pid);
    } catch {
      return sum;
    }
  }, 0);
}
