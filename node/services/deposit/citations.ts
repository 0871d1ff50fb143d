/**
 * Checking the citations of a search or examination report before they are certified (issue 12;
 * docs/depositing.md "Citations"). Input is normalised first — office codes as ST.3, document
 * numbers and kind codes in capitals without separators, text in NFC without control or bidi
 * override characters (as every certified text, protocol/encoding/free-text.ts) — then held to
 * the shape both ends share (protocol/st96/citations.ts) and to what only the depositing office
 * can judge: a priority document carries no citations, and a cited document is not dated in the
 * future. Every refusal is CITATION_INVALID naming the citation and the field, for the office API
 * and for `ipex deposit --citations`, whose input never passed the OpenAPI validator.
 */
import type { DocumentKind } from '../../../protocol/certification/index.js';
import { normaliseFreeText } from '../../../protocol/encoding/free-text.js';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import { referenceCitationBagProblem, type ReferenceCitationBag } from '../../../protocol/st96/citations.js';
import { isPlainObject as isObject } from '../../../protocol/st96/shape.js';
import { latestFilingDate } from './bibliographic.js';

const BAG = 'bibliographicData.referenceCitationBag';

/**
 * Validates and normalises a reference citation bag of a `kind` deposit at the time `now`.
 *
 * @throws IpexError CITATION_INVALID naming the citation (`referenceCitation[i]`) and the field.
 */
export function checkReferenceCitationBag(value: unknown, kind: DocumentKind, now: Date): ReferenceCitationBag {
  if (kind === 'priorityDocument') fail(`${BAG}: a priority document carries no citations; they belong in its search or examination report`);
  const bag = normaliseBag(value);
  const problem = referenceCitationBagProblem(bag);
  if (problem !== undefined) fail(`${BAG}${problem.path} ${problem.why}`);
  const latest = latestFilingDate(now);
  (bag as ReferenceCitationBag).referenceCitation.forEach((c, i) => {
    const date = c.patentCitation?.patentDocumentDate;
    if (date !== undefined && date > latest) fail(`${BAG}.referenceCitation[${i}].patentCitation.patentDocumentDate ${date} is in the future`);
  });
  return bag as ReferenceCitationBag;
}

/** A copy with every value of the right type normalised; values of the wrong type are left for the shape check. */
function normaliseBag(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value.referenceCitation)) return value;
  return { ...value, referenceCitation: value.referenceCitation.map((c, i) => normaliseCitation(c, `${BAG}.referenceCitation[${i}]`)) };
}

function normaliseCitation(c: unknown, where: string): unknown {
  if (!isObject(c)) return c;
  const out: Record<string, unknown> = { ...c };
  const p = c.patentCitation;
  if (isObject(p)) {
    const office = typeof p.ipOfficeCode === 'string' ? st3(p.ipOfficeCode, `${where}.patentCitation.ipOfficeCode`) : undefined;
    out.patentCitation = {
      ...p,
      ...(office === undefined ? {} : { ipOfficeCode: office }),
      ...(typeof p.documentNumber === 'string' ? { documentNumber: documentNumber(p.documentNumber, office) } : {}),
      ...(typeof p.patentDocumentKindCode === 'string' ? { patentDocumentKindCode: p.patentDocumentKindCode.trim().toUpperCase() } : {}),
    };
  }
  const n = c.nplCitation;
  if (isObject(n)) {
    out.nplCitation = {
      ...n,
      ...(typeof n.nplCitationText === 'string' ? { nplCitationText: text(n.nplCitationText, `${where}.nplCitation.nplCitationText`) } : {}),
      // `https://doi.org/10.…` and `doi:10.…` name the same DOI as `10.…`.
      ...(typeof n.doi === 'string' ? { doi: n.doi.trim().replace(/^(doi:|https?:\/\/(dx\.)?doi\.org\/)/i, '') } : {}),
      ...(typeof n.webUri === 'string' ? { webUri: n.webUri.trim() } : {}),
    };
  }
  if (Array.isArray(c.citedPassage)) {
    out.citedPassage = c.citedPassage.map((passage, j) => (isObject(passage) && typeof passage.passageRangeText === 'string'
      ? { ...passage, passageRangeText: text(passage.passageRangeText, `${where}.citedPassage[${j}].passageRangeText`) }
      : passage));
  }
  return out;
}

/** `US 5,401,234` cited as a US document is `5401234`: capitals, no separators, no prefix of its own office. */
function documentNumber(text: string, office: string | undefined): string {
  const plain = text.trim().toUpperCase().replace(/[ ,./-]/g, '');
  return office !== undefined && plain.startsWith(office) && /^[0-9]/.test(plain.slice(2)) ? plain.slice(2) : plain;
}

function st3(code: string, where: string): string {
  try {
    return normaliseSt3Code(code);
  } catch (err) {
    if (isIpexError(err)) throw new IpexError('CITATION_INVALID', `${where}: ${err.message} [${err.code}]`, { cause: err });
    throw err;
  }
}

function text(value: string, where: string): string {
  const checked = normaliseFreeText(value);
  if (checked.problem !== undefined) fail(`${where} ${checked.problem}: control and bidirectional override characters are not allowed in text that is signed and printed`);
  return checked.text.trim();
}

function fail(message: string): never {
  throw new IpexError('CITATION_INVALID', message);
}
