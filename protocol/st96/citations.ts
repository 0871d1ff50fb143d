/**
 * Citations of search and examination reports (issue 12), named as WIPO ST.96 names them and
 * written in JSON with those names in lower camel case: a `referenceCitationBag` of
 * `referenceCitation`s, each either a `patentCitation` (the cited document's `ipOfficeCode`,
 * `documentNumber`, `patentDocumentKindCode` (ST.16) and `patentDocumentDate`, flattened from
 * ST.96 `CitedPatentDocumentIdentification`) or an `nplCitation` (non-patent literature: its
 * `nplCitationText`, optionally a `doi` and a `webUri`), with one or more `citedPassage`s: the
 * passage (`passageRangeText`), its relevance as WIPO ST.14 category codes
 * (`citationCategoryCode`) and the claims it concerns (`patentClaimRange`s of
 * `patentClaimStartNumber`–`patentClaimEndNumber`).
 *
 * This module is what both ends share: the categories, the limits, and the shape a certified
 * manifest or a peer's answer may hold (anything else is refused). The depositing node also
 * normalises and checks meaning (node/services/deposit/citations.ts); protocol/st96/citation-xml.ts
 * writes the ST.96 XML.
 */
import { freeTextProblem } from '../encoding/free-text.js';
import { isSt3Code } from '../st3/index.js';
import { isDate, isPlainObject as isObject, type ShapeProblem } from './shape.js';

/**
 * The categories of cited documents of WIPO ST.14 (paragraph 14), as search reports print them.
 */
export const CITATION_CATEGORIES: Readonly<Record<string, string>> = {
  X: 'particularly relevant if taken alone',
  Y: 'particularly relevant if combined with another document of the same category',
  A: 'defining the general state of the art, not considered to be of particular relevance',
  O: 'non-written disclosure',
  P: 'intermediate document: published between the priority date and the filing date of the application',
  T: 'later document: theory or principle underlying the invention',
  E: 'earlier patent document published on or after the filing date (potentially conflicting)',
  D: 'document cited in the application',
  L: 'document cited for other reasons',
  '&': 'member of the same patent family',
};

export interface PatentCitation {
  readonly ipOfficeCode: string;
  /** Letters and digits, upper case, without separators. */
  readonly documentNumber: string;
  /** WIPO ST.16 kind code: a letter and an optional digit (`A`, `A1`, `B2`, `U`). */
  readonly patentDocumentKindCode: string;
  readonly patentDocumentDate?: string;
}

export interface NplCitation {
  readonly nplCitationText: string;
  readonly doi?: string;
  readonly webUri?: string;
}

export interface ClaimRange {
  readonly patentClaimStartNumber: number;
  readonly patentClaimEndNumber: number;
}

export interface CitedPassage {
  readonly passageRangeText?: string;
  readonly citationCategoryCode: readonly string[];
  readonly patentClaimRange?: readonly ClaimRange[];
}

export interface ReferenceCitation {
  readonly patentCitation?: PatentCitation;
  readonly nplCitation?: NplCitation;
  readonly citedPassage: readonly CitedPassage[];
}

export interface ReferenceCitationBag {
  readonly referenceCitation: readonly ReferenceCitation[];
}

/** Limits, the same in the office API, the exchange API and the manifest. */
export const CITATION_LIMITS = {
  citations: 200,
  passages: 20,
  categories: Object.keys(CITATION_CATEGORIES).length,
  claimRanges: 50,
  claimNumber: 10_000,
  passageText: 1000,
  nplText: 4000,
  webUri: 2048,
} as const;

export const DOI = /^10\.\d{4,9}\/[!-~]{1,200}$/;
export const KIND_CODE = /^[A-Z][0-9]?$/;
export const DOCUMENT_NUMBER = /^[A-Z0-9]{1,32}$/;

/** Where a certified bag breaks the shape, below the bag; undefined when it is well formed. */
export function referenceCitationBagProblem(value: unknown): ShapeProblem | undefined {
  if (!isObject(value)) return at('', 'is not an object');
  const extra = unknownMember(value, ['referenceCitation'], '');
  if (extra !== undefined) return extra;
  const list = value.referenceCitation;
  if (!Array.isArray(list) || list.length === 0 || list.length > CITATION_LIMITS.citations) {
    return at('.referenceCitation', `is not an array of 1-${CITATION_LIMITS.citations} citations`);
  }
  for (const [i, citation] of list.entries()) {
    const problem = citationProblem(citation, `.referenceCitation[${i}]`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function citationProblem(c: unknown, where: string): ShapeProblem | undefined {
  if (!isObject(c)) return at(where, 'is not an object');
  const extra = unknownMember(c, ['patentCitation', 'nplCitation', 'citedPassage'], where);
  if (extra !== undefined) return extra;
  if ((c.patentCitation === undefined) === (c.nplCitation === undefined)) return at(where, 'must have exactly one of patentCitation and nplCitation');
  const cited = c.patentCitation !== undefined ? patentProblem(c.patentCitation, `${where}.patentCitation`) : nplProblem(c.nplCitation, `${where}.nplCitation`);
  if (cited !== undefined) return cited;
  if (!Array.isArray(c.citedPassage) || c.citedPassage.length === 0 || c.citedPassage.length > CITATION_LIMITS.passages) {
    return at(`${where}.citedPassage`, `is not an array of 1-${CITATION_LIMITS.passages} passages (each citation needs its ST.14 category)`);
  }
  for (const [j, passage] of c.citedPassage.entries()) {
    const problem = passageProblem(passage, `${where}.citedPassage[${j}]`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function patentProblem(p: unknown, where: string): ShapeProblem | undefined {
  if (!isObject(p)) return at(where, 'is not an object');
  return unknownMember(p, ['ipOfficeCode', 'documentNumber', 'patentDocumentKindCode', 'patentDocumentDate'], where)
    ?? (typeof p.ipOfficeCode === 'string' && isSt3Code(p.ipOfficeCode) ? undefined : at(`${where}.ipOfficeCode`, 'is not an ST.3 office code'))
    ?? (typeof p.documentNumber === 'string' && DOCUMENT_NUMBER.test(p.documentNumber) ? undefined : at(`${where}.documentNumber`, 'is not 1-32 upper-case letters and digits'))
    ?? (typeof p.patentDocumentKindCode === 'string' && KIND_CODE.test(p.patentDocumentKindCode) ? undefined
      : at(`${where}.patentDocumentKindCode`, 'is not an ST.16 kind code (a capital letter and an optional digit: A, A1, B2)'))
    ?? (p.patentDocumentDate === undefined || (typeof p.patentDocumentDate === 'string' && isDate(p.patentDocumentDate)) ? undefined
      : at(`${where}.patentDocumentDate`, 'is not a YYYY-MM-DD date'));
}

function nplProblem(n: unknown, where: string): ShapeProblem | undefined {
  if (!isObject(n)) return at(where, 'is not an object');
  return unknownMember(n, ['nplCitationText', 'doi', 'webUri'], where)
    ?? (isText(n.nplCitationText, CITATION_LIMITS.nplText) ? undefined : at(`${where}.nplCitationText`, `is not 1-${CITATION_LIMITS.nplText} characters of text without control or bidi override characters`))
    ?? (n.doi === undefined || (typeof n.doi === 'string' && DOI.test(n.doi)) ? undefined : at(`${where}.doi`, 'is not a DOI (10.<registrant>/<suffix>)'))
    ?? (n.webUri === undefined || isWebUri(n.webUri) ? undefined : at(`${where}.webUri`, `is not an http(s) URL of at most ${CITATION_LIMITS.webUri} characters`));
}

function passageProblem(p: unknown, where: string): ShapeProblem | undefined {
  if (!isObject(p)) return at(where, 'is not an object');
  const extra = unknownMember(p, ['passageRangeText', 'citationCategoryCode', 'patentClaimRange'], where);
  if (extra !== undefined) return extra;
  if (p.passageRangeText !== undefined && !isText(p.passageRangeText, CITATION_LIMITS.passageText)) {
    return at(`${where}.passageRangeText`, `is not 1-${CITATION_LIMITS.passageText} characters of text without control or bidi override characters`);
  }
  const codes = p.citationCategoryCode;
  if (!Array.isArray(codes) || codes.length === 0 || codes.length > CITATION_LIMITS.categories) {
    return at(`${where}.citationCategoryCode`, 'is not an array of ST.14 categories');
  }
  for (const [k, code] of codes.entries()) {
    if (typeof code !== 'string' || !Object.hasOwn(CITATION_CATEGORIES, code)) {
      return at(`${where}.citationCategoryCode[${k}]`, `is not an ST.14 category (${Object.keys(CITATION_CATEGORIES).join(' ')})`);
    }
    if (codes.indexOf(code) !== k) return at(`${where}.citationCategoryCode[${k}]`, `repeats ${code}`);
  }
  if (p.patentClaimRange === undefined) return undefined;
  if (!Array.isArray(p.patentClaimRange) || p.patentClaimRange.length === 0 || p.patentClaimRange.length > CITATION_LIMITS.claimRanges) {
    return at(`${where}.patentClaimRange`, `is not an array of 1-${CITATION_LIMITS.claimRanges} claim ranges`);
  }
  for (const [k, range] of p.patentClaimRange.entries()) {
    const r = `${where}.patentClaimRange[${k}]`;
    if (!isObject(range)) return at(r, 'is not an object');
    const bad = unknownMember(range, ['patentClaimStartNumber', 'patentClaimEndNumber'], r);
    if (bad !== undefined) return bad;
    if (!isClaim(range.patentClaimStartNumber)) return at(`${r}.patentClaimStartNumber`, `is not a claim number 1-${CITATION_LIMITS.claimNumber}`);
    if (!isClaim(range.patentClaimEndNumber)) return at(`${r}.patentClaimEndNumber`, `is not a claim number 1-${CITATION_LIMITS.claimNumber}`);
    if ((range.patentClaimEndNumber as number) < (range.patentClaimStartNumber as number)) return at(`${r}.patentClaimEndNumber`, 'is before patentClaimStartNumber');
  }
  return undefined;
}

/** The citations of a bibliographic-data object (none when it has no bag). */
export function citationsOf(bibliographic: object): readonly ReferenceCitation[] {
  return (bibliographic as { referenceCitationBag?: ReferenceCitationBag }).referenceCitationBag?.referenceCitation ?? [];
}

/** `1-3, 7`: claim ranges as a search report prints them. */
export function formatClaimRanges(ranges: readonly ClaimRange[] | undefined): string {
  return (ranges ?? []).map((r) => (r.patentClaimStartNumber === r.patentClaimEndNumber ? `${r.patentClaimStartNumber}` : `${r.patentClaimStartNumber}-${r.patentClaimEndNumber}`)).join(', ');
}

export function isWebUri(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > CITATION_LIMITS.webUri || /[\s<>"\\^`{|}]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Certified text: within the limit, and free of the characters refused in signed text (and in XML). */
function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max && freeTextProblem(value) === undefined;
}

function isClaim(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= CITATION_LIMITS.claimNumber;
}

function unknownMember(value: Record<string, unknown>, allowed: readonly string[], where: string): ShapeProblem | undefined {
  const key = Object.keys(value).find((k) => !allowed.includes(k));
  return key === undefined ? undefined : at(`${where}.${key.slice(0, 40)}`, `is not a member (${allowed.join(', ')})`);
}

function at(path: string, why: string): ShapeProblem {
  return { path, why };
}
