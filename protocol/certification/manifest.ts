/**
 * The certified manifest of a deposited document (docs/design.md §5): bibliographic data with
 * ST.96-style names, the version, the deposit time and the SHA-256 and size of every part.
 * It is signed as a JWS (`manifest-jws.ts`) over its RFC 8785 canonical JSON form.
 *
 * Everything here may come from a peer or a file, so {@link parseManifest} checks the shape
 * strictly: unknown members are refused (a verifier must not silently ignore what a signer
 * meant), part names are safe file names, digests are lower-case hex.
 *
 * Issue 10: a part may carry `originalName`, the name it was deposited under when that is not a
 * safe file name (part-names.ts); manifests without it read as before. The application number
 * has the one limit of protocol/st13 (32 letters and digits).
 *
 * Issue 12: bibliographic data may carry priority claims (`priorityClaimBag`,
 * protocol/st96/priority-claims.ts) and citations (`referenceCitationBag`, citations.ts); a
 * manifest whose bag breaks its shape is refused.
 */
import { IpexError } from '../errors/index.js';
import { isSt3Code } from '../st3/index.js';
import { MAX_APPLICATION_NUMBER_TEXT } from '../st13/index.js';
import { referenceCitationBagProblem } from '../st96/citations.js';
import { priorityClaimBagProblem } from '../st96/priority-claims.js';
import { originalPartNameProblem, validatePartName } from './part-names.js';

export { validatePartName } from './part-names.js';

/** The manifest format identifier. */
export const MANIFEST_FORMAT = 'ipex-manifest/1';

/** The kinds of document a node certifies (docs/design.md §5). */
export const DOCUMENT_KINDS = [
  'priorityDocument',
  'searchReport',
  'examinationReport',
  'writtenOpinion',
  'officeAction',
  // Issue 15: a PCT search copy, for one named searching authority (`bibliographicData.searchingAuthority`).
  'searchCopy',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** IP right types (docs/design.md §4). */
export const IP_RIGHT_TYPES = ['patent', 'utilityModel', 'industrialDesign', 'trademark'] as const;
export type IpRightType = (typeof IP_RIGHT_TYPES)[number];

/** Bibliographic data with ST.96-style names; further ST.96 members may be added. */
export interface BibliographicData {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  /** Calendar date, `YYYY-MM-DD`. */
  readonly filingDate: string;
  readonly ipRightType: IpRightType;
  readonly [member: string]: unknown;
}

/** One part of a document, as certified. */
export interface ManifestPart {
  /** The safe file name: the name in the bundle and in URLs. */
  readonly name: string;
  /** The name the part was deposited under, in NFC, when it is not a safe file name. */
  readonly originalName?: string;
  readonly mediaType: string;
  readonly size: number;
  /** SHA-256 of the part, 64 lower-case hex digits. */
  readonly sha256: string;
}

/** An `ipex-manifest/1` document. */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** ST.3 code of the certifying office; must match the signing certificate's office binding. */
  readonly office: string;
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: DocumentKind;
  readonly bibliographicData: BibliographicData;
  /** ISO 8601 UTC instant. */
  readonly depositedAt: string;
  readonly availableFrom?: string;
  readonly supersedes?: { readonly documentId: string; readonly version: number };
  readonly parts: readonly ManifestPart[];
}

const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const APPLICATION_NUMBER = new RegExp(`^[A-Za-z0-9]{1,${MAX_APPLICATION_NUMBER_TEXT}}$`);

/**
 * Validates an untrusted value as a manifest and returns it, typed. Part-name errors raise
 * PART_NAME_INVALID; everything else MANIFEST_MALFORMED naming the offending member.
 */
export function parseManifest(value: unknown): Manifest {
  const m = object(value, '$', [
    'format', 'office', 'documentId', 'version', 'documentKind', 'bibliographicData',
    'depositedAt', 'availableFrom', 'supersedes', 'parts',
  ]);
  if (m.format !== MANIFEST_FORMAT) throw malformed('$.format', `is not "${MANIFEST_FORMAT}"`);
  check(typeof m.office === 'string' && isSt3Code(m.office), '$.office', 'is not an ST.3 office code');
  check(typeof m.documentId === 'string' && DOCUMENT_ID.test(m.documentId), '$.documentId', 'is not a document identifier');
  positiveInt(m.version, '$.version');
  check(DOCUMENT_KINDS.includes(m.documentKind as DocumentKind), '$.documentKind', `is not one of ${DOCUMENT_KINDS.join(', ')}`);
  bibliographic(m.bibliographicData);
  // A search copy names the one office it is for; no other kind names one (issue 15).
  const addressee = (m.bibliographicData as Record<string, unknown>).searchingAuthority;
  if (m.documentKind === 'searchCopy') {
    check(typeof addressee === 'string' && isSt3Code(addressee), '$.bibliographicData.searchingAuthority', 'is not an ST.3 office code (a search copy names its searching authority)');
  } else {
    check(addressee === undefined, '$.bibliographicData.searchingAuthority', 'is only for a searchCopy');
  }
  instant(m.depositedAt, '$.depositedAt');
  if (m.availableFrom !== undefined) instant(m.availableFrom, '$.availableFrom');
  if (m.supersedes !== undefined) {
    const s = object(m.supersedes, '$.supersedes', ['documentId', 'version']);
    check(typeof s.documentId === 'string' && DOCUMENT_ID.test(s.documentId), '$.supersedes.documentId', 'is not a document identifier');
    positiveInt(s.version, '$.supersedes.version');
  }
  check(Array.isArray(m.parts) && m.parts.length > 0, '$.parts', 'is not a non-empty array');
  const seen = new Set<string>();
  (m.parts as unknown[]).forEach((item, i) => {
    const where = `$.parts[${i}]`;
    const p = object(item, where, ['name', 'originalName', 'mediaType', 'size', 'sha256']);
    validatePartName(p.name);
    if (p.originalName !== undefined) {
      const problem = typeof p.originalName === 'string' ? originalPartNameProblem(p.originalName) : 'is not text';
      if (problem !== undefined) throw new IpexError('PART_NAME_INVALID', `${where}.originalName ${problem}`);
    }
    if (seen.has(p.name.toLowerCase())) throw new IpexError('PART_NAME_INVALID', `part name "${p.name}" appears twice (names are compared without case)`);
    seen.add(p.name.toLowerCase());
    check(typeof p.mediaType === 'string' && MEDIA_TYPE.test(p.mediaType), `${where}.mediaType`, 'is not a media type');
    check(Number.isSafeInteger(p.size) && (p.size as number) >= 0, `${where}.size`, 'is not a non-negative integer');
    check(typeof p.sha256 === 'string' && SHA256_HEX.test(p.sha256), `${where}.sha256`, 'is not 64 lower-case hex digits');
  });
  // In a bundle, part X's signature is X.p7s: a part may not take the name of another's signature.
  for (const name of seen) {
    if (seen.has(`${name}.p7s`)) throw new IpexError('PART_NAME_INVALID', `part "${name}.p7s" would collide with the signature file of part "${name}"`);
  }
  return value as Manifest;
}

function bibliographic(value: unknown): void {
  const b = object(value, '$.bibliographicData', null);
  check(typeof b.ipOfficeCode === 'string' && isSt3Code(b.ipOfficeCode), '$.bibliographicData.ipOfficeCode', 'is not an ST.3 office code');
  check(typeof b.applicationNumberText === 'string' && APPLICATION_NUMBER.test(b.applicationNumberText),
    '$.bibliographicData.applicationNumberText', `is not 1-${MAX_APPLICATION_NUMBER_TEXT} letters and digits`);
  check(typeof b.filingDate === 'string' && DATE.test(b.filingDate) && validDate(`${b.filingDate}T00:00:00Z`),
    '$.bibliographicData.filingDate', 'is not a YYYY-MM-DD date');
  check(IP_RIGHT_TYPES.includes(b.ipRightType as IpRightType), '$.bibliographicData.ipRightType', `is not one of ${IP_RIGHT_TYPES.join(', ')}`);
  if (b.priorityClaimBag !== undefined) {
    const problem = priorityClaimBagProblem(b.priorityClaimBag);
    if (problem !== undefined) throw malformed(`$.bibliographicData.priorityClaimBag${problem.path}`, problem.why);
  }
  if (b.referenceCitationBag !== undefined) {
    const problem = referenceCitationBagProblem(b.referenceCitationBag);
    if (problem !== undefined) throw malformed(`$.bibliographicData.referenceCitationBag${problem.path}`, problem.why);
  }
}

function object(value: unknown, where: string, allowed: readonly string[] | null): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(where, 'is not an object');
  if (allowed !== null) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw malformed(`${where}.${key.slice(0, 40)}`, 'is not a member of ipex-manifest/1');
    }
  }
  return value as Record<string, unknown>;
}

function positiveInt(value: unknown, where: string): void {
  check(Number.isSafeInteger(value) && (value as number) >= 1, where, 'is not an integer >= 1');
}

function instant(value: unknown, where: string): void {
  check(typeof value === 'string' && INSTANT.test(value) && validDate(value), where, 'is not an ISO 8601 UTC instant');
}

/** True when the text names a real calendar instant (rejects 2025-02-30). */
function validDate(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text.slice(0, 10);
}

function check(ok: boolean, where: string, why: string): void {
  if (!ok) throw malformed(where, why);
}

function malformed(where: string, why: string): IpexError {
  return new IpexError('MANIFEST_MALFORMED', `manifest ${where} ${why}`);
}
