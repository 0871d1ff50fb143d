/**
 * The running-node lock of a data folder (`node.lock`): one node per data folder. A second
 * `ipex start` on a folder whose node runs is told so, with the running node's pid, instead of
 * failing later on a port in use. A node that was killed or crashed leaves its lock file behind,
 * but a lock whose holder is gone does not block (lock-file.ts): the next start takes it over.
 * Commands that work on a data folder beside a running node (deposit, retrieve, backup, …) do not
 * take this lock; SQLite and the job leases keep them apart from the node.
 */
import { hostname } from 'node:os';
import { IpexError } from '../../protocol/errors/index.js';
import { dataPaths } from '../config/data-dir.js';
import { tryLock, type HeldLock, type LockHolder } from './lock-file.js';

export type NodeLock = HeldLock;

/** Takes the running-node lock of `dataDir` (which must exist). @throws IpexError NODE_ALREADY_RUNNING */
export function acquireNodeLock(dataDir: string): NodeLock {
  const path = dataPaths(dataDir).nodeLock;
  const attempt = tryLock(path);
  if ('held' in attempt) return attempt.held;
  throw new IpexError('NODE_ALREADY_RUNNING', alreadyRunning(dataDir, path, attempt.busy));
}

function alreadyRunning(dataDir: string, path: string, busy: LockHolder): string {
  const { holder, since } = busy;
  const pid = holder === undefined ? 'unknown pid' : `pid ${holder.pid}`;
  const elsewhere = holder !== undefined && holder.host !== hostname();
  const when = since === undefined ? '' : `, since ${since}`;
  if (elsewhere) {
    return `a node is already running on ${dataDir} (${pid} on host ${holder.host}${when}); stop it there first, ` +
      `or, if it is not running any more, remove ${path}`;
  }
  const stop = holder === undefined ? 'stop it first' : `stop it first (Ctrl-C where it runs, or \`kill ${holder.pid}\`)`;
  return `a node is already running on ${dataDir} (${pid}${when}): ${stop}, or use another --data folder`;
}
