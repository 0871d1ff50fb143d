/**
 * The check symbol of ipex access codes (issue 10, item 13; docs/access-codes.md): one symbol
 * of the same 32-symbol Crockford alphabet as the data, so that a code read over the phone or
 * copied from a letter holds letters and digits only (Crockford's own mod-37 check needs the
 * extra symbols `*~$=U`; see crockford.ts, still read for codes issued before).
 *
 * Why GF(32): a weighted sum modulo 32 cannot catch every adjacent swap (a swap of x and y
 * changes it by (x − y)(w_i − w_{i+1}), which is 0 mod 32 for some x ≠ y whatever the weights),
 * and Luhn mod 32 misses some swaps (0/V). Over the field GF(2^5) every non-zero element has an
 * inverse, so with the weights α^k of a primitive element α:
 *   - a substitution e at position k changes the sum by e·α^k ≠ 0;
 *   - a swap of x ≠ y between positions of weights α^a ≠ α^b changes it by
 *     (x ⊕ y)(α^a ⊕ α^b) ≠ 0, and α^a ≠ α^b whenever a ≢ b (mod 31).
 * So every single-symbol error and every transposition at distance < 31 is caught, in codes of
 * up to 31 symbols. The field is GF(2)[x]/(x^5 + x^2 + 1); that polynomial is primitive, so α = x
 * has order 31 (test/protocol/access-code checks it and the two properties by brute force).
 */

/** x^5 + x^2 + 1, the field's reduction polynomial, as bits. */
export const GF32_POLYNOMIAL = 0b100101;

/** v · α in GF(32): a shift, reduced by the polynomial when it overflows five bits. */
export function gf32TimesAlpha(v: number): number {
  const shifted = v << 1;
  return shifted & 0b100000 ? shifted ^ GF32_POLYNOMIAL : shifted;
}

/**
 * Σ v_i · α^(n−1−i) over GF(32) (Horner's rule): the last value has weight 1, the one before α,
 * and so on. A full code (data, then check) is valid when this is 0.
 */
export function gf32WeightedSum(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum = gf32TimesAlpha(sum) ^ v;
  return sum;
}

/** The check value of `data` (symbol values 0–31): the value c with gf32WeightedSum([...data, c]) = 0. */
export function gf32CheckValue(data: readonly number[]): number {
  return gf32TimesAlpha(gf32WeightedSum(data));
}
