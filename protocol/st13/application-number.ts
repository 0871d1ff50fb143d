/**
 * Application numbers as a lookup key, in the spirit of WIPO Standard ST.13 (revision of 2008,
 * "Recommendation for the numbering of applications for IP rights"): the number is stored
 * without separators, the office code (ST.3) travels beside it rather than inside it, and a
 * check digit is presented after a full stop and kept apart from the number.
 *
 * Offices print the same number in many ways ("EP 23 123 456.8", "US 18/123,456",
 * "2023-123456", "PCT/IB2023/050123"); depositing and retrieving offices must land on the same
 * `applicationNumberText`, or a retrieval fails for no reason an examiner can see. The rules
 * (and the examples) are in docs/access-codes.md, section "Application numbers".
 *
 * Issue 10, item 11: a number printed with another office's prefix ("JP 2023-123456" given to
 * EP) is refused rather than read as one of this office's numbers, and a check digit is checked
 * where the office's algorithm is known (check-digits.ts).
 */
import { IpexError } from '../errors/index.js';
import { isSt3Code, normaliseSt3Code } from '../st3/index.js';
import { expectedCheckDigit } from './check-digits.js';

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
/**
 * Longest canonical `applicationNumberText`: the one limit of the office API, the exchange API
 * and the manifest (openapi `ApplicationNumberText`, protocol/certification/manifest.ts).
 */
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
// Two letters at the start, then a separator, a digit or the end: how an office prefix is printed.
const LEADING_PREFIX = /^([A-Z]{2})(?=[ \t/.,\-0-9]|$)/;

/**
 * Normalises an application number as printed by an office into its lookup form.
 *
 * @param officeCode the ST.3 code of the office that gave the number (normalised here too).
 * @param input the number as printed or typed; attacker-controlled.
 * @throws IpexError OFFICE_CODE_INVALID for an unknown office code;
 *   APPLICATION_NUMBER_INVALID for empty, over-long or non-alphanumeric input;
 *   APPLICATION_NUMBER_OFFICE_MISMATCH for a number printed with another office's ST.3 prefix;
 *   CHECK_DIGIT_MISMATCH for a check digit that the office's known algorithm refutes.
 * @example
 * normaliseApplicationNumber('EP', 'EP 23 123 456.8')
 * // { officeCode: 'EP', applicationNumberText: '23123456', checkDigit: '8' }
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
    // PCT/CC…: the receiving office CC is part of the number; outside WO/IB it must be this office.
    if (!PCT_OFFICES.has(office)) refuseForeignPrefix(office, text.slice(0, 2), input);
  } else if (!PCT_OFFICES.has(office)) {
    // "EP 23 123 456" and "EP23123456" name the same number as "23123456" at the EPO. Only a
    // prefix followed by a separator or a digit is an office prefix; "USA1" is not "A1" at US.
    const prefix = LEADING_PREFIX.exec(text)?.[1];
    if (prefix === office) text = text.slice(office.length);
    else if (prefix !== undefined) refuseForeignPrefix(office, prefix, input);
  }

  const applicationNumberText = text.replace(SEPARATORS, '');
  if (applicationNumberText === '') refuse('the application number is empty');
  if (!/[0-9]/.test(applicationNumberText)) refuse('the application number contains no digit');
  if (applicationNumberText.length > MAX_APPLICATION_NUMBER_TEXT) {
    refuse(`the application number has more than ${MAX_APPLICATION_NUMBER_TEXT} letters and digits`);
  }
  if (checkDigit !== undefined) verifyCheckDigit(office, applicationNumberText, checkDigit);
  return checkDigit === undefined
    ? { officeCode: office, applicationNumberText }
    : { officeCode: office, applicationNumberText, checkDigit };
}

/**
 * Checks `checkDigit` against a normalised number where the office's algorithm is known
 * (check-digits.ts); elsewhere any single letter or digit is kept unchecked.
 *
 * @throws IpexError CHECK_DIGIT_MISMATCH; APPLICATION_NUMBER_INVALID when it is not one letter or digit.
 */
export function verifyCheckDigit(office: string, applicationNumberText: string, checkDigit: string): void {
  if (!/^[0-9A-Z]$/.test(checkDigit)) refuse('a check digit is one digit or upper-case letter');
  const expected = expectedCheckDigit(office, applicationNumberText);
  // The expected digit is not shown: a clerk should look at the filing, not copy ours.
  if (expected !== undefined && expected !== checkDigit) {
    throw new IpexError('CHECK_DIGIT_MISMATCH',
      `the check digit .${checkDigit} does not fit ${office} application number ${applicationNumberText}: a digit is mistyped; check the number against the filing`);
  }
}

function refuseForeignPrefix(office: string, prefix: string, input: string): void {
  if (prefix === office || !isSt3Code(prefix)) return;
  throw new IpexError('APPLICATION_NUMBER_OFFICE_MISMATCH',
    `${JSON.stringify(input.trim().slice(0, 40))} is a number of office ${prefix}, not of ${office}: ` +
    `give the number of the office that received the application, without another office's prefix`);
}

function refuse(message: string): never {
  throw new IpexError('APPLICATION_NUMBER_INVALID', message);
}
