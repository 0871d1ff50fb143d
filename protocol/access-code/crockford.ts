/**
 * Crockford's Base32 (https://www.crockford.com/base32.html): the alphabet and the reading rules
 * of ipex access codes (docs/design.md §6, docs/access-codes.md), and Crockford's mod-37 check
 * symbol, which codes issued before issue 10 carry and which is still read (item 13).
 *
 * Why this alphabet: it leaves out I, L and O, which a reader confuses with 1 and 0, and U,
 * which invites accidental words; on input those letters are read as the digits they resemble.
 * Why mod 37 was chosen once: 37 is prime and larger than 32, so the check symbol catches every
 * single-symbol substitution (the value changes by d·32^k with 0 < |d| < 37, never a multiple
 * of 37) and every adjacent transposition (the value changes by (a−b)·31·32^k). Its five extra
 * check values are written `*~$=U`, which cannot be read over the phone: new codes use the
 * GF(32) check of check-symbol.ts instead.
 */

/** The 32 data symbols, value = index. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 37 check symbols: the data symbols then `*~$=U` for the values 32–36. */
export const CROCKFORD_CHECK_ALPHABET = `${CROCKFORD_ALPHABET}*~$=U`;

// Look-alike letters as Crockford prescribes for decoding.
const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Upper-cases `input`, drops spaces, tabs and hyphens, and reads O as 0 and I/L as 1.
 * Returns the symbols; does not check them (see {@link crockfordValue}).
 */
export function normaliseCrockfordInput(input: string): string {
  let out = '';
  for (const raw of input) {
    if (raw === ' ' || raw === '\t' || raw === '-') continue;
    // Upper-case ASCII only: Unicode case mapping would turn 'ﬀ' into 'FF' or 'ı' into 'I'.
    const symbol = raw >= 'a' && raw <= 'z' ? raw.toUpperCase() : raw;
    out += LOOK_ALIKES[symbol] ?? symbol;
  }
  return out;
}

/** The value (0–31) of each symbol, or undefined when one is not a data symbol. */
export function crockfordValues(symbols: string): number[] | undefined {
  const values: number[] = [];
  for (const symbol of symbols) {
    const value = CROCKFORD_ALPHABET.indexOf(symbol);
    if (value < 0) return undefined;
    values.push(value);
  }
  return values;
}

/** The value of `symbols` read as a base-32 number, or undefined when one is not a data symbol. */
export function crockfordValue(symbols: string): bigint | undefined {
  let value = 0n;
  for (const symbol of symbols) {
    const digit = CROCKFORD_ALPHABET.indexOf(symbol);
    if (digit < 0) return undefined;
    value = value * 32n + BigInt(digit);
  }
  return value;
}

/** Writes `value` as exactly `length` data symbols (leading zeros kept). */
export function crockfordEncode(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD_ALPHABET.charAt(Number(rest & 31n)) + out;
    rest >>= 5n;
  }
  if (rest !== 0n) throw new RangeError('value does not fit the requested number of symbols');
  return out;
}

/** Crockford's check symbol of `value`: the symbol for value mod 37 (codes issued before issue 10). */
export function crockfordCheckSymbol(value: bigint): string {
  return CROCKFORD_CHECK_ALPHABET.charAt(Number(value % 37n));
}
