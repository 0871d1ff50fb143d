/**
 * Streams a byte range of `entries.jsonl` (docs/audit-formats.md §1) and checks each line,
 * without holding the file in memory (issue 5): the RFC 6962 §2.1 leaf hash of every line
 * (SHA-256 of 0x00 ‖ line bytes, hashed once, in place), the fast entry check of
 * entry-fast-check.ts and, for every line it does not decide, the exact check of
 * entry-lines.ts, which words the problem. The result is compact: leaf hashes packed 32 bytes
 * each, entry times as numbers, and only the bad lines as objects, so that it can cross a
 * worker-thread boundary cheaply (parallel-entry-scan.ts splits a file into ranges).
 */
import { hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { HASH_SIZE } from '../merkle/hash.js';
import { packedRangeRoot } from '../merkle/packed-root.js';
import { fastEntryChecker } from './entry-fast-check.js';
import { checkEntryLine } from './entry-lines.js';

/** Reads up to `length` bytes at file position `position` into `target` at `offset`; returns the count. */
export type ByteSource = (target: Uint8Array, offset: number, length: number, position: number) => number;

/** A byte source over an open file descriptor (positional reads, safe to share between threads). */
export function fileSource(fd: number): ByteSource {
  return (target, offset, length, position) => readSync(fd, target, offset, length, position);
}

/** A byte source over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return (target, offset, length, position) => {
    const n = Math.max(0, Math.min(length, bytes.length - position));
    target.set(bytes.subarray(position, position + n), offset);
    return n;
  };
}

/** One line that is not a valid entry, as the exact check words it. */
export interface BadLine {
  readonly index: number;
  readonly problem: string;
  readonly blame?: number;
}

/** What to scan: the bytes [from, to) of the file, which start at a line start. */
export interface ScanRequest {
  readonly from: number;
  readonly to: number;
  /** The office every entry must name (undefined: not checked). */
  readonly office: string | undefined;
  /**
   * Log index of the first line of the range; null when not known yet (a range after the
   * first, in a worker): then the first line's own `index` is taken as a guess, and the caller
   * scans the range again when `base` in the result turns out wrong.
   */
  readonly base: number | null;
  /**
   * Leaf hash of the line before the range; undefined at the start of the file. `null`: not
   * known here (a range after the first, in a worker): the first line is hashed but not
   * checked, and returned in `firstLine` for the caller to check.
   */
  readonly prevLeaf: Uint8Array | undefined | null;
  /** Whether `to` is the end of the file (a last line without newline counts as a line). */
  readonly atEnd: boolean;
}

/** The lines of a range. */
export interface RangeScan {
  /** The log index of the first line the scan assumed (see ScanRequest.base). */
  readonly base: number;
  readonly count: number;
  /** count × 32 bytes: the leaf hash of each line. */
  readonly leaves: Uint8Array;
  /** Date.parse of each entry's `time`, NaN when it has none (for ordering hints). */
  readonly times: Float64Array;
  readonly bad: BadLine[];
  /**
   * Roots of the aligned blocks of {@link ROOT_BLOCK} leaves that lie wholly in the range
   * (log indexes from `base`), packed: block `firstBlock + k` at `32·k`. Hashed here while the
   * range's leaves are still in this core's cache, so that the tree head needs no pass of its own.
   */
  readonly blockRoots: Uint8Array;
  readonly firstBlock: number;
  /** A copy of the first line's bytes when `prevLeaf` was null (to be checked by the caller). */
  readonly firstLine?: Uint8Array;
  /** True when the range ends the file and its last byte is not "\n". */
  readonly missingFinalNewline: boolean;
}

/**
 * Bytes read at a time: small enough that a chunk is still in the core's cache when it is
 * scanned and hashed, and read into one buffer per thread that is reused for every range (a
 * fresh 8 MiB buffer per range cost page faults and more system than user time on two threads).
 */
const CHUNK = 1024 * 1024;

/**
 * Leaves per block of the tree head (a perfect subtree of RFC 9162 §2.1.1, a power of two):
 * every split point of the RFC's recursion above this size falls on a block boundary, so MTH
 * over the block roots (and the root of a shorter last block) is MTH over all leaves.
 */
export const ROOT_BLOCK = 256;
/** This thread's read buffer (scanEntryRange is synchronous, so one at a time uses it). */
let chunkBuffer: Buffer | undefined;

/** Scans one range; see the module comment. */
export function scanEntryRange(read: ByteSource, req: ScanRequest): RangeScan {
  const fast = fastEntryChecker(req.office);
  let leaves: Uint8Array = new Uint8Array(0);
  let times = new Float64Array(0);
  const bad: BadLine[] = [];
  let count = 0;
  let firstLine: Uint8Array | undefined;
  let prev: Uint8Array | undefined = req.prevLeaf ?? undefined;
  // buf[0] is slack: the byte before a line is set to 0x00, so that 0x00 ‖ line is hashed in place.
  let buf = chunkBuffer ?? Buffer.allocUnsafe(CHUNK + 1);
  chunkBuffer = buf;
  let filled = 1; // bytes in buf (including the slack byte)
  let pos = req.from;
  let eof = false;
  let lastByte = -1;
  let base = req.base ?? 0;

  const take = (s: number, e: number): void => {
    if (count === times.length) {
      // Sized from the first line's length (at most 2^21 leaves up front), doubled when the
      // lines turn out shorter.
      const more = count === 0 ? Math.min(2 ** 21, Math.ceil(((req.to - req.from) / Math.max(128, e - s + 1)) * 1.25) + 16) : count * 2;
      leaves = grow(leaves, more * HASH_SIZE);
      const t = new Float64Array(more);
      t.set(times);
      times = t;
    }
    buf[s - 1] = 0x00;
    // A 'binary' (latin1) digest string costs far less than a Buffer per leaf, a plain Uint8Array view
    // less than a Buffer's subarray, and copying 32 characters less than Buffer#write.
    const digest = hash('sha256', new Uint8Array(buf.buffer, buf.byteOffset + s - 1, e - s + 1), 'binary');
    const at = count * HASH_SIZE;
    for (let i = 0; i < HASH_SIZE; i++) leaves[at + i] = digest.charCodeAt(i);
    const leaf = leaves.subarray(at, at + HASH_SIZE);
    if (count === 0 && req.base === null) base = guessIndex(buf.subarray(s, e));
    const index = base + count;
    if (count === 0 && req.prevLeaf === null) {
      firstLine = Uint8Array.prototype.slice.call(buf, s, e);
      times[count] = Number.NaN;
    } else {
      const t = fast.check(buf, s, e, index, prev);
      if (t !== undefined) {
        times[count] = t;
      } else {
        const line = checkEntryLine(index, buf.subarray(s, e), req.office, prev === undefined ? undefined : Buffer.from(prev));
        times[count] = line.time === undefined ? Number.NaN : Date.parse(line.time);
        if (line.problem !== undefined) bad.push(line.blame === undefined ? { index, problem: line.problem } : { index, problem: line.problem, blame: line.blame });
      }
    }
    prev = leaf;
    count += 1;
  };

  let start = 1;
  while (!eof) {
    // Move the unfinished line to the front, grow when one line fills the buffer, then read on.
    if (start > 1) {
      buf.copy(buf, 1, start, filled);
      filled -= start - 1;
      start = 1;
    }
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
      chunkBuffer = bigger;
    }
    const want = Math.min(buf.length - filled, req.to - pos);
    const n = want > 0 ? read(buf, filled, want, pos) : 0;
    if (n <= 0) eof = true;
    pos += n;
    filled += n;
    if (filled > 1) lastByte = buf[filled - 1] as number;
    // Searched only up to `filled`: past it, indexOf would run through the rest of the buffer
    // (in a fresh one, zero pages faulted in) for the unfinished last line of every read.
    const got = buf.subarray(0, filled);
    for (;;) {
      const nl = got.indexOf(0x0a, start);
      if (nl < 0) break;
      take(start, nl);
      start = nl + 1;
    }
  }
  if (start < filled) take(start, filled); // a last line without newline
  const firstBlock = Math.ceil(base / ROOT_BLOCK);
  const endBlock = Math.max(firstBlock, Math.floor((base + count) / ROOT_BLOCK));
  const blockRoots = new Uint8Array((endBlock - firstBlock) * HASH_SIZE);
  for (let b = firstBlock; b < endBlock; b++) {
    blockRoots.set(packedRangeRoot(leaves, b * ROOT_BLOCK - base, (b + 1) * ROOT_BLOCK - base), (b - firstBlock) * HASH_SIZE);
  }
  return {
    base,
    count,
    leaves: leaves.subarray(0, count * HASH_SIZE),
    blockRoots,
    firstBlock,
    times: times.subarray(0, count),
    bad,
    ...(firstLine === undefined ? {} : { firstLine }),
    missingFinalNewline: req.atEnd && lastByte >= 0 && lastByte !== 0x0a,
  };
}

/** The `index` a line claims, or 0 when it claims none (a guess, checked by the caller). */
function guessIndex(line: Uint8Array): number {
  try {
    const index = (JSON.parse(Buffer.from(line).toString('utf8')) as { index?: unknown }).index;
    return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : 0;
  } catch {
    return 0;
  }
}

function grow(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
