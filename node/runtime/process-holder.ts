/**
 * Who holds something on a data folder — a retrieval job's lease, the running-node lock, the
 * development network's lock — and whether that holder is gone. A holder is this machine's host
 * name, the process id, a random id of the process (so a later process that happens to get the
 * same pid, as a restarted container's node often does, is not taken for the earlier one) and
 * the boot id (a pid from before a reboot names nothing).
 *
 * Only a holder on this host can be known to be gone; one on another host (a data folder on a
 * shared file system) is taken as alive, and its lease or lock ends only the way it would anyway.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessHolder {
  readonly host: string;
  readonly pid: number;
  /** Random per process: tells this process from an earlier one with the same pid. */
  readonly instance: string;
  /** Linux's boot id, when there is one. */
  readonly boot?: string;
}

let self: ProcessHolder | undefined;

/** This process as a holder (made on first use, the same for the life of the process). */
export function thisProcess(): ProcessHolder {
  if (self === undefined) {
    const boot = bootId();
    self = { host: hostname(), pid: process.pid, instance: randomBytes(8).toString('hex'), ...(boot === undefined ? {} : { boot }) };
  }
  return self;
}

/** The holder as stored (one line of JSON). */
export function formatHolder(holder: ProcessHolder): string {
  return JSON.stringify(holder);
}

/** A stored holder, or undefined when the text is not one (then nothing is known about it). */
export function parseHolder(text: string | null | undefined): ProcessHolder | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value = JSON.parse(text) as Partial<ProcessHolder> | null;
    if (value === null || typeof value.host !== 'string' || !Number.isSafeInteger(value.pid) || typeof value.instance !== 'string') return undefined;
    return { host: value.host, pid: value.pid!, instance: value.instance, ...(typeof value.boot === 'string' ? { boot: value.boot } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * True only when `holder` is certainly not running any more: a process of this host that has
 * ended, of an earlier boot, or an earlier process with this process's own pid.
 */
export function holderIsGone(holder: ProcessHolder, me: ProcessHolder = thisProcess()): boolean {
  if (holder.host !== me.host) return false;
  if (holder.boot !== undefined && me.boot !== undefined && holder.boot !== me.boot) return true;
  if (holder.pid === me.pid) return holder.instance !== me.instance;
  return !pidIsAlive(holder.pid);
}

function pidIsAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined; // not Linux: pids alone decide
  }
}
