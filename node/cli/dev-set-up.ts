/**
 * The bookkeeping of a development node's first start (dev-network.ts): what the set-up has made
 * so far, so that a start that fails leaves nothing behind, and the lock of the development
 * network folder, so that offices joining at the same moment are all kept.
 *
 * - The data folder's `dev-network.json` names the network folder and, while the set-up is not
 *   final, what it made (`pending`: the office, whether it created the network, whether it added
 *   the office). `ipex start` makes the set-up final only once the node is up. When the start
 *   fails, the set-up is taken back at once; when the process died before (a crash, kill -9),
 *   the next start finds `pending` and takes it back before setting up again with its options.
 * - Taking back removes this office from the network (its register entry and bundle) and
 *   publishes a directory without it, or removes the network folder when this set-up created it
 *   and no other office joined; then the node files of the data folder.
 * - Every change of the network folder (init, add-office, publish, taking back) holds its lock,
 *   `<network folder>.lock` beside it (lock-file.ts), so two read-modify-writes of network.json
 *   never interleave.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { networkPaths, readRegister, writeRegister } from '../../certs/network/network-folder.js';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from '../config/data-dir.js';
import { waitForLock } from '../runtime/lock-file.js';
import type { Output } from './output.js';

export const POINTER_FILE = 'dev-network.json';
/** Validity of the directories a development network publishes. */
export const DEV_DIRECTORY_VALID_DAYS = 30;
/** How long a change of the network folder waits for another process's change to end. */
const NETWORK_LOCK_WAIT_MS = 120_000;

/** What a set-up that is not final yet has made. */
export interface PendingSetUp {
  readonly office: string;
  createdNetwork: boolean;
  addedOffice: boolean;
}

export interface DevPointer {
  readonly networkDir: string;
  readonly pending?: PendingSetUp;
}

/** A first start's set-up, until the node is up. */
export interface DevSetUp {
  /** The node is up: the set-up is final and is never taken back. */
  done(): void;
  /** Takes back everything the set-up made (see the module comment). */
  undo(): Promise<void>;
}

/** The data folder's pointer, or undefined for a node that is not a development node. */
export function readPointer(dataDir: string): DevPointer | undefined {
  const path = join(dataDir, POINTER_FILE);
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { networkDir?: unknown; pending?: Partial<PendingSetUp> };
  if (typeof parsed.networkDir !== 'string') throw new IpexError('CONFIG_INVALID', `${path} does not name a network folder`);
  const p = parsed.pending;
  if (p === undefined) return { networkDir: parsed.networkDir };
  if (typeof p.office !== 'string') throw new IpexError('CONFIG_INVALID', `${path} records an unfinished set-up without its office`);
  return { networkDir: parsed.networkDir, pending: { office: p.office, createdNetwork: p.createdNetwork === true, addedOffice: p.addedOffice === true } };
}

export function writePointer(dataDir: string, pointer: DevPointer): void {
  writeFileAtomic(join(dataDir, POINTER_FILE), `${JSON.stringify(pointer, null, 2)}\n`);
}

/**
 * Runs `work` holding the lock of the network folder `networkDir`, waiting up to `waitMs` for
 * another process's change to end. @throws IpexError FOLDER_LOCKED
 */
export async function withNetworkLock<T>(networkDir: string, work: () => Promise<T>, waitMs = NETWORK_LOCK_WAIT_MS): Promise<T> {
  const path = `${networkDir}.lock`; // beside the folder: it is needed before the folder exists
  const attempt = await waitForLock(path, waitMs);
  if ('busy' in attempt) {
    const who = attempt.busy.holder === undefined ? 'another process' : `pid ${attempt.busy.holder.pid} on ${attempt.busy.holder.host}`;
    throw new IpexError('FOLDER_LOCKED', `the development network ${networkDir} is locked by ${who}, which did not let go within ${Math.round(waitMs / 1000)} s; try again when it is done (or remove ${path} if no ipex runs)`);
  }
  try {
    return await work();
  } finally {
    attempt.held.release();
  }
}

/** Takes back the set-up `pending` of the data folder `dataDir` in network `networkDir`. */
export async function undoSetUp(dataDir: string, networkDir: string, pending: PendingSetUp, clock: Clock, out: Output): Promise<void> {
  if (pending.addedOffice || pending.createdNetwork) {
    await withNetworkLock(networkDir, async () => {
      const net = networkPaths(networkDir);
      if (!existsSync(net.register)) return;
      const register = readRegister(networkDir);
      if (pending.addedOffice && Object.prototype.hasOwnProperty.call(register.offices, pending.office)) {
        delete register.offices[pending.office];
        writeRegister(networkDir, register);
        rmSync(net.office(pending.office), { recursive: true, force: true });
        out.progress(`took office ${pending.office} out of the development network in ${networkDir}`);
      }
      if (pending.createdNetwork && Object.keys(register.offices).length === 0) {
        rmSync(networkDir, { recursive: true, force: true });
      } else if (pending.addedOffice) {
        // The issuing code is loaded only when a set-up is taken back (issue 14: a start loads none of it).
        const { publish } = await import('../../certs/network/index.js');
        await publish({ dir: networkDir, now: clock.now() }, DEV_DIRECTORY_VALID_DAYS);
      }
    });
  }
  const paths = dataPaths(dataDir);
  for (const made of [paths.config, paths.identity.dir, paths.trust.dir, paths.database, `${paths.database}-wal`, `${paths.database}-shm`, paths.databaseMarker, paths.blobs, join(dataDir, 'retrievals')]) {
    rmSync(made, { recursive: true, force: true });
  }
  rmSync(join(dataDir, POINTER_FILE), { force: true }); // last: until here, a crash leaves the record
}
