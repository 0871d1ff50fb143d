/**
 * One row of an archive's index.csv, checked (issue 15, docs/importing.md "The index"): the
 * columns read into a deposit request and checked by the deposit service's own rules
 * (bibliographic.ts: kind, number and its office format, dates, right, text, priority claims),
 * each part found as a file inside the archive folder and its first bytes checked against the
 * media type its extension stands for. A row that fails any of it is refused with the code and
 * reason the validation report shows; the import goes on with the next row.
 *
 * The row's identity (`key`) is what the journal is keyed by: kind, normalised application number,
 * filing date and part paths — the same document however its other columns change. `digest`
 * covers the whole row, so a row changed after it was imported is told apart (IMPORT_ROW_CHANGED).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { HEAD_BYTES, declaredFormat, formatLabel, judgeMediaType, mediaTypeOfName } from '../../../protocol/files/media-type-sniff.js';
import { splitPriorityClaim } from '../../../protocol/st96/priority-claims.js';
import { checkDepositRequest, type DepositInput } from '../deposit/bibliographic.js';
import type { CsvRecord } from './csv.js';

/** The columns of index.csv, in any order; all are required in the header. */
export const INDEX_COLUMNS = ['kind', 'applicationNumber', 'filingDate', 'ipRight', 'title', 'applicants', 'priorityClaims', 'parts', 'availableFrom'] as const;
type Column = (typeof INDEX_COLUMNS)[number];

export interface ImportPart {
  readonly path: string;
  readonly file: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface ImportRow {
  /** The row's line in index.csv; 0 for a document folder. */
  readonly line: number;
  /** A document folder's path in the archive (`documents/<name>`), instead of a line. */
  readonly folder?: string;
  readonly input: DepositInput;
  readonly kind: string;
  /** As the index prints it (what the report shows). */
  readonly printedNumber: string;
  /** Normalised, as the document will hold it. */
  readonly applicationNumber: string;
  readonly parts: readonly ImportPart[];
  readonly bytes: number;
  readonly key: string;
  readonly digest: string;
}

export interface RefusedRow {
  readonly line: number;
  readonly folder?: string;
  readonly applicationNumber: string;
  readonly code: string;
  readonly reason: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; refused: RefusedRow };

/** Maps the header to column positions; IMPORT_INDEX_INVALID naming what is missing or unknown. */
export function indexColumns(header: CsvRecord): Map<Column, number> {
  const positions = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const column = name.trim() as Column;
    if (!INDEX_COLUMNS.includes(column)) throw new IpexError('IMPORT_INDEX_INVALID', `index.csv column ${JSON.stringify(name.slice(0, 40))} is not one of ${INDEX_COLUMNS.join(', ')}`);
    if (positions.has(column)) throw new IpexError('IMPORT_INDEX_INVALID', `index.csv names the column ${column} twice`);
    positions.set(column, i);
  });
  const missing = INDEX_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) throw new IpexError('IMPORT_INDEX_INVALID', `index.csv has no column ${missing.join(', ')} (the header must name ${INDEX_COLUMNS.join(', ')})`);
  return positions;
}

/**
 * Checks one record. `sniff` false skips reading the parts' first bytes (the deposit checks them
 * again as they stream).
 */
export function checkRow(record: CsvRecord, columns: Map<Column, number>, context: { dir: string; office: string; now: Date; sniff: boolean }): RowResult {
  const field = (c: Column): string => (record.fields[columns.get(c)!] ?? '').trim();
  const number = field('applicationNumber');
  const refuse = (code: string, reason: string): RowResult => ({ ok: false, refused: { line: record.line, applicationNumber: number, code, reason } });
  if (record.problem !== undefined) return refuse('IMPORT_ROW_MALFORMED', record.problem);
  if (record.fields.length !== columns.size) return refuse('IMPORT_ROW_MALFORMED', `the row has ${record.fields.length} fields, the header ${columns.size}`);

  const claims: Record<string, string>[] = [];
  for (const text of list(field('priorityClaims'))) {
    const claim = splitPriorityClaim(text);
    if (claim === undefined) return refuse('PRIORITY_CLAIM_INVALID', `priority claim ${JSON.stringify(text.slice(0, 60))} is not "CC NUMBER YYYY-MM-DD"`);
    claims.push(claim);
  }
  const bibliographicData: Record<string, unknown> = { ipOfficeCode: context.office, applicationNumberText: number, filingDate: field('filingDate'), ipRightType: field('ipRight') };
  if (field('title') !== '') bibliographicData.inventionTitle = field('title');
  const applicants = list(field('applicants'));
  if (applicants.length > 0) bibliographicData.applicantName = applicants.map((organizationName) => ({ organizationName }));
  if (claims.length > 0) bibliographicData.priorityClaimBag = { priorityClaim: claims };
  const input: DepositInput = { documentKind: field('kind'), bibliographicData, ...(field('availableFrom') === '' ? {} : { availableFrom: field('availableFrom') }) };
  let checked;
  try {
    checked = checkDepositRequest(input, context.office, context.now);
  } catch (err) {
    if (!isIpexError(err)) throw err;
    return refuse(err.code, err.message);
  }

  const paths = list(field('parts'));
  if (paths.length === 0) return refuse('IMPORT_PART_MISSING', 'the row names no part');
  const parts: ImportPart[] = [];
  for (const path of paths) {
    const part = findPart(context.dir, path);
    if (typeof part === 'string') return refuse('IMPORT_PART_MISSING', part);
    const wrong = context.sniff ? partBytesRefusal(part) : undefined;
    if (wrong !== undefined) return refuse('PART_MEDIA_TYPE_MISMATCH', wrong);
    parts.push(part);
  }
  return { ok: true, row: { line: record.line, ...identified(checked, parts), input, printedNumber: number } };
}

/**
 * The row's kind, number and size, and its identity: `key` (kind, normalised number, filing date
 * and part paths: the journal's key) and `digest` (the whole checked request and the paths).
 */
export function identified(checked: ReturnType<typeof checkDepositRequest>, parts: readonly ImportPart[]): Pick<ImportRow, 'kind' | 'applicationNumber' | 'parts' | 'bytes' | 'key' | 'digest'> {
  const paths = parts.map((p) => p.path);
  const normalised = checked.bibliographic.applicationNumberText;
  const key = sha256([checked.kind, normalised, checked.bibliographic.filingDate, ...paths].join('\n'));
  const digest = sha256(JSON.stringify([checked, paths]));
  return { kind: checked.kind, applicationNumber: normalised, parts, bytes: parts.reduce((n, p) => n + p.size, 0), key, digest };
}

/**
 * Why a part's first bytes are not what its extension says, or undefined when they are. A part of
 * a media type ipex has no signature for (.txt, .json, others) is not opened at all.
 */
export function partBytesRefusal(part: ImportPart): string | undefined {
  if (declaredFormat(part.mediaType) === undefined) return undefined;
  const verdict = judgeMediaType(part.mediaType, readHead(part.file));
  return verdict.ok ? undefined : `part ${part.path} is named as ${formatLabel(verdict.declared)} by its extension but its bytes are ${verdict.actual}`;
}

/** `a; b;` → ['a', 'b']. */
function list(text: string): string[] {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/** The part file, or why it cannot be one: outside the folder, missing, not a file. */
function findPart(dir: string, path: string): ImportPart | string {
  if (isAbsolute(path) || path.includes('\\')) return `part ${JSON.stringify(path)} must be a path relative to the archive folder, with /`;
  const root = resolve(dir);
  const file = resolve(root, path);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return `part ${JSON.stringify(path)} is outside the archive folder`;
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return `part ${path} is not a file`;
    size = stats.size;
  } catch {
    return `part ${path} does not exist in the archive folder`;
  }
  const name = path.split('/').pop()!;
  return { path, file: join(root, inside), name, mediaType: mediaTypeOfName(name), size };
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.allocUnsafe(HEAD_BYTES); // only the bytes read are looked at
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
