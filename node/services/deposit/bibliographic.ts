/**
 * Checks what a clerk deposits (docs/design.md §5, §10): the document kind, the bibliographic data
 * with ST.96-style names, the availability date and the superseded document. The same checks
 * run for the office API (after OpenAPI validation of the shape) and for `ipex deposit`, whose
 * input never passed through the OpenAPI validator. The application number is normalised with
 * protocol/st13 so that depositing and retrieving offices land on the same lookup key; its
 * check digit is kept (`applicationNumberCheckDigit`) and checked where the office's algorithm
 * is known, and the number's shape against the office's published format (protocol/st13
 * office-formats.ts, issue 15). Issue 10, items 11 and 12: a filing date after today everywhere on Earth is refused,
 * and every free-text member is NFC-normalised and refused when it holds control or bidi
 * override characters (protocol/encoding/free-text.ts), because it is signed and printed.
 * Issue 12: priority claims (`priorityClaimBag`) are checked by priority-claims.ts, citations
 * (`referenceCitationBag`) by citations.ts.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { DOCUMENT_KINDS, IP_RIGHT_TYPES, type BibliographicData, type DocumentKind, type IpRightType } from '../../../protocol/certification/index.js';
import { normaliseFreeText } from '../../../protocol/encoding/free-text.js';
import { checkOfficeFormat, normaliseApplicationNumber, verifyCheckDigit } from '../../../protocol/st13/index.js';
import { isSt3Code } from '../../../protocol/st3/index.js';
import { checkReferenceCitationBag } from './citations.js';
import { checkPriorityClaimBag } from './priority-claims.js';

/** A deposit request as it arrives (openapi/office.yaml `DepositRequest`); attacker-controlled. */
export interface DepositInput {
  readonly documentKind: unknown;
  readonly bibliographicData: unknown;
  readonly availableFrom?: unknown;
  readonly supersedes?: unknown;
}

/** A checked, normalised deposit request. */
export interface DepositRequestData {
  readonly kind: DocumentKind;
  readonly bibliographic: BibliographicData;
  readonly availableFrom?: string;
  readonly supersedes?: string;
}

const ALLOWED_MEMBERS = [
  'ipOfficeCode', 'applicationNumberText', 'applicationNumberCheckDigit', 'filingDate', 'ipRightType', 'applicantName', 'inventionTitle', 'patentFamilyId',
  'priorityClaimBag', 'referenceCitationBag', 'searchingAuthority',
];
const PERSON_MEMBERS = ['lastName', 'firstName', 'organizationName'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const IDENTIFIER = /^[A-Za-z0-9_-]{8,64}$/;
const FAMILY = /^[A-Za-z0-9._:-]{1,64}$/;
// UTC+14 (Line Islands) is the first zone to reach a date: until then a date is still in the future everywhere.
const EARLIEST_ZONE_MS = 14 * 3_600_000;

/**
 * Validates and normalises a deposit request for the office `ownOffice` at the time `now`.
 *
 * @throws IpexError BIBLIOGRAPHIC_INVALID, DEPOSIT_OFFICE_MISMATCH, APPLICATION_NUMBER_INVALID,
 *   APPLICATION_NUMBER_OFFICE_MISMATCH, CHECK_DIGIT_MISMATCH, PRIORITY_CLAIM_INVALID, CITATION_INVALID
 */
export function checkDepositRequest(input: DepositInput, ownOffice: string, now: Date): DepositRequestData {
  const kind = input.documentKind;
  if (!DOCUMENT_KINDS.includes(kind as DocumentKind)) invalid(`documentKind must be one of ${DOCUMENT_KINDS.join(', ')}`);
  const b = input.bibliographicData;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) invalid('bibliographicData must be an object');
  const raw = b as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!ALLOWED_MEMBERS.includes(key)) invalid(`bibliographicData.${key.slice(0, 40)} is not a known member (${ALLOWED_MEMBERS.join(', ')})`);
  }
  if (typeof raw.ipOfficeCode !== 'string') invalid('bibliographicData.ipOfficeCode is required');
  if (raw.ipOfficeCode.toUpperCase() !== ownOffice) {
    throw new IpexError('DEPOSIT_OFFICE_MISMATCH', `ipOfficeCode ${JSON.stringify(raw.ipOfficeCode.slice(0, 8))} is not ${ownOffice}, the office of this node: a node certifies only its own office's documents`);
  }
  if (typeof raw.applicationNumberText !== 'string') invalid('bibliographicData.applicationNumberText is required');
  const number = normaliseApplicationNumber(ownOffice, raw.applicationNumberText);
  checkOfficeFormat(ownOffice, number.applicationNumberText); // issue 15: the office's own shape, where known
  const checkDigit = applicationCheckDigit(ownOffice, number, raw.applicationNumberCheckDigit, 'bibliographicData', invalid);
  if (typeof raw.filingDate !== 'string' || !isCalendarDate(raw.filingDate)) invalid('bibliographicData.filingDate must be a real date YYYY-MM-DD');
  const latest = latestFilingDate(now);
  if (raw.filingDate > latest) {
    invalid(`bibliographicData.filingDate ${raw.filingDate} is in the future: it is not yet that date in any time zone (the latest possible filing date now is ${latest})`);
  }
  if (!IP_RIGHT_TYPES.includes(raw.ipRightType as IpRightType)) invalid(`bibliographicData.ipRightType must be one of ${IP_RIGHT_TYPES.join(', ')}`);

  const bibliographic: Record<string, unknown> = {
    ipOfficeCode: ownOffice,
    applicationNumberText: number.applicationNumberText,
    ...(checkDigit === undefined ? {} : { applicationNumberCheckDigit: checkDigit }),
    filingDate: raw.filingDate,
    ipRightType: raw.ipRightType,
  };
  if (raw.applicantName !== undefined) bibliographic.applicantName = applicantNames(raw.applicantName);
  if (raw.inventionTitle !== undefined) bibliographic.inventionTitle = freeText(raw.inventionTitle, 'bibliographicData.inventionTitle', 2000);
  if (raw.patentFamilyId !== undefined) {
    if (typeof raw.patentFamilyId !== 'string' || !FAMILY.test(raw.patentFamilyId)) invalid('bibliographicData.patentFamilyId must be 1-64 of [A-Za-z0-9._:-]');
    bibliographic.patentFamilyId = raw.patentFamilyId;
  }
  if (raw.priorityClaimBag !== undefined) {
    const application = { ipOfficeCode: ownOffice, applicationNumberText: number.applicationNumberText, filingDate: raw.filingDate };
    bibliographic.priorityClaimBag = checkPriorityClaimBag(raw.priorityClaimBag, application, now);
  }
  if (raw.referenceCitationBag !== undefined) bibliographic.referenceCitationBag = checkReferenceCitationBag(raw.referenceCitationBag, kind as DocumentKind, now);
  const addressee = searchingAuthority(raw.searchingAuthority, kind as DocumentKind, ownOffice);
  if (addressee !== undefined) bibliographic.searchingAuthority = addressee;

  const result: { -readonly [K in keyof DepositRequestData]: DepositRequestData[K] } = {
    kind: kind as DocumentKind,
    bibliographic: bibliographic as unknown as BibliographicData,
  };
  if (input.availableFrom !== undefined) result.availableFrom = instant(input.availableFrom);
  if (input.supersedes !== undefined) {
    if (typeof input.supersedes !== 'string' || !IDENTIFIER.test(input.supersedes)) invalid('supersedes must be a document id');
    result.supersedes = input.supersedes;
  }
  return result;
}

/**
 * The latest filing date that is not in the future: today's date in UTC+14, the first time zone
 * to reach a date. A filing date after it is after today in every time zone, so no office can
 * have received the application yet; a date equal to it is today somewhere and is accepted.
 */
export function latestFilingDate(now: Date): string {
  return new Date(now.getTime() + EARLIEST_ZONE_MS).toISOString().slice(0, 10);
}

/**
 * The check digit to keep: the one printed after the number, or the member
 * `applicationNumberCheckDigit` (what this node answers with, so bibliographic data read back
 * can be sent again); both given, they must agree. Checked where the office's algorithm is known.
 * `where` names the object holding the number (the bibliographic data, a priority claim) and
 * `fail` raises the caller's code.
 */
export function applicationCheckDigit(
  office: string, number: { applicationNumberText: string; checkDigit?: string }, member: unknown, where: string, fail: (message: string) => never,
): string | undefined {
  if (member === undefined) return number.checkDigit;
  if (typeof member !== 'string' || !/^[0-9A-Za-z]$/.test(member)) fail(`${where}.applicationNumberCheckDigit must be one letter or digit`);
  const digit = member.toUpperCase();
  if (number.checkDigit !== undefined && number.checkDigit !== digit) {
    fail(`${where}.applicationNumberCheckDigit ${digit} differs from the check digit .${number.checkDigit} printed in applicationNumberText`);
  }
  verifyCheckDigit(office, number.applicationNumberText, digit);
  return digit;
}

/** Free text in NFC, 1–`max` characters, without control or bidi override characters. */
function freeText(value: unknown, where: string, max: number): string {
  if (typeof value !== 'string') invalid(`${where} must be text`);
  const checked = normaliseFreeText(value);
  if (checked.problem !== undefined) {
    invalid(`${where} ${checked.problem}: control and bidirectional override characters are not allowed in text that is signed and printed`);
  }
  if (checked.text.trim() === '' || checked.text.length > max) invalid(`${where} must be 1-${max} characters`);
  return checked.text;
}

/** True for a real calendar date `YYYY-MM-DD` (refuses 2023-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** An RFC 3339 instant (or a date, meaning its midnight UTC), returned as ISO 8601 UTC. */
function instant(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return `${value}T00:00:00.000Z`;
  if (typeof value !== 'string' || !INSTANT.test(value) || !Number.isFinite(Date.parse(value))) {
    invalid('availableFrom must be a date-time such as 2024-05-01T00:00:00Z');
  }
  return new Date(Date.parse(value)).toISOString();
}

/**
 * Issue 15: the searching authority a search copy is for — required on a `searchCopy`, refused on
 * any other kind, an ST.3 code other than this office's (whether the directory lists it is
 * checked at commit, where the directory is read).
 */
function searchingAuthority(value: unknown, kind: DocumentKind, ownOffice: string): string | undefined {
  if (kind !== 'searchCopy') {
    if (value !== undefined) invalid(`bibliographicData.searchingAuthority is only for a searchCopy, not a ${kind}`);
    return undefined;
  }
  if (typeof value !== 'string' || !isSt3Code(value.toUpperCase())) invalid('bibliographicData.searchingAuthority is required for a searchCopy: the ST.3 code of the searching authority it is for');
  const code = value.toUpperCase();
  if (code === ownOffice) invalid(`bibliographicData.searchingAuthority ${code} is this office: a search copy goes to another office`);
  return code;
}

function applicantNames(value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length > 100) invalid('bibliographicData.applicantName must be an array of at most 100 names');
  return value.map((name, i) => {
    if (typeof name !== 'object' || name === null || Array.isArray(name) || Object.keys(name).length === 0) {
      invalid(`bibliographicData.applicantName[${i}] must be a name object`);
    }
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(name as Record<string, unknown>)) {
      if (!PERSON_MEMBERS.includes(key)) invalid(`bibliographicData.applicantName[${i}].${key.slice(0, 40)} is not one of ${PERSON_MEMBERS.join('/')}`);
      out[key] = freeText(v, `bibliographicData.applicantName[${i}].${key}`, key === 'organizationName' ? 400 : 200);
    }
    return out;
  });
}

function invalid(message: string): never {
  throw new IpexError('BIBLIOGRAPHIC_INVALID', message);
}
