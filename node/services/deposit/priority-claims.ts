/**
 * Checking the priority claims of a deposit (issue 12; docs/depositing.md "Priority claims")
 * before they are certified: each claim names an office of WIPO ST.3, a number that normalises
 * under ST.13 for that office (its check digit checked where the algorithm is known), and a real
 * filing date that is neither in the future nor after the application's own filing date. The
 * checks are those of the application itself (bibliographic.ts, protocol/st13), so a claim is
 * stored under the very key the claimed application is deposited and searched under
 * (protocol/st96/priority-claims.ts). Every refusal is PRIORITY_CLAIM_INVALID naming the claim
 * and the member, for the office API and for `ipex deposit --priority`, whose input never passed
 * the OpenAPI validator.
 */
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import { checkOfficeFormat, normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import { MAX_PRIORITY_CLAIMS, PRIORITY_CLAIM_MEMBERS, type PriorityClaim, type PriorityClaimBag } from '../../../protocol/st96/priority-claims.js';
import { applicationCheckDigit, isCalendarDate, latestFilingDate } from './bibliographic.js';

/** The application that makes the claims. */
export interface ClaimingApplication {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
}

const BAG = 'bibliographicData.priorityClaimBag';

/**
 * Validates and normalises a priority claim bag at the time `now`.
 *
 * @throws IpexError PRIORITY_CLAIM_INVALID naming the claim (`priorityClaim[i]`) and the member.
 */
export function checkPriorityClaimBag(value: unknown, application: ClaimingApplication, now: Date): PriorityClaimBag {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${BAG} must be an object {"priorityClaim": [...]}`);
  for (const key of Object.keys(value)) {
    if (key !== 'priorityClaim') fail(`${BAG}.${key.slice(0, 40)} is not a member (priorityClaim)`);
  }
  const claims = (value as { priorityClaim?: unknown }).priorityClaim;
  if (!Array.isArray(claims) || claims.length === 0 || claims.length > MAX_PRIORITY_CLAIMS) {
    fail(`${BAG}.priorityClaim must be an array of 1-${MAX_PRIORITY_CLAIMS} claims (leave priorityClaimBag out when no priority is claimed)`);
  }
  const latest = latestFilingDate(now);
  const seen = new Map<string, number>();
  const checked = claims.map((claim, i) => {
    const where = `${BAG}.priorityClaim[${i}]`;
    const c = checkClaim(claim, where, latest, application.filingDate);
    const key = `${c.ipOfficeCode} ${c.applicationNumberText}`;
    if (c.ipOfficeCode === application.ipOfficeCode && c.applicationNumberText === application.applicationNumberText) {
      fail(`${where} claims the priority of this very application (${key})`);
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) fail(`${where} claims ${key} again (as priorityClaim[${earlier}] does): claim each application once`);
    seen.set(key, i);
    return c;
  });
  return { priorityClaim: checked };
}

function checkClaim(value: unknown, where: string, latest: string, applicationFilingDate: string): PriorityClaim {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} must be an object`);
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(PRIORITY_CLAIM_MEMBERS as readonly string[]).includes(key)) fail(`${where}.${key.slice(0, 40)} is not a member (${PRIORITY_CLAIM_MEMBERS.join(', ')})`);
  }
  if (typeof raw.ipOfficeCode !== 'string') fail(`${where}.ipOfficeCode is required`);
  const office = rethrown(`${where}.ipOfficeCode`, () => normaliseSt3Code(raw.ipOfficeCode as string));
  if (typeof raw.applicationNumberText !== 'string') fail(`${where}.applicationNumberText is required`);
  const number = rethrown(`${where}.applicationNumberText`, () => normaliseApplicationNumber(office, raw.applicationNumberText as string));
  rethrown(`${where}.applicationNumberText`, () => checkOfficeFormat(office, number.applicationNumberText)); // issue 15
  const digit = rethrown(where, () => applicationCheckDigit(office, number, raw.applicationNumberCheckDigit, where, fail));
  const date = raw.filingDate;
  if (typeof date !== 'string' || !isCalendarDate(date)) fail(`${where}.filingDate must be a real date YYYY-MM-DD`);
  if (date > latest) fail(`${where}.filingDate ${date} is in the future: it is not yet that date in any time zone`);
  if (date > applicationFilingDate) {
    fail(`${where}.filingDate ${date} is after the filing date ${applicationFilingDate} of the application that claims it: a priority is an earlier application`);
  }
  return {
    ipOfficeCode: office,
    applicationNumberText: number.applicationNumberText,
    ...(digit === undefined ? {} : { applicationNumberCheckDigit: digit }),
    filingDate: date,
  };
}

/** Runs an ST.3/ST.13 check and reports its refusal as this claim's, keeping the reason. */
function rethrown<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (isIpexError(err) && err.code !== 'PRIORITY_CLAIM_INVALID') {
      throw new IpexError('PRIORITY_CLAIM_INVALID', `${where}: ${err.message} [${err.code}]`, { cause: err });
    }
    throw err;
  }
}

function fail(message: string): never {
  throw new IpexError('PRIORITY_CLAIM_INVALID', message);
}
