/**
 * One HTTP byte range (RFC 9110 §14.1.2, §14.2, §13.1.5 If-Range) for resumable downloads of
 * parts. Only a single range is honoured; a header with several ranges or a syntax we do not
 * know is ignored and the whole part is sent, as §14.2 allows. The header is attacker-controlled:
 * numbers are bounded before use.
 */

export type RangeDecision =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE = /^bytes[ \t]*=[ \t]*(\d{0,16})[ \t]*-[ \t]*(\d{0,16})[ \t]*$/i;

/**
 * What to send for `range` (the Range header) of a part of `size` bytes with `etag`.
 * `ifRange` that is not our strong ETag means the client's copy is stale: send it whole.
 */
export function decideRange(range: string | undefined, ifRange: string | undefined, size: number, etag: string): RangeDecision {
  if (range === undefined) return { kind: 'whole' };
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'whole' };
  const match = SINGLE.exec(range);
  if (match === null) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' }; // invalid range-spec: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
