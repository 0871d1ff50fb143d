/**
 * The shape of an office's application numbers (issue 15, "ST.13 / ST.3"): a number certified by
 * a node — its own application's, or a claimed priority's — is checked against the format the
 * office that gave it publishes, after normalisation (application-number.ts), so that a typo
 * ("2023-12345" at the JPO, a missing digit) is refused before it is signed into a manifest that
 * every other office will look it up by. The check runs where numbers are certified (deposit,
 * priority claims, `ipex import`), not on lookups: a malformed lookup simply finds nothing.
 *
 * Sources (docs/access-codes.md "Office formats" has the table):
 * - WIPO ST.13 (2008) ¶ 9–12: the recommended form, type of right + year + serial, and that an
 *   office's own presentation stays in use; the WIPO survey "Numbering of applications and
 *   priority applications – current practices" (CWS/3/10, WIPO Handbook Part 7.2.6) for JP and CN.
 * - EP: the EPO's numbering, yy + six-digit serial (+ check digit), e.g. EP 99 403 122.7.
 * - US: USPTO MPEP § 503 "Application Number": a two-digit series code and a six-digit serial
 *   number; series 01–19 non-provisional, 29 design, 35 international design, 60–63 provisional,
 *   90, 95, 96 re-examination and supplemental examination.
 * - JP: JPO numbers yyyy-nnnnnn since 2000 (EPO East Asian patent information, "Numbering system –
 *   Japan"); numbers of the Heisei era (H11-123456) are given in the western year (1999-123456).
 * - CN: CNIPA ZC 0006-2003, yyyy + type + seven-digit serial since October 2003, yy + type +
 *   five-digit serial before; type 1 invention, 2 utility model, 3 design, 8 and 9 PCT national
 *   phase (EPO East Asian patent information, "Numbering system – China").
 * - KR: KIPO tt-yyyy-nnnnnnn since 1998/99, tt 10 patent, 20 utility model, 30 design, 40 trade
 *   mark (EPO East Asian patent information, "Numbering system – Korea").
 * - WO: PCT Administrative Instructions § 307: PCT/CCyyyy/nnnnnn since 1 January 2004,
 *   PCT/CCyy/nnnnn before; CC the receiving office (ST.3).
 * Every other office: the generic rule of ST.13 — letters and digits, at least one digit, at most
 * 32 (what normalisation already holds). An office is added here when its format is sourced.
 */
import { IpexError } from '../errors/index.js';
import { isSt3Code } from '../st3/index.js';

interface OfficeFormat {
  /** The normalised number fits. */
  readonly test: (number: string) => boolean;
  /** What a person reads: the shape as printed, with an example. */
  readonly shape: string;
}

const YEAR4 = '(?:19|20)\\d\\d';

/** The PCT form, CC + yyyy + six digits, or CC + yy + five digits (before 2004). */
function pctNumber(number: string, receivingOffice?: string): boolean {
  const m = /^([A-Z]{2})(?:(?:19|20)\d{8}|\d{7})$/.exec(number);
  if (m === null) return false;
  return receivingOffice === undefined ? isSt3Code(m[1]!) : m[1] === receivingOffice;
}

const FORMATS: Readonly<Record<string, OfficeFormat>> = {
  EP: { test: (n) => /^\d{8}$/.test(n), shape: 'yy nnnnnn: a two-digit year and a six-digit serial (EP 23 123 456, check digit .8 optional)' },
  US: {
    test: (n) => /^(?:0[1-9]|1\d|29|35|6[0-3]|9[056])\d{6}$/.test(n),
    shape: 'ss/nnnnnn: a two-digit series code (01–19, 29, 35, 60–63, 90, 95, 96) and a six-digit serial (US 18/123,456)',
  },
  JP: { test: (n) => new RegExp(`^${YEAR4}\\d{6}$`).test(n), shape: 'yyyy-nnnnnn: a four-digit western year and a six-digit serial (2023-123456)' },
  CN: {
    test: (n) => /^(?:\d{2}[12389]\d{5}|(?:19|20)\d\d[12389]\d{7})$/.test(n),
    shape: 'yyyy t nnnnnnn: a four-digit year, the type (1, 2, 3, 8 or 9) and a seven-digit serial (CN 202310123456.6), or before October 2003 yy t nnnnn (CN 97101765.4)',
  },
  KR: {
    test: (n) => new RegExp(`^(?:10|20|30|40)${YEAR4}\\d{7}$`).test(n),
    shape: 'tt-yyyy-nnnnnnn: the right (10 patent, 20 utility model, 30 design, 40 trade mark), a four-digit year and a seven-digit serial (10-2023-0012345)',
  },
  WO: { test: (n) => pctNumber(n), shape: 'PCT/CCyyyy/nnnnnn: the receiving office, a four-digit year and a six-digit serial (PCT/IB2023/050123), or before 2004 PCT/CCyy/nnnnn' },
};
// The International Bureau receives PCT applications too and numbers them the same way.
const OFFICES: Readonly<Record<string, OfficeFormat>> = { ...FORMATS, IB: FORMATS.WO! };

/** The offices whose own format is checked (the others get the generic rule). */
export const OFFICES_WITH_KNOWN_FORMAT: readonly string[] = Object.keys(OFFICES).sort();

/** The shape `office`'s numbers have, for messages and docs; undefined under the generic rule. */
export function expectedShape(office: string): string | undefined {
  return OFFICES[office]?.shape;
}

/**
 * Checks a normalised number (applicationNumberText, no check digit) against the format of the
 * office that gave it. A national office's own PCT numbers (PCT/JP2023/012345 at JP, as the
 * receiving office) are its numbers too.
 *
 * @throws IpexError APPLICATION_NUMBER_INVALID naming the expected shape.
 */
export function checkOfficeFormat(office: string, applicationNumberText: string): void {
  const format = OFFICES[office];
  if (format === undefined || format.test(applicationNumberText) || pctNumber(applicationNumberText, office)) return;
  throw new IpexError('APPLICATION_NUMBER_INVALID',
    `${applicationNumberText.slice(0, 32)} is not a ${office} application number: ${office} numbers are ${format.shape}`);
}
