/**
 * Worker-thread side of parallel-entry-scan.ts (issue 5): scans one byte range of `entries.jsonl`
 * through the shared file descriptor (entry-scan.ts), hashing its leaves and the roots of the
 * tree blocks wholly inside it. Replies carry the packed results as transferred buffers (no copy).
 */
import { parentPort } from 'node:worker_threads';
import { fileSource, scanEntryRange, type ScanRequest } from './entry-scan.js';

/** A job for the worker. */
export type EntryWorkerJob = { readonly kind: 'scan'; readonly fd: number; readonly request: ScanRequest };

parentPort?.on('message', (job: EntryWorkerJob & { readonly id: number }) => {
  try {
    const value = scanEntryRange(fileSource(job.fd), job.request);
    const transfer = [value.leaves.buffer, value.times.buffer, value.blockRoots.buffer] as ArrayBuffer[];
    parentPort?.postMessage({ id: job.id, ok: true, value }, transfer);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, ok: false, error: (err as Error).message });
  }
});
