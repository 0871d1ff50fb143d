/**
 * Worker-thread side of parallel-entry-scan.ts (issue 5): scans one byte range of `entries.jsonl`
 * through the shared file descriptor (entry-scan.ts), or computes the RFC 9162 §2.1.1 root of
 * a range of packed leaf hashes held in a SharedArrayBuffer. Replies carry the packed results
 * as transferred buffers (no copy).
 */
import { parentPort } from 'node:worker_threads';
import { packedRangeRoot } from '../merkle/packed-root.js';
import { fileSource, scanEntryRange, type ScanRequest } from './entry-scan.js';

/** A job for the worker. */
export type EntryWorkerJob =
  | { readonly kind: 'scan'; readonly fd: number; readonly request: ScanRequest }
  | { readonly kind: 'root'; readonly leaves: SharedArrayBuffer; readonly start: number; readonly end: number };

parentPort?.on('message', (job: EntryWorkerJob & { readonly id: number }) => {
  try {
    if (job.kind === 'scan') {
      const value = scanEntryRange(fileSource(job.fd), job.request);
      parentPort?.postMessage({ id: job.id, ok: true, value }, [value.leaves.buffer as ArrayBuffer, value.times.buffer as ArrayBuffer]);
    } else {
      const value = packedRangeRoot(new Uint8Array(job.leaves), job.start, job.end);
      parentPort?.postMessage({ id: job.id, ok: true, value });
    }
  } catch (err) {
    parentPort?.postMessage({ id: job.id, ok: false, error: (err as Error).message });
  }
});
