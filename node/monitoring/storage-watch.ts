/**
 * A staff alert while the data folder's disk is filling, before it is full (issue 12): at start
 * and every `alerts.storageCheckMinutes`, the free space of the data folder's file system (one
 * statfs, never per request) is compared with `alerts.storageFreePercent`. Below it, one
 * `storage.low` alert is raised on the data folder — once while the disk stays low, so that an
 * acknowledged alert is not raised again every few minutes; once free space is back above the
 * threshold, the next fall raises a new one. A full disk is `storage.full` (storage-full.ts).
 */
import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NodeContext } from '../runtime/node-context.js';
import { staffAlertsFor, type AlertInput } from '../services/staff/staff-alerts.js';
import { everyInterval, type Schedule } from './expiry-watch.js';

const MiB = 2 ** 20;

export class StorageWatch {
  readonly #context: NodeContext;
  readonly #schedule: Schedule;
  #scheduled: { stop(): void } | undefined;
  /** True while the disk is below the threshold and its alert was raised. */
  #low = false;
  #failedOnce = false;

  constructor(context: NodeContext, schedule: Schedule = everyInterval) {
    this.#context = context;
    this.#schedule = schedule;
  }

  /** Checks now, then every `alerts.storageCheckMinutes` until stop(). */
  start(): void {
    this.check();
    this.#scheduled = this.#schedule(() => this.check(), this.#context.config.alerts.storageCheckMinutes * 60_000);
  }

  stop(): void {
    this.#scheduled?.stop();
    this.#scheduled = undefined;
  }

  /** Reads the free space; returns the alert it raised, if any. */
  check(): AlertInput | undefined {
    const folder = resolve(this.#context.config.dataDir);
    let free: number;
    let size: number;
    try {
      const s = statfsSync(folder);
      free = s.bavail * s.bsize; // what the node may use, not what root has in reserve
      size = s.blocks * s.bsize;
    } catch (err) {
      if (!this.#failedOnce) this.#context.output.warn(`cannot read the free space of ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      this.#failedOnce = true;
      return undefined;
    }
    const threshold = this.#context.config.alerts.storageFreePercent;
    const percent = size === 0 ? 100 : (free / size) * 100;
    if (percent >= threshold) {
      this.#low = false;
      return undefined;
    }
    if (this.#low) return undefined;
    this.#low = true;
    const alert: AlertInput = {
      kind: 'storage.low', subject: folder,
      detail: `the disk of the data folder ${folder} is filling: ${mib(free)} MiB of ${mib(size)} MiB free (${percent.toFixed(1)} %), under ` +
        `alerts.storageFreePercent (${threshold} %). Free space or grow the volume before it is full: a full disk refuses deposits and retrievals ` +
        '(docs/operations.md, "When the disk fills")',
    };
    staffAlertsFor(this.#context).raise(alert);
    return alert;
  }
}

function mib(bytes: number): string {
  return (bytes / MiB).toFixed(1);
}
