/**
 * WIPO Standard ST.3 office codes: the two-letter codes that name the office behind every
 * document, directory entry and certificate in ipex (see `code-table.ts` for the edition).
 * Input from the wire or a form is normalised here once; everything after that compares codes
 * as plain upper-case strings.
 */
import { IpexError } from '../errors/index.js';
import { ST3_ORGANIZATIONS, ST3_STATES } from './code-table.js';

export { ST3_ORGANIZATIONS, ST3_STATES } from './code-table.js';

const NAMES: ReadonlyMap<string, string> = new Map([...ST3_STATES, ...ST3_ORGANIZATIONS]);

/**
 * True when `code` is exactly an ST.3 code: two upper-case letters listed in the table.
 * It does not normalise; use {@link normaliseSt3Code} for human input.
 *
 * @example isSt3Code('EP') // true;  isSt3Code('ep') // false;  isSt3Code('ZZ') // false
 */
export function isSt3Code(code: string): boolean {
  return typeof code === 'string' && code.length === 2 && NAMES.has(code);
}

/**
 * Trims and upper-cases `input` and checks it against ST.3.
 *
 * @throws IpexError OFFICE_CODE_INVALID when the result is not an ST.3 code.
 * @example normaliseSt3Code(' jp ') // 'JP'
 */
export function normaliseSt3Code(input: string): string {
  // Attacker-controlled: bound the echo in the message so a huge value cannot flood the log.
  const text = typeof input === 'string' ? input : '';
  const trimmed = text.trim();
  // ASCII only before upper-casing: Unicode case mapping turns 'ß' into 'SS' (South Sudan).
  const code = /^[A-Za-z]{2}$/.test(trimmed) ? trimmed.toUpperCase() : '';
  if (!isSt3Code(code)) {
    throw new IpexError(
      'OFFICE_CODE_INVALID',
      `office code ${JSON.stringify(text.slice(0, 16))} is not in WIPO Standard ST.3`,
    );
  }
  return code;
}

/** The ST.3 short name of `code` (for display), or undefined when it is not an ST.3 code. */
export function st3Name(code: string): string | undefined {
  return isSt3Code(code) ? NAMES.get(code) : undefined;
}

/** Every ST.3 code ipex knows, sorted; for select lists and documentation. */
export function st3Codes(): string[] {
  return [...NAMES.keys()].sort();
}
