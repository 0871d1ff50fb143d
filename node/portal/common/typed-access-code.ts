/**
 * What an access code typed so far is (docs/access-codes.md), for the check as it is typed
 * (browser/access-code-check.ts): empty, too short (how many characters), a four-character DAS
 * code (no check character), whole and right, or mistyped. The check of protocol/access-code —
 * the GF(32) check character, or Crockford's mod-37 one of codes issued before issue 10 — from
 * its pure modules only: the parser itself brings the error registry into the browser bundle.
 * A test holds this verdict to the parser's.
 */
import { gf32WeightedSum } from '../../../protocol/access-code/check-symbol.js';
import { crockfordCheckSymbol, crockfordValue, crockfordValues, normaliseCrockfordInput } from '../../../protocol/access-code/crockford.js';

/** Symbols of a code with its check character, and of one issued before issue 10. */
const SYMBOLS = 14;
const LEGACY_SYMBOLS = 13;

export type Verdict = { kind: 'empty' | 'ok' | 'typo' | 'das' } | { kind: 'short'; count: number };

/** What a typed code is so far: too short, a DAS code, whole and right, or mistyped. */
export function checkTyped(typed: string): Verdict {
  const symbols = normaliseCrockfordInput(typed);
  if (symbols === '') return { kind: 'empty' };
  if (/^[0-9A-Fa-f]{4}$/.test(symbols)) return { kind: 'das' };
  if (symbols.length === LEGACY_SYMBOLS) {
    const data = crockfordValue(symbols.slice(0, LEGACY_SYMBOLS - 1));
    if (data !== undefined && symbols.charAt(LEGACY_SYMBOLS - 1) === crockfordCheckSymbol(data)) return { kind: 'ok' };
  }
  if (symbols.length < SYMBOLS) return { kind: 'short', count: symbols.length };
  const values = symbols.length === SYMBOLS ? crockfordValues(symbols) : undefined;
  return values !== undefined && gf32WeightedSum(values) === 0 ? { kind: 'ok' } : { kind: 'typo' };
}
