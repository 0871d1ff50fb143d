/**
 * The fast path of the audit entry check (issue 5, docs/audit-formats.md §1): decides that a
 * line of `entries.jsonl` is a valid entry straight from its bytes, without `JSON.parse` or
 * re-canonicalising. It is sound, not complete: it answers "valid" only when the exact check
 * of entry-lines.ts (`checkEntryLine`) would find no problem, and "not decided" otherwise, in
 * which case the caller runs that exact check, which words the problem. The rules mirror
 * `checkEntryLine` one for one: RFC 8785 canonical object (canonical-scan.ts), `v` 1, `office`,
 * ISO 8601 UTC `time`, non-empty `type`, a known `outcome`, `index` equal to the position and
 * `prev` the hex leaf hash of the line before (absent on the first).
 */
import { AUDIT_OUTCOMES, ISO_INSTANT } from './entry-lines.js';
import { isFastCanonicalObject, topMembers, type TopMembers } from './canonical-scan.js';
import { instantAt } from './instant-bytes.js';

const KEYS = ['v', 'office', 'time', 'type', 'outcome', 'index', 'prev'] as const;
const [V, OFFICE, TIME, TYPE, OUTCOME, INDEX, PREV] = [0, 1, 2, 3, 4, 5, 6] as const;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** Per-reader state of the fast check (reuse one per thread; not shared between threads). */
export interface FastEntryChecker {
  /**
   * The entry's `Date.parse(time)` when the line at `b[start, end)` is certainly a valid entry
   * at position `index` after a line with leaf hash `prevLeaf` (undefined for the first line);
   * undefined when not decided (run the exact check).
   */
  check(b: Buffer, start: number, end: number, index: number, prevLeaf: Uint8Array | undefined): number | undefined;
}

/** Creates a fast checker for entries that must name `office` (undefined: any office). */
export function fastEntryChecker(office: string | undefined): FastEntryChecker {
  const members: TopMembers = topMembers(KEYS);
  const officeJson = office === undefined ? undefined : Buffer.from(JSON.stringify(office), 'utf8');
  const outcomes = AUDIT_OUTCOMES.map((o) => Buffer.from(JSON.stringify(o), 'latin1'));
  const { starts, ends } = members;
  return {
    check(b, start, end, index, prevLeaf) {
      if (!isFastCanonicalObject(b, start, end, members)) return undefined;
      // v: 1 (the only canonical text of the number 1).
      if (ends[V] - starts[V] !== 1 || b[starts[V] as number] !== 0x31) return undefined;
      if (officeJson !== undefined && !rangeEquals(b, starts[OFFICE] as number, ends[OFFICE] as number, officeJson)) return undefined;
      const t = instantAt(b, starts[TIME] as number, ends[TIME] as number) ?? parsedTime(b, starts[TIME] as number, ends[TIME] as number);
      if (t === undefined) return undefined;
      // type: a non-empty string; a canonical string of length ≥ 1 is longer than `""`.
      if (starts[TYPE] < 0 || b[starts[TYPE] as number] !== 0x22 || ends[TYPE] - starts[TYPE] <= 2) return undefined;
      if (!oneOf(b, starts[OUTCOME] as number, ends[OUTCOME] as number, outcomes)) return undefined;
      if (integerAt(b, starts[INDEX] as number, ends[INDEX] as number) !== index) return undefined;
      if (prevLeaf === undefined) {
        if (starts[PREV] >= 0) return undefined;
      } else if (!isHexOf(b, starts[PREV] as number, ends[PREV] as number, prevLeaf)) {
        return undefined;
      }
      return t;
    },
  };
}

function rangeEquals(b: Uint8Array, s: number, e: number, want: Uint8Array): boolean {
  if (s < 0 || e - s !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (b[s + i] !== want[i]) return false;
  return true;
}

function oneOf(b: Uint8Array, s: number, e: number, wanted: readonly Uint8Array[]): boolean {
  for (const w of wanted) if (rangeEquals(b, s, e, w)) return true;
  return false;
}

/** The time of the cases instantAt leaves: ISO_INSTANT and Date.parse, as the exact check; else undefined. */
function parsedTime(b: Buffer, s: number, e: number): number | undefined {
  const time = stringText(b, s, e);
  if (time === undefined || !ISO_INSTANT.test(time)) return undefined;
  const t = Date.parse(time);
  return Number.isNaN(t) ? undefined : t;
}

/** The text of a string value without escapes (ASCII: the scanner checked), else undefined. */
function stringText(b: Buffer, s: number, e: number): string | undefined {
  if (s < 0 || b[s] !== 0x22) return undefined;
  for (let i = s + 1; i < e - 1; i++) if (b[i] === 0x5c) return undefined;
  return b.toString('latin1', s + 1, e - 1);
}

/** The value of a non-negative canonical integer (the scanner checked its form), else -1. */
function integerAt(b: Uint8Array, s: number, e: number): number {
  if (s < 0) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = (b[i] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** True when b[s, e) is the JSON string of the lowercase hex of `hash`. */
function isHexOf(b: Uint8Array, s: number, e: number, hash: Uint8Array): boolean {
  if (s < 0 || e - s !== hash.length * 2 + 2 || b[s] !== 0x22) return false;
  for (let i = 0; i < hash.length; i++) {
    const h = hash[i] as number;
    if (b[s + 1 + 2 * i] !== HEX[h >> 4] || b[s + 2 + 2 * i] !== HEX[h & 15]) return false;
  }
  return true;
}
