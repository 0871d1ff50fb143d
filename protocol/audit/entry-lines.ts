/**
 * Reads `entries.jsonl` of an audit bundle (docs/audit-formats.md §1, docs/design.md §7): one entry
 * per line, each line ending in "\n" (never "\r\n"), the line's bytes without the newline being
 * the Merkle leaf data. Each entry must be RFC 8785 canonical JSON of an object with at least
 * `{v: 1, index, office, time, type, outcome}` and, after the first, `prev`: the hex leaf hash
 * of the line before it. `index` and `prev` chain the lines, so that a changed, removed,
 * inserted or moved entry is named by the first line that no longer fits (`blame`).
 * Canonicity is checked by re-canonicalising the parsed
 * value and comparing bytes, which also rejects duplicate keys, non-shortest numbers and
 * unsorted members. The bytes are hashed exactly as found: the file is attacker-controlled
 * and is never re-serialised before hashing. `checkEntryLine` is the reference check: the
 * verifier streams large files through entry-scan.ts, whose fast path (entry-fast-check.ts)
 * only ever accepts lines this check accepts, and hands every other line to it.
 */
import { canonicalJson } from '../encoding/canonical-json.js';
import { leafHash } from '../merkle/hash.js';

/** The outcomes an audit entry may carry (the AuditOutcome of the audit service). */
export const AUDIT_OUTCOMES: readonly string[] = ['ok', 'refused', 'failed', 'pending'];

/** One line of `entries.jsonl`. */
export interface EntryLine {
  /** 0-based log index (line number − 1). */
  readonly index: number;
  /** The leaf data: the line's bytes without its newline (a view into the file buffer). */
  readonly bytes: Buffer;
  /** RFC 6962 leaf hash of `bytes`. */
  readonly leafHash: Buffer;
  /** Why the line is not a valid entry, or undefined when it is. */
  readonly problem?: string;
  /**
   * The index of the entry the problem points at. A `prev` that does not match the line before
   * points at that line (it was changed, or this one was inserted after it); else this line.
   */
  readonly blame?: number;
  /** The entry's `time` when it parsed (for ordering hints). */
  readonly time?: string;
}

/** The lines of an `entries.jsonl` file and file-level defects. */
export interface EntryFile {
  readonly lines: readonly EntryLine[];
  /** True when the file is non-empty and its last byte is not "\n" (the last line counts as a line). */
  readonly missingFinalNewline: boolean;
}

/** The form of an entry's `time`: ISO 8601 UTC with optional fraction. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Splits the file into lines and checks each entry. `office` is the office every entry must
 * name (from bundle.json or the checkpoint origin); undefined skips that check.
 */
export function readEntryLines(file: Uint8Array, office: string | undefined): EntryFile {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const lines: EntryLine[] = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl < 0 ? buf.length : nl;
    const bytes = buf.subarray(start, end); // a view, not a copy: the file can be large
    const previous = lines[lines.length - 1];
    lines.push(checkEntryLine(lines.length, bytes, office, previous?.leafHash));
    start = end + 1;
  }
  return { lines, missingFinalNewline: buf.length > 0 && buf[buf.length - 1] !== 0x0a };
}

/**
 * The exact check of one line at position `index` after a line with leaf hash `prevLeaf`
 * (undefined for the first line): the reference the fast path (entry-fast-check.ts) defers to.
 */
export function checkEntryLine(index: number, bytes: Buffer, office: string | undefined, prevLeaf: Buffer | undefined): EntryLine {
  const base = { index, bytes, leafHash: leafHash(bytes) };
  const problem = (why: string, time?: string): EntryLine => (time === undefined ? { ...base, problem: why } : { ...base, problem: why, time });
  if (bytes.length === 0) return problem('the line is empty');
  if (bytes[bytes.length - 1] === 0x0d) return problem('the line ends in "\\r" (CRLF line ending)');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return problem('the line is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('the line is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem('the entry is not a JSON object');
  const entry = value as Record<string, unknown>;
  const time = typeof entry.time === 'string' ? entry.time : undefined;
  let canonical: string | undefined;
  try {
    canonical = canonicalJson(entry);
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined || !Buffer.from(canonical, 'utf8').equals(bytes)) {
    return problem('the entry is not RFC 8785 canonical JSON (re-canonicalising changes its bytes)', time);
  }
  if (entry.v !== 1) return problem(`the entry version is ${JSON.stringify(entry.v)}, expected 1`, time);
  if (office !== undefined && entry.office !== office) {
    return problem(`the entry names office ${JSON.stringify(entry.office)}, not this log's ${office}`, time);
  }
  if (time === undefined || !ISO_INSTANT.test(time) || Number.isNaN(Date.parse(time))) {
    return problem('the entry has no ISO 8601 UTC "time"', time);
  }
  if (typeof entry.type !== 'string' || entry.type.length === 0) return problem('the entry has no "type"', time);
  if (typeof entry.outcome !== 'string' || !AUDIT_OUTCOMES.includes(entry.outcome)) {
    return problem(`the entry outcome ${JSON.stringify(entry.outcome)} is not one of ${AUDIT_OUTCOMES.join(', ')}`, time);
  }
  if (entry.index !== index) {
    return problem(`the entry says it is index ${JSON.stringify(entry.index)} but stands at index ${index}: an entry was removed, inserted or moved before it`, time);
  }
  const expectedPrev = prevLeaf?.toString('hex');
  if (entry.prev !== expectedPrev) {
    const why = expectedPrev === undefined
      ? 'the first entry must not have "prev"'
      : `its "prev" is not the leaf hash of the entry before it: entry ${index - 1} was changed, or this entry was inserted after it`;
    return { ...problem(why, time), blame: Math.max(0, index - 1) };
  }
  return { ...base, time };
}
