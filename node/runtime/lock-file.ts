/**
 * A lock held as a file that names its holder process (process-holder.ts): the running-node lock
 * of a data folder (node-lock.ts) and the lock of a development network folder. The file appears
 * whole or not at all (written aside, then linked into place, which fails when it exists), so a
 * reader never sees half a holder. A lock whose holder is gone from this host — killed, crashed,
 * or from before a reboot — does not block: the next taker takes it over. A live holder's lock,
 * or one held on another host, is never taken.
 */
import { linkSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { holderIsGone, parseHolder, thisProcess, type ProcessHolder } from './process-holder.js';

export interface HeldLock {
  readonly path: string;
  /** Removes the lock file if it is still this lock's (never another holder's). */
  release(): void;
}

/** Who holds a lock that could not be taken, and since when (both unknown for an unreadable file). */
export interface LockHolder {
  readonly holder: ProcessHolder | undefined;
  readonly since: string | undefined;
}

export type LockAttempt = { readonly held: HeldLock } | { readonly busy: LockHolder };

/** Takes the lock at `path` now, or says who holds it. */
export function tryLock(path: string, now: Date = new Date()): LockAttempt {
  const mine = JSON.stringify({ ...thisProcess(), since: now.toISOString() });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      writeFileAtomic(path, `${mine}\n`, { exclusive: true });
      return { held: { path, release: () => releaseIfMine(path, mine) } };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = readText(path);
    if (text === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(text);
    if (holder !== undefined && !holderIsGone(holder)) return { busy: { holder, since: sinceOf(text) } };
    takeOver(path, text);
  }
  const text = readText(path);
  return { busy: { holder: parseHolder(text), since: sinceOf(text) } };
}

/** Takes the lock at `path`, waiting while another live process holds it, up to `timeoutMs`. */
export async function waitForLock(path: string, timeoutMs: number, pollMs = 50): Promise<LockAttempt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt = tryLock(path);
    if ('held' in attempt || Date.now() >= deadline) return attempt;
    await sleep(pollMs);
  }
}

/**
 * Moves a dead holder's lock aside and removes it. Two processes may take over at once: the one
 * that moved away a live lock (taken over by the other just before) puts it back.
 */
function takeOver(path: string, stale: string): void {
  const aside = `${path}.${thisProcess().instance}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  const moved = readText(aside);
  if (moved !== undefined && moved !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process holds the lock now; the one moved aside has lost it
    }
  }
  rmSync(aside, { force: true });
}

function releaseIfMine(path: string, mine: string): void {
  if (readText(path)?.trim() === mine) rmSync(path, { force: true });
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sinceOf(text: string | undefined): string | undefined {
  try {
    const since = (JSON.parse(text ?? '') as { since?: unknown }).since;
    return typeof since === 'string' ? since : undefined;
  } catch {
    return undefined;
  }
}
