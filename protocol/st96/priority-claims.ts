/**
 * Priority claims in the bibliographic data of a deposit (issue 12), named as WIPO ST.96 names
 * them: `PriorityClaimBag` holding `PriorityClaim`s, each the office (`IPOfficeCode`), the
 * number (`ApplicationNumberText`) and the filing date (`FilingDate`) of the earlier application
 * whose priority is claimed. ipex writes them in JSON with the ST.96 names in lower camel case,
 * the number flattened beside the office as the rest of the bibliographic data has it:
 *
 *   "priorityClaimBag": { "priorityClaim": [
 *     { "ipOfficeCode": "EP", "applicationNumberText": "23123456", "filingDate": "2023-05-01" } ] }
 *
 * This module is what both ends share: the shape a certified manifest may hold (a verifier
 * refuses anything else) and the keys a family search follows. The depositing node checks the
 * meaning — office codes, ST.13 numbers, dates — before it certifies (node/services/deposit).
 */
import { isSt3Code } from '../st3/index.js';
import { MAX_APPLICATION_NUMBER_TEXT } from '../st13/index.js';
import { isDate, isPlainObject, type ShapeProblem } from './shape.js';

export type { ShapeProblem } from './shape.js';

/** One claim to the priority of an earlier application. */
export interface PriorityClaim {
  readonly ipOfficeCode: string;
  /** Normalised as ST.13 lookup text: letters and digits, no office prefix, no check digit. */
  readonly applicationNumberText: string;
  readonly applicationNumberCheckDigit?: string;
  /** `YYYY-MM-DD`. */
  readonly filingDate: string;
}

export interface PriorityClaimBag {
  readonly priorityClaim: readonly PriorityClaim[];
}

/** The most claims one deposit may make (a Paris Convention application rarely has ten). */
export const MAX_PRIORITY_CLAIMS = 100;

export const PRIORITY_CLAIM_MEMBERS = ['ipOfficeCode', 'applicationNumberText', 'applicationNumberCheckDigit', 'filingDate'] as const;

const NUMBER = new RegExp(`^[A-Z0-9]{1,${MAX_APPLICATION_NUMBER_TEXT}}$`);

/**
 * Checks the shape of a bag as certified (already normalised); undefined when it is well formed.
 * Every member is attacker-controlled when the bag comes from a peer's manifest or answer.
 */
export function priorityClaimBagProblem(value: unknown): ShapeProblem | undefined {
  if (!isPlainObject(value)) return { path: '', why: 'is not an object' };
  for (const key of Object.keys(value)) {
    if (key !== 'priorityClaim') return { path: `.${key.slice(0, 40)}`, why: 'is not a member of a priority claim bag' };
  }
  const claims = value.priorityClaim;
  if (!Array.isArray(claims) || claims.length === 0 || claims.length > MAX_PRIORITY_CLAIMS) {
    return { path: '.priorityClaim', why: `is not an array of 1-${MAX_PRIORITY_CLAIMS} claims` };
  }
  for (const [i, claim] of claims.entries()) {
    const where = `.priorityClaim[${i}]`;
    if (!isPlainObject(claim)) return { path: where, why: 'is not an object' };
    for (const key of Object.keys(claim)) {
      if (!(PRIORITY_CLAIM_MEMBERS as readonly string[]).includes(key)) return { path: `${where}.${key.slice(0, 40)}`, why: 'is not a member of a priority claim' };
    }
    if (typeof claim.ipOfficeCode !== 'string' || !isSt3Code(claim.ipOfficeCode)) return { path: `${where}.ipOfficeCode`, why: 'is not an ST.3 office code' };
    if (typeof claim.applicationNumberText !== 'string' || !NUMBER.test(claim.applicationNumberText)) {
      return { path: `${where}.applicationNumberText`, why: `is not 1-${MAX_APPLICATION_NUMBER_TEXT} upper-case letters and digits` };
    }
    if (claim.applicationNumberCheckDigit !== undefined && (typeof claim.applicationNumberCheckDigit !== 'string' || !/^[0-9A-Z]$/.test(claim.applicationNumberCheckDigit))) {
      return { path: `${where}.applicationNumberCheckDigit`, why: 'is not one digit or upper-case letter' };
    }
    if (typeof claim.filingDate !== 'string' || !isDate(claim.filingDate)) return { path: `${where}.filingDate`, why: 'is not a YYYY-MM-DD date' };
  }
  return undefined;
}

/** The claims of a bibliographic-data object (none when it has no bag). */
export function priorityClaimsOf(bibliographic: object): readonly PriorityClaim[] {
  const bag = (bibliographic as { priorityClaimBag?: PriorityClaimBag }).priorityClaimBag;
  return bag?.priorityClaim ?? [];
}

/** `EP 23123456 2023-05-01`: how a claim is printed (and typed on the command line). */
export function formatPriorityClaim(claim: PriorityClaim): string {
  const digit = claim.applicationNumberCheckDigit === undefined ? '' : `.${claim.applicationNumberCheckDigit}`;
  return `${claim.ipOfficeCode} ${claim.applicationNumberText}${digit} ${claim.filingDate}`;
}

/**
 * `CC NUMBER YYYY-MM-DD` — a claim written on one line (`ipex deposit --priority`, the
 * `priorityClaims` column of `ipex import`): the office code, the number as printed (it may hold
 * spaces) and the filing date. Undefined when there are fewer than three words; what the words
 * mean is checked where the claim is certified.
 */
export function splitPriorityClaim(text: string): { ipOfficeCode: string; applicationNumberText: string; filingDate: string } | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length < 3) return undefined;
  return { ipOfficeCode: words[0]!, applicationNumberText: words.slice(1, -1).join(' '), filingDate: words[words.length - 1]! };
}
