/**
 * A byte-level recogniser for a subset of RFC 8785 canonical JSON (JCS), used as the fast path
 * of the audit entry check (issue 5). The verifier must prove that every line of
 * `entries.jsonl` is canonical; doing that by `JSON.parse` + re-canonicalising costs ~20 µs a
 * line. This recogniser reads the bytes once and answers either "certainly canonical" or
 * "not decided here" — never "not canonical": every line it does not accept goes to the exact
 * check of entry-lines.ts, which then words the problem. So it only has to be sound, and it is
 * deliberately narrow:
 *
 * - ASCII only, no whitespace (RFC 8785 §3.2.1);
 * - strings: printable ASCII, escapes only as ECMAScript `JSON.stringify` writes them
 *   (§3.2.2.2: `\"`, `\\`, `\b \f \n \r \t`, `\u00xx` lowercase for the other controls);
 *   object keys without any escape, so that byte order is UTF-16 code-unit order (§3.2.3);
 * - members strictly increasing by key (sorted, and no duplicates), at every depth;
 * - numbers: integers of at most 15 digits without sign-zero (their ECMAScript shortest form,
 *   §3.2.2.3, is the digits themselves); anything with a fraction or exponent is not decided;
 * - `true`, `false`, `null`, arrays, nesting up to {@link MAX_FAST_DEPTH}.
 *
 * For such input, `canonicalJson(JSON.parse(text))` returns `text` byte for byte.
 */

/** Deeper nesting is left to the exact check (keeps the recursion bounded). */
export const MAX_FAST_DEPTH = 64;

/** Value ranges [start, end) of the top-level members the caller asked for; -1 when absent. */
export interface TopMembers {
  /** Keys to capture, as ASCII bytes. */
  readonly keys: readonly Uint8Array[];
  /** starts[i], ends[i]: the byte range of the value of keys[i], or -1 when absent. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Creates the capture table for the given top-level keys. */
export function topMembers(keys: readonly string[]): TopMembers {
  return {
    keys: keys.map((k) => Buffer.from(k, 'latin1')),
    starts: new Int32Array(keys.length),
    ends: new Int32Array(keys.length),
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when `b[start, end)` is a JSON object in the canonical subset above; fills `members` with the ranges of the wanted top-level
 * values. False means "not decided", not "not canonical".
 */
export function isFastCanonicalObject(b: Uint8Array, start: number, end: number, members: TopMembers): boolean {
  members.starts.fill(-1);
  members.ends.fill(-1);
  if (start >= end || b[start] !== 0x7b) return false;
  return objectEnd(b, start, end, 0, members) === end;
}

/** Position after the value starting at p, or -1. */
function valueEnd(b: Uint8Array, p: number, e: number, depth: number): number {
  if (p >= e) return -1;
  const c = b[p] as number;
  if (c === QUOTE) return stringEnd(b, p, e);
  if (c === 0x7b) return objectEnd(b, p, e, depth + 1, undefined);
  if (c === 0x5b) return arrayEnd(b, p, e, depth + 1);
  if (c === 0x74) return literalEnd(b, p, e, TRUE);
  if (c === 0x66) return literalEnd(b, p, e, FALSE);
  if (c === 0x6e) return literalEnd(b, p, e, NULL);
  return numberEnd(b, p, e);
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literalEnd(b: Uint8Array, p: number, e: number, lit: readonly number[]): number {
  if (p + lit.length > e) return -1;
  for (let i = 0; i < lit.length; i++) if (b[p + i] !== lit[i]) return -1;
  return p + lit.length;
}

/** A canonical integer: 0, or -?[1-9][0-9]{0,14}; no fraction, no exponent. */
function numberEnd(b: Uint8Array, p: number, e: number): number {
  let q = p;
  if (b[q] === 0x2d) q++;
  if (q >= e) return -1;
  const first = b[q] as number;
  if (first === 0x30) {
    if (q !== p) return -1; // "-0": its canonical form is "0"
    q++;
  } else if (first >= 0x31 && first <= 0x39) {
    const digitsStart = q;
    q++;
    while (q < e && (b[q] as number) >= 0x30 && (b[q] as number) <= 0x39) q++;
    if (q - digitsStart > 15) return -1;
  } else {
    return -1;
  }
  if (q < e) {
    const next = b[q] as number;
    if (next === 0x2e || next === 0x65 || next === 0x45 || (next >= 0x30 && next <= 0x39)) return -1;
  }
  return q;
}

/** Byte classes inside a string: 0 plain printable ASCII, 1 quote, 2 backslash, 3 refused. */
const STRING_CLASS = (() => {
  const t = new Uint8Array(256).fill(3);
  for (let c = 0x20; c <= 0x7f; c++) t[c] = 0;
  t[QUOTE] = 1;
  t[BACKSLASH] = 2;
  return t;
})();

/** A string as JSON.stringify writes it (printable ASCII + its escapes); p is at the quote. */
function stringEnd(b: Uint8Array, p: number, e: number): number {
  const t = STRING_CLASS;
  let q = p + 1;
  while (q < e) {
    // Four plain bytes at a time: string contents are most of an entry's bytes.
    while (q + 4 <= e && ((t[b[q] as number] as number) | (t[b[q + 1] as number] as number) | (t[b[q + 2] as number] as number) | (t[b[q + 3] as number] as number)) === 0) q += 4;
    if (q >= e) break;
    const k = t[b[q] as number] as number;
    if (k === 0) {
      q++;
      continue;
    }
    if (k === 1) return q + 1;
    if (k === 3) return -1;
    const n = b[q + 1];
    if (n === QUOTE || n === BACKSLASH || n === 0x62 || n === 0x66 || n === 0x6e || n === 0x72 || n === 0x74) {
      q += 2;
      continue;
    }
    if (n !== 0x75 || q + 6 > e || b[q + 2] !== 0x30 || b[q + 3] !== 0x30) return -1;
    const hi = b[q + 4] as number;
    const lo = b[q + 5] as number;
    const low = lo >= 0x30 && lo <= 0x39 ? lo - 0x30 : lo >= 0x61 && lo <= 0x66 ? lo - 0x57 : -1;
    if ((hi !== 0x30 && hi !== 0x31) || low < 0) return -1;
    const code = (hi - 0x30) * 16 + low;
    // \b \t \n \f \r have short escapes; JSON.stringify never writes them as \u00xx.
    if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return -1;
    q += 6;
  }
  return -1;
}

function arrayEnd(b: Uint8Array, p: number, e: number, depth: number): number {
  if (depth > MAX_FAST_DEPTH) return -1;
  let q = p + 1;
  if (b[q] === 0x5d) return q + 1;
  for (;;) {
    q = valueEnd(b, q, e, depth);
    if (q < 0 || q >= e) return -1;
    const c = b[q];
    if (c === 0x5d) return q + 1;
    if (c !== 0x2c) return -1;
    q++;
  }
}

function objectEnd(b: Uint8Array, p: number, e: number, depth: number, members: TopMembers | undefined): number {
  if (depth > MAX_FAST_DEPTH) return -1;
  let q = p + 1;
  if (b[q] === 0x7d) return q + 1;
  let prevStart = -1;
  let prevEnd = -1;
  for (;;) {
    if (q >= e || b[q] !== QUOTE) return -1;
    const keyStart = q + 1;
    let k = keyStart;
    while (k < e && STRING_CLASS[b[k] as number] === 0) k++;
    if (k >= e || b[k] !== QUOTE) return -1; // an escaped key is left to the exact check
    if (prevStart >= 0 && compareBytes(b, prevStart, prevEnd, keyStart, k) >= 0) return -1;
    prevStart = keyStart;
    prevEnd = k;
    q = k + 1;
    if (b[q] !== 0x3a) return -1;
    const valueStart = q + 1;
    q = valueEnd(b, valueStart, e, depth);
    if (q < 0 || q >= e) return -1;
    if (members !== undefined) capture(b, keyStart, k, valueStart, q, members);
    const c = b[q];
    if (c === 0x7d) return q + 1;
    if (c !== 0x2c) return -1;
    q++;
  }
}

function capture(b: Uint8Array, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, members: TopMembers): void {
  const len = keyEnd - keyStart;
  const { keys } = members;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as Uint8Array;
    if (key.length !== len) continue;
    let j = 0;
    while (j < len && key[j] === b[keyStart + j]) j++;
    if (j === len) {
      members.starts[i] = valueStart;
      members.ends[i] = valueEnd;
      return;
    }
  }
}

/** Byte comparison of two ranges (ASCII: the same as UTF-16 code-unit order). */
function compareBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
  const n = Math.min(e1 - s1, e2 - s2);
  for (let i = 0; i < n; i++) {
    const d = (b[s1 + i] as number) - (b[s2 + i] as number);
    if (d !== 0) return d;
  }
  return e1 - s1 - (e2 - s2);
}
