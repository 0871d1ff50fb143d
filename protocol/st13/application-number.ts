/**
 * Application numbers as a lookup key, in the spirit of WIPO Standard ST.13 (revision of 2008,
 * "Recommendation for the numbering of applications for IP rights"): the number is stored
 * without separators, the office code (ST.3) travels beside it rather than inside it, and a
 * check digit is presented after a full stop and kept apart from the number.
 *
 * Offices print the same number in many ways ("EP 23 123 456.7", "US 18/123,456",
 * "2023-123456", "PCT/IB2023/050123"); depositing and retrieving offices must land on the same
 * `applicationNumberText`, or a retrieval fails for no reason an examiner can see. The rules
 * (and the examples) are in docs/access-codes.md, section "Application numbers".
 */
import { IpexError } from '../errors/index.js';
import { normaliseSt3Code } from '../st3/index.js';

/** An application number normalised for lookups. */
export interface ApplicationNumber {
  /** The ST.3 code of the office that gave the number, upper case. */
  readonly officeCode: string;
  /** The number without office prefix, separators or check digit: [A-Z0-9]+. */
  readonly applicationNumberText: string;
  /** The check (control) digit printed after a full stop, when there was one. */
  readonly checkDigit?: string;
}

/** Longest input accepted, separators included; longer input is refused, never truncated. */
export const MAX_APPLICATION_NUMBER_INPUT = 64;
/** Longest canonical `applicationNumberText`. */
export const MAX_APPLICATION_NUMBER_TEXT = 32;

// Separators offices print inside numbers. Only ASCII space and tab: other white space
// (no-break space, ideographic space) would be a sign of copy-paste from rich text and is refused.
const SEPARATORS = /[ \t/.,-]/g;
// ST.13 ¶ on control digits: one character after a full stop at the very end.
const CHECK_DIGIT = /\.[ \t]*([0-9A-Z])$/;
// The PCT form PCT/CCYYYY/NNNNNN: "PCT" is a marker, the receiving-office code is part of the number.
const PCT_PREFIX = /^PCT[ \t/-]*(?=[A-Z]{2})/;
// Offices whose numbers are PCT numbers and so begin with a receiving-office code of their own.
const PCT_OFFICES = new Set(['WO', 'IB']);

/**
 * Normalises an application number as printed by an office into its lookup form.
 *
 * @param officeCode the ST.3 code of the office that gave the number (normalised here too).
 * @param input the number as printed or typed; attacker-controlled.
 * @throws IpexError OFFICE_CODE_INVALID for an unknown office code;
 *   APPLICATION_NUMBER_INVALID for empty, over-long or non-alphanumeric input.
 * @example
 * normaliseApplicationNumber('EP', 'EP 23 123 456.7')
 * // { officeCode: 'EP', applicationNumberText: '23123456', checkDigit: '7' }
 * normaliseApplicationNumber('WO', 'PCT/IB2023/050123')
 * // { officeCode: 'WO', applicationNumberText: 'IB2023050123' }
 */
export function normaliseApplicationNumber(officeCode: string, input: string): ApplicationNumber {
  const office = normaliseSt3Code(officeCode);
  if (typeof input !== 'string') refuse('the application number must be text');
  if (input.length > MAX_APPLICATION_NUMBER_INPUT) {
    refuse(`the application number is longer than ${MAX_APPLICATION_NUMBER_INPUT} characters`);
  }
  let text = input.trim().toUpperCase();
  if (!/^[A-Z0-9 \t/.,-]*$/.test(text)) {
    refuse('the application number may hold only letters A–Z, digits and the separators space / . , -');
  }

  let checkDigit: string | undefined;
  const check = CHECK_DIGIT.exec(text);
  if (check) {
    checkDigit = check[1];
    text = text.slice(0, check.index);
  }

  if (PCT_PREFIX.test(text)) {
    text = text.replace(PCT_PREFIX, '');
  } else if (!PCT_OFFICES.has(office) && text.startsWith(office)) {
    // "EP 23 123 456" and "EP23123456" name the same number as "23123456" at the EPO. Only a
    // prefix followed by a separator or a digit is an office prefix; "USA1" is not "A1" at US.
    const next = text.charAt(office.length);
    if (next === '' || /[ \t/.,\-0-9]/.test(next)) text = text.slice(office.length);
  }

  const applicationNumberText = text.replace(SEPARATORS, '');
  if (applicationNumberText === '') refuse('the application number is empty');
  if (!/[0-9]/.test(applicationNumberText)) refuse('the application number contains no digit');
  if (applicationNumberText.length > MAX_APPLICATION_NUMBER_TEXT) {
    refuse(`the application number has more than ${MAX_APPLICATION_NUMBER_TEXT} letters and digits`);
  }
  return checkDigit === undefined
    ? { officeCode: office, applicationNumberText }
    : { officeCode: office, applicationNumberText, checkDigit };
}

function refuse(message: string): never {
  throw new IpexError('APPLICATION_NUMBER_INVALID', message);
}
