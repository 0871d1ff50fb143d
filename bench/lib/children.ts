/**
 * Child processes the benchmark started (nodes, nginx): killed when the benchmark exits, even on
 * Ctrl-C or a crash, so that no node or nginx is left listening on loopback.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

/** Tracks `child` until it exits. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}
