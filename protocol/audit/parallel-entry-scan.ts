/**
 * Checks a whole `entries.jsonl` on several threads (issue 5: a million entries within
 * seconds). The file is cut into byte ranges of about 16 MiB at line starts, handed out in
 * order to whichever thread is free (this one and worker threads reading the same file
 * descriptor, entry-scan.ts), so that a busy core does not hold the others up. What a range
 * cannot know — the log index of its first line and the leaf hash of the line before it — is
 * settled here afterwards, in order: its first line is checked exactly here, and a range whose
 * guessed first index turns out wrong (entries removed or inserted before it) is scanned again
 * with the right one, so the result is the same as one sequential scan. The RFC 9162 §2.1.1
 * tree head is assembled from the roots of aligned blocks of leaves that each range hashed
 * while scanning (entry-scan.ts) and the few blocks that straddle two ranges (`treeHead`).
 * Without worker threads (or when one fails) the work is done on this thread.
 */
import { availableParallelism } from 'node:os';
import { HASH_SIZE } from '../merkle/hash.js';
import { packedRangeRoot } from '../merkle/packed-root.js';
import { bytesSource, fileSource, ROOT_BLOCK, scanEntryRange, type BadLine, type ByteSource, type RangeScan, type ScanRequest } from './entry-scan.js';
import { checkEntryLine } from './entry-lines.js';
import { WorkerPool } from './entry-worker-pool.js';
import { PackedLeaves } from './packed-leaves.js';

/** All lines of an `entries.jsonl`, checked. */
export interface ScannedEntries {
  readonly count: number;
  /** Leaf hashes, with the root of all of them already known. */
  readonly leaves: PackedLeaves;
  /** Date.parse of each entry's `time` (NaN when none). */
  readonly times: Float64Array;
  /** The lines that are not valid entries, in order. */
  readonly bad: readonly BadLine[];
  readonly missingFinalNewline: boolean;
}

/** The most threads used, whatever the caller asks for. */
const MAX_THREADS = 16;

/** Below this size one thread is faster than starting workers. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** The default number of threads for a file of `size` bytes. */
export function defaultThreads(size: number): number {
  return size < PARALLEL_MIN_BYTES ? 1 : Math.max(1, Math.min(availableParallelism(), 4));
}

/** Checks entries already in memory (one thread). */
export function scanEntryBytes(bytes: Uint8Array, office: string | undefined): ScannedEntries {
  const r = scanEntryRange(bytesSource(bytes), { from: 0, to: bytes.length, office, base: 0, prevLeaf: undefined, atEnd: true });
  return assemble([r], r.leaves, treeHead(r.leaves, [r]));
}

/** Bytes per range handed out: small enough to balance threads on a busy machine. */
const RANGE_BYTES = 16 * 1024 * 1024;

/** Checks the file open as `fd` (`size` bytes) on `threads` threads; see the module comment. */
export async function scanEntryFile(fd: number, size: number, office: string | undefined, threads = defaultThreads(size)): Promise<ScannedEntries> {
  const read = fileSource(fd);
  const parallel = Number.isFinite(threads) ? Math.max(1, Math.min(MAX_THREADS, Math.floor(threads))) : 1;
  const parts = parallel === 1 ? 1 : Math.max(parallel * 2, Math.ceil(size / RANGE_BYTES));
  const starts = rangeStarts(read, size, parts);
  const ends = [...starts.slice(1), size];
  const last = starts.length - 1;
  const guessed = (r: number): ScanRequest => ({ from: starts[r] as number, to: ends[r] as number, office, base: null, prevLeaf: null, atEnd: r === last });
  const pool = new WorkerPool(starts.length === 1 ? 0 : parallel - 1);
  try {
    // Ranges are handed out in order to whichever thread is free; this thread takes the first.
    const got: (RangeScan | undefined)[] = new Array<RangeScan | undefined>(starts.length);
    let next = 1;
    const helpers = pool.loops(async (ask) => {
      while (next <= last) {
        const r = next++;
        got[r] = await ask<RangeScan>({ kind: 'scan', fd, request: guessed(r) });
      }
    });
    got[0] = scanEntryRange(read, { from: 0, to: ends[0] as number, office, base: 0, prevLeaf: undefined, atEnd: last === 0 });
    for (;;) {
      await yieldToWorkers();
      if (next > last) break;
      const r = next++;
      got[r] = scanEntryRange(read, guessed(r));
    }
    await helpers;
    // Settle what the ranges could not know: their first index and the line before them.
    const ranges: RangeScan[] = [got[0] as RangeScan];
    let base = (got[0] as RangeScan).count;
    for (let r = 1; r <= last; r++) {
      const before = ranges[r - 1] as RangeScan;
      const prevLeaf = before.leaves.subarray((before.count - 1) * HASH_SIZE);
      const scan = got[r];
      const settled = scan !== undefined && scan.base === base
        ? settleFirstLine(scan, base, prevLeaf, office)
        : scanEntryRange(read, { ...guessed(r), base, prevLeaf });
      ranges.push(settled);
      base += settled.count;
    }
    const bytes = concat(ranges.map((r) => r.leaves), base * HASH_SIZE);
    return assemble(ranges, bytes, treeHead(bytes, ranges));
  } finally {
    pool.close();
  }
}

/**
 * MTH of all packed leaves (RFC 9162 §2.1.1) from the block roots the ranges computed
 * (entry-scan.ts ROOT_BLOCK): the blocks no range holds whole — those across a boundary between
 * two ranges, and the shorter last one — are hashed here, then MTH over the block roots, taken
 * as leaves, is MTH over all leaves, because every split point of the RFC's recursion falls on
 * a block boundary.
 */
function treeHead(bytes: Uint8Array, ranges: readonly RangeScan[]): Buffer {
  const n = bytes.length / HASH_SIZE;
  const full = Math.floor(n / ROOT_BLOCK);
  const roots = new Uint8Array((full + (n % ROOT_BLOCK === 0 ? 0 : 1)) * HASH_SIZE);
  const known = new Uint8Array(full);
  for (const r of ranges) {
    roots.set(r.blockRoots, r.firstBlock * HASH_SIZE);
    known.fill(1, r.firstBlock, r.firstBlock + r.blockRoots.length / HASH_SIZE);
  }
  for (let b = 0; b < full; b++) {
    if (known[b] === 0) roots.set(packedRangeRoot(bytes, b * ROOT_BLOCK, (b + 1) * ROOT_BLOCK), b * HASH_SIZE);
  }
  if (full * ROOT_BLOCK < n) roots.set(packedRangeRoot(bytes, full * ROOT_BLOCK, n), full * HASH_SIZE);
  return packedRangeRoot(roots, 0, roots.length / HASH_SIZE);
}

/** Lets replies of the workers be handled (and their next job sent) between two ranges. */
function yieldToWorkers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Checks the first line of a worker's range exactly, now that the line before it is known. */
function settleFirstLine(got: RangeScan, base: number, prevLeaf: Uint8Array, office: string | undefined): RangeScan {
  const line = checkEntryLine(base, Buffer.from(got.firstLine ?? new Uint8Array(0)), office, Buffer.from(prevLeaf));
  got.times[0] = line.time === undefined ? Number.NaN : Date.parse(line.time);
  if (line.problem === undefined) return got;
  const first: BadLine = line.blame === undefined ? { index: base, problem: line.problem } : { index: base, problem: line.problem, blame: line.blame };
  return { ...got, bad: [first, ...got.bad] };
}

/** Line starts that cut [0, size) into up to `parts` ranges of about equal size. */
function rangeStarts(read: ByteSource, size: number, parts: number): number[] {
  const starts = [0];
  const window = Buffer.allocUnsafe(64 * 1024);
  for (let p = 1; p < parts; p++) {
    let pos = Math.max(Math.floor((size * p) / parts), (starts[starts.length - 1] as number) + 1) - 1;
    let found = -1;
    while (found < 0 && pos < size) {
      const n = read(window, 0, Math.min(window.length, size - pos), pos);
      if (n <= 0) break;
      const nl = window.subarray(0, n).indexOf(0x0a);
      if (nl >= 0) found = pos + nl + 1;
      pos += n;
    }
    if (found < 0 || found >= size) break;
    starts.push(found);
  }
  return starts;
}

/** Joins the ranges' results; `bytes` are their leaves joined, `root` the root of all. */
function assemble(ranges: readonly RangeScan[], bytes: Uint8Array, root: Buffer): ScannedEntries {
  const count = bytes.length / HASH_SIZE;
  const times = new Float64Array(count);
  let at = 0;
  for (const r of ranges) {
    times.set(r.times, at);
    at += r.count;
  }
  return {
    count,
    leaves: new PackedLeaves(bytes, new Map([[count, root]])),
    times,
    bad: ranges.flatMap((r) => r.bad),
    missingFinalNewline: (ranges[ranges.length - 1] as RangeScan).missingFinalNewline,
  };
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
