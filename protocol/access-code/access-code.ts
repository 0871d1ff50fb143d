/**
 * Access codes that an applicant hands to the offices allowed to retrieve a priority document
 * (docs/design.md §6, the WIPO DAS model; the format is docs/access-codes.md). Two formats:
 *
 * - `crockford` (default): 13 random Crockford Base32 symbols (65 bits) and a check symbol of
 *   the same alphabet (GF(32) weighted sum, check-symbol.ts), printed in groups of four
 *   (`ABCD-EFGH-JKMN-PQ`): letters and digits only, so a code can be read over the phone. A typo
 *   is caught on the accessing office's side before any request leaves it. Codes issued before
 *   issue 10 have 12 data symbols and Crockford's mod-37 check (which may be one of `*~$=U`);
 *   they are told apart by their length (13 symbols, not 14) and are still accepted.
 * - `das`: 4 hexadecimal characters, as WIPO DAS issues them (16 bits, no check symbol); only for
 *   offices that must stay DAS-compatible. Lockout after repeated failures is what protects it.
 *
 * The code is a secret: error messages here never repeat it.
 */
import { IpexError } from '../errors/index.js';
import type { RandomSource } from '../runtime/clock.js';
import { gf32CheckValue, gf32WeightedSum } from './check-symbol.js';
import {
  CROCKFORD_ALPHABET,
  crockfordCheckSymbol,
  crockfordEncode,
  crockfordValue,
  crockfordValues,
  normaliseCrockfordInput,
} from './crockford.js';

/** The access-code formats ipex knows. */
export type AccessCodeFormat = 'crockford' | 'das';

/** A parsed or generated access code. */
export interface AccessCode {
  readonly format: AccessCodeFormat;
  /** The canonical symbols, upper case, without separators (with the check symbol if any). */
  readonly value: string;
}

/** Data symbols of a `crockford` code: 13 × 5 bits = 65 bits of entropy. */
export const CROCKFORD_DATA_SYMBOLS = 13;
/** Data symbols of a `crockford` code issued before issue 10 (mod-37 check symbol). */
export const LEGACY_CROCKFORD_DATA_SYMBOLS = 12;
/** Hexadecimal characters of a `das` code: 4 × 4 bits = 16 bits. */
export const DAS_HEX_CHARS = 4;
// Bound on raw input before any work is done on it; generous for separators and spaces.
const MAX_INPUT = 64;

/** Draws a fresh access code of `format` from `random`. */
export function generateAccessCode(random: RandomSource, format: AccessCodeFormat = 'crockford'): AccessCode {
  if (format === 'das') {
    const value = random.bytes(DAS_HEX_CHARS / 2).toString('hex').toUpperCase();
    return { format, value };
  }
  const bits = CROCKFORD_DATA_SYMBOLS * 5;
  const bytes = random.bytes(Math.ceil(bits / 8));
  // Keep the top `bits` bits of uniformly random bytes: every code is equally likely.
  const number = BigInt(`0x${bytes.toString('hex')}`) >> BigInt(bytes.length * 8 - bits);
  const data = crockfordEncode(number, CROCKFORD_DATA_SYMBOLS);
  return { format, value: data + crockfordCheckOf(data) };
}

/** The check symbol of `data` (Crockford symbols): the GF(32) check of docs/access-codes.md. */
export function crockfordCheckOf(data: string): string {
  const values = crockfordValues(data);
  if (values === undefined) throw new RangeError('not a string of Crockford data symbols');
  return CROCKFORD_ALPHABET.charAt(gf32CheckValue(values));
}

/**
 * The printed form: `crockford` codes in hyphen-separated groups of four, `das` codes as is.
 *
 * @example formatAccessCode({ format: 'crockford', value: '0123456789ABCD' }) // '0123-4567-89AB-CD'
 */
export function formatAccessCode(code: AccessCode): string {
  if (code.format === 'das') return code.value;
  return code.value.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * Reads an access code typed or pasted by a person or received from a peer.
 * `crockford`: case, spaces and hyphens are ignored, O reads as 0 and I/L as 1; the check symbol
 * must match (14 symbols: the GF(32) check; 13 symbols: a code issued before issue 10, with
 * Crockford's mod-37 check). `das`: case, spaces and hyphens are ignored; exactly four
 * hexadecimal characters.
 *
 * @throws IpexError ACCESS_CODE_MALFORMED, with a message that does not repeat the code.
 */
export function parseAccessCode(input: string, format: AccessCodeFormat = 'crockford'): AccessCode {
  if (typeof input !== 'string' || input.length > MAX_INPUT) malformed('the access code is too long');
  if (format === 'das') return parseDas(input);
  const symbols = normaliseCrockfordInput(input);
  if (symbols.length === CROCKFORD_DATA_SYMBOLS + 1) {
    const values = crockfordValues(symbols);
    if (values === undefined) malformed('the access code contains a character that is not used in access codes');
    if (gf32WeightedSum(values) !== 0) mistyped();
    return { format, value: symbols };
  }
  if (symbols.length === LEGACY_CROCKFORD_DATA_SYMBOLS + 1) {
    const number = crockfordValue(symbols.slice(0, LEGACY_CROCKFORD_DATA_SYMBOLS));
    if (number === undefined) malformed('the access code contains a character that is not used in access codes');
    if (symbols.charAt(LEGACY_CROCKFORD_DATA_SYMBOLS) !== crockfordCheckSymbol(number)) mistyped();
    return { format, value: symbols };
  }
  malformed(`the access code must have ${CROCKFORD_DATA_SYMBOLS + 1} characters without hyphens ` +
    `(${LEGACY_CROCKFORD_DATA_SYMBOLS + 1} for a code issued by an earlier version of ipex)`);
}

function parseDas(input: string): AccessCode {
  // Check before upper-casing: Unicode case mapping turns 'ﬀ' into 'FF'.
  const stripped = input.replace(/[ \t-]/g, '');
  if (!/^[0-9A-Fa-f]{4}$/.test(stripped)) malformed('a DAS access code has exactly four characters 0–9 and A–F');
  return { format: 'das', value: stripped.toUpperCase() };
}

function mistyped(): never {
  malformed('the access code is mistyped (its check character does not match)');
}

function malformed(message: string): never {
  throw new IpexError('ACCESS_CODE_MALFORMED', message);
}
